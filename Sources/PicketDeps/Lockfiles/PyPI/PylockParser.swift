import PicketCore

/// PEP 751 `pylock.toml` / `pylock.<name>.toml` (`[[packages]]`). VCS packages carry `vcs.commit-id`;
/// packages without a version (the project's own directory) are left out.
public struct PylockParser: LockfileParser {
    public init() {}
    public var formatName: String { "pylock.toml" }
    public var ecosystem: Ecosystem { .pypi }

    public func matches(path: String) -> Bool {
        let name = LockfileFiles.fileName(of: path)
        guard name.hasPrefix("pylock."), name.hasSuffix(".toml") else { return false }
        let middle = name.dropFirst("pylock.".count).dropLast(".toml".count)
        return middle.isEmpty && name == "pylock.toml" || (!middle.isEmpty && !middle.contains("."))
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
