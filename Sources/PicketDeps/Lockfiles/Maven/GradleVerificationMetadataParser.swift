/// Gradle's dependency verification file `gradle/verification-metadata.xml`: every component Gradle verified,
/// `<component group= name= version=>`, i.e. the resolved dependency graph of the build. Components
/// without a group or name are skipped.
public struct GradleVerificationMetadataParser: LockfileParser {
    public init() {}
    public var formatName: String { "gradle/verification-metadata.xml" }
    public var ecosystem: Ecosystem { .maven }

    public func matches(path: String) -> Bool {
        LockfileFiles.fileName(of: path) == "verification-metadata.xml"
            && LockfileFiles.fileName(of: LockfileFiles.directory(of: path)) == "gradle"
    }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root: XMLElementNode
        do { root = try XMLTree.parse(input.data) } catch let e as XMLTree.ParseError {
            throw input.error(e.message, line: e.line)
        }
        var result = LockfileResult()
        for component in root.child("components")?.children("component") ?? [] {
            guard let group = component.attribute("group"), !group.isEmpty,
                  let name = component.attribute("name"), !name.isEmpty else {
                result.warnings.append(input.warning("<component> without a group or name; skipped", line: component.line))
                continue
            }
            result.packages.append(.entry(.maven, name: "\(group):\(name)", version: component.attribute("version"),
                                          file: input.path, line: component.line))
        }
        return result
    }
}
