/// .NET build outputs that record the restored packages: `*.deps.json` (next to a built application) and
/// `obj/project.assets.json` (after `dotnet restore`). Both list `libraries` keyed `Name/Version`; assets
/// files mark the solution's own projects `type: project`, which are left out there.
public struct DotnetAssetsParser: LockfileParser {
    public init() {}
    public var formatName: String { "project.assets.json / *.deps.json" }
    public var ecosystem: Ecosystem { .nuget }

    public func matches(path: String) -> Bool {
        let name = LockfileFiles.fileName(of: path)
        return name == "project.assets.json" || (name.hasSuffix(".deps.json") && name.count > ".deps.json".count)
    }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root = try input.jsonObject(emptyIsEmpty: false)
        let assets = input.fileName == "project.assets.json"
        var result = LockfileResult()
        guard let libraries = root.object("libraries") else {
            throw input.error("no 'libraries' object; not a \(assets ? "project.assets.json" : "deps.json") file")
        }
        for m in libraries.members {
            guard let slash = m.key.lastIndex(of: "/") else {
                result.warnings.append(input.warning("library '\(m.key.prefix(100))' has no '/version'; skipped", line: m.line))
                continue
            }
            let type = m.value.object?.string("type")
            if assets && type == "project" { continue }
            result.packages.append(.entry(.nuget, name: String(m.key[..<slash]), version: String(m.key[m.key.index(after: slash)...]),
                                          file: input.path, line: m.line))
        }
        return result
    }
}
