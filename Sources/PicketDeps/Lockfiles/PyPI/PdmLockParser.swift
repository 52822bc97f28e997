import PicketCore

/// PDM's `pdm.lock` (TOML `[[package]]`). `groups` names the dependency groups needing the package:
/// `default` is production, `dev` is development, any other group is an optional extra. Git packages pin
/// `revision`.
public struct PdmLockParser: LockfileParser {
    public init() {}
    public var formatName: String { "pdm.lock" }
    public var ecosystem: Ecosystem { .pypi }

    public func matches(path: String) -> Bool { LockfileFiles.fileName(of: path) == "pdm.lock" }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root = try input.toml()
        var result = LockfileResult()
        for pkg in root.tables("package") {
            guard let name = pkg.string("name"), let version = pkg.string("version") else {
                result.warnings.append(input.warning("[[package]] without a name or version; skipped", line: pkg.line))
                continue
            }
            var groups = Set<String>()
            let named = pkg["groups"]?.strings ?? []
            if !named.contains("default") {
                for g in named { groups.insert(g == "dev" ? "dev" : "optional") }
            }
            let commit = pkg.string("git") != nil ? pkg.string("revision") : nil
            result.packages.append(.entry(.pypi, name: name, version: version, file: input.path, line: pkg.line(of: "name") ?? pkg.line,
                                          groups: groups.sorted(), groupsKnown: true, commit: commit))
        }
        return result
    }
}
