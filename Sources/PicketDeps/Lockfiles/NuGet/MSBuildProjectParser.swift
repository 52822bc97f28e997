/// NuGet references in MSBuild files: `<PackageReference Include="X" Version="1.2.3"/>` in project files
/// (`*.csproj`, `*.vbproj`, `*.fsproj`, `Directory.Build.props`) and `<PackageVersion>` in central package
/// management (`Directory.Packages.props`). The version may be an attribute or a child element. NuGet
/// restores the lowest version a plain `1.2.3` allows, so that is exact; ranges (`[1.0,2.0)`) and floating
/// versions (`6.*`) are reported unresolved. A project with a `packages.lock.json` beside it is superseded by
/// the lockfile.
public struct MSBuildProjectParser: LockfileParser {
    public init() {}
    public var formatName: String { "MSBuild project (PackageReference)" }
    public var ecosystem: Ecosystem { .nuget }

    public func matches(path: String) -> Bool {
        let name = LockfileFiles.fileName(of: path)
        if name == "Directory.Packages.props" || name == "Directory.Build.props" { return true }
        return (name.hasSuffix(".csproj") || name.hasSuffix(".vbproj") || name.hasSuffix(".fsproj")) && name.count > 7
    }

    public func supersededBy(path: String) -> [String] {
        let name = LockfileFiles.fileName(of: path)
        guard name.hasSuffix("proj") else { return [] }
        return [LockfileFiles.join(LockfileFiles.directory(of: path), "packages.lock.json")]
    }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root: XMLElementNode
        do { root = try XMLTree.parse(input.data) } catch let e as XMLTree.ParseError {
            throw input.error(e.message, line: e.line)
        }
        var result = LockfileResult()
        for group in root.children("ItemGroup") {
            for item in group.children where item.localName == "PackageReference" || item.localName == "PackageVersion" {
                guard let name = item.attribute("Include") ?? item.attribute("Update"), !name.isEmpty else { continue }
                let raw = item.attribute("Version") ?? item.attribute("VersionOverride") ?? item.value("Version")
                guard let raw, !raw.isEmpty else { continue } // versioned centrally or by the SDK
                let (version, reason) = Self.exact(raw)
                result.packages.append(.entry(.nuget, name: name, version: version, file: input.path, line: item.line,
                                              direct: true, unresolvedReason: reason))
            }
        }
        return result
    }

    /// A NuGet version requirement → exact version or why not.
    static func exact(_ raw: String) -> (String?, String?) {
        let t = raw.trimmedSpaces
        if t.contains("$(") { return (nil, "version comes from the MSBuild property \(t.prefix(80))") }
        if t.contains("*") { return (nil, "floating version '\(t.prefix(80))' is not pinned") }
        if t.hasPrefix("[") && t.hasSuffix("]") && !t.contains(",") { return (String(t.dropFirst().dropLast()).trimmedSpaces, nil) }
        if t.hasPrefix("[") || t.hasPrefix("(") || t.contains(",") { return (nil, "version range '\(t.prefix(80))' is not pinned") }
        return (t, nil)
    }
}
