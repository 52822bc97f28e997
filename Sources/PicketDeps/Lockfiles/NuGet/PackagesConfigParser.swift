/// The legacy NuGet `packages.config`: `<package id="X" version="1.2.3" developmentDependency="true"/>`.
public struct PackagesConfigParser: LockfileParser {
    public init() {}
    public var formatName: String { "packages.config" }
    public var ecosystem: Ecosystem { .nuget }

    public func matches(path: String) -> Bool { LockfileFiles.fileName(of: path) == "packages.config" }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root: XMLElementNode
        do { root = try XMLTree.parse(input.data) } catch let e as XMLTree.ParseError {
            throw input.error(e.message, line: e.line)
        }
        var result = LockfileResult()
        for p in root.children("package") {
            guard let id = p.attribute("id"), !id.isEmpty, let version = p.attribute("version"), !version.isEmpty else {
                result.warnings.append(input.warning("<package> without an id or version; skipped", line: p.line))
                continue
            }
            let dev = p.attribute("developmentDependency") == "true"
            result.packages.append(.entry(.nuget, name: id, version: version, file: input.path, line: p.line,
                                          groups: dev ? ["dev"] : [], groupsKnown: true, direct: true))
        }
        return result
    }
}
