import PicketCore

/// Poetry's `poetry.lock` (TOML `[[package]]` tables). Poetry 1.x marks dev packages with
/// `category = "dev"`; Poetry 2 lists `groups` (`main` is production). `optional = true` marks extras.
/// Git sources pin `source.resolved_reference`.
public struct PoetryLockParser: LockfileParser {
    public init() {}
    public var formatName: String { "poetry.lock" }
    public var ecosystem: Ecosystem { .pypi }

    public func matches(path: String) -> Bool { LockfileFiles.fileName(of: path) == "poetry.lock" }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root = try input.toml()
        var result = LockfileResult()
        for pkg in root.tables("package") {
            guard let name = pkg.string("name"), let version = pkg.string("version") else {
                result.warnings.append(input.warning("[[package]] without a name or version; skipped", line: pkg.line))
                continue
            }
            var groups = Set<String>()
            // A package any production path needs (`main`) is production, whatever else needs it.
            if let gs = pkg["groups"]?.strings, !gs.contains("main") { groups.formUnion(gs) }
            if pkg.string("category") == "dev" { groups.insert("dev") }
            if pkg["optional"]?.bool == true { groups.insert("optional") }
            var commit: String?
            if let source = pkg.table("source"), source.string("type") == "git" {
                commit = source.string("resolved_reference") ?? source.string("reference")
            }
            result.packages.append(.entry(.pypi, name: name, version: version, file: input.path, line: pkg.line(of: "name") ?? pkg.line,
                                          groups: groups.sorted(), groupsKnown: true, commit: commit))
        }
        return result
    }
}
