import PicketCore

/// uv's `uv.lock` (TOML `[[package]]`). The project itself and workspace members (`source = { virtual }` or
/// `{ editable }`) are not dependencies; what they list makes a package direct, and the groups they list it
/// under (`[package.optional-dependencies]`, `[package.dev-dependencies]`) become its groups unless it is also
/// a plain dependency. Git sources carry the commit after `#`.
public struct UvLockParser: LockfileParser {
    public init() {}
    public var formatName: String { "uv.lock" }
    public var ecosystem: Ecosystem { .pypi }

    public func matches(path: String) -> Bool { LockfileFiles.fileName(of: path) == "uv.lock" }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root = try input.toml()
        let packages = root.tables("package")
        func isProject(_ p: TOMLTable) -> Bool {
            guard let source = p.table("source") else { return false }
            return source["virtual"] != nil || source["editable"] != nil
        }
        var main = Set<String>()
        var grouped: [String: Set<String>] = [:]
        for p in packages where isProject(p) {
            for d in p["dependencies"]?.array ?? [] { if let n = d.table?.string("name") { main.insert(n) } }
            for section in ["optional-dependencies", "dev-dependencies"] {
                for e in p.table(section)?.entries ?? [] {
                    for d in e.value.array ?? [] {
                        if let n = d.table?.string("name") { grouped[n, default: []].insert(e.key) }
                    }
                }
            }
        }
        var result = LockfileResult()
        for p in packages where !isProject(p) {
            guard let name = p.string("name"), let version = p.string("version") else {
                result.warnings.append(input.warning("[[package]] without a name or version; skipped", line: p.line))
                continue
            }
            var commit: String?
            if let git = p.table("source")?.string("git"), let hash = git.lastIndex(of: "#") {
                commit = String(git[git.index(after: hash)...])
            }
            let groups = main.contains(name) ? [] : (grouped[name] ?? []).sorted()
            let direct = main.contains(name) || grouped[name] != nil
            result.packages.append(.entry(.pypi, name: name, version: version, file: input.path, line: p.line(of: "name") ?? p.line,
                                          groups: groups, groupsKnown: true, direct: direct, commit: commit))
        }
        return result
    }
}
