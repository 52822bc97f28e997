import PicketCore

/// PEP 751 `pylock.toml` / `pylock.<name>.toml` (`[[packages]]`). VCS packages carry `vcs.commit-id`;
/// packages without a version (the project's own directory) are left out.
public struct PylockParser: LockfileParser {
    public init() {}
    public var formatName: String { "pylock.toml" }
    public var ecosystem: Ecosystem { .pypi }

    public func matches(path: String) -> Bool {
        // `pylock.toml` or `pylock.<name>.toml` (PEP 751), where <name> has no dot.
        let name = LockfileFiles.fileName(of: path)
        if name == "pylock.toml" { return true }
        guard name.hasPrefix("pylock."), name.hasSuffix(".toml"), name.count > "pylock..toml".count else { return false }
        return !name.dropFirst("pylock.".count).dropLast(".toml".count).contains(".")
    }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root = try input.toml()
        var result = LockfileResult()
        for p in root.tables("packages") {
            guard let name = p.string("name") else {
                result.warnings.append(input.warning("[[packages]] without a name; skipped", line: p.line))
                continue
            }
            guard let version = p.string("version") else { continue }
            let commit = p.table("vcs")?.string("commit-id")
            result.packages.append(.entry(.pypi, name: name, version: version, file: input.path, line: p.line(of: "name") ?? p.line, commit: commit))
        }
        return result
    }
}
