import PicketCore

/// Cargo's `Cargo.lock` (TOML `[[package]]`, lockfile versions 1-4). Workspace members (no `source`) are
/// reported too; crates listed in a member's `dependencies` are direct. Git sources pin the commit after `#`.
public struct CargoLockParser: LockfileParser {
    public init() {}
    public var formatName: String { "Cargo.lock" }
    public var ecosystem: Ecosystem { .cratesIO }

    public func matches(path: String) -> Bool { LockfileFiles.fileName(of: path) == "Cargo.lock" }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root = try input.toml()
        let packages = root.tables("package")
        var direct = Set<String>()
        for p in packages where p.string("source") == nil {
            // "name", "name version" or "name version (source)".
            for d in p["dependencies"]?.strings ?? [] {
                let parts = d.split(separator: " ")
                direct.insert(parts.count >= 2 ? "\(parts[0])@\(parts[1])" : String(parts.first ?? ""))
            }
        }
        var result = LockfileResult()
        for p in packages {
            guard let name = p.string("name"), let version = p.string("version") else {
                result.warnings.append(input.warning("[[package]] without a name or version; skipped", line: p.line))
                continue
            }
            var commit: String?
            if let source = p.string("source"), source.hasPrefix("git+"), let hash = source.lastIndex(of: "#") {
                commit = String(source[source.index(after: hash)...])
            }
            let isDirect = p.string("source") == nil ? nil : (direct.contains("\(name)@\(version)") || direct.contains(name))
            result.packages.append(.entry(.cratesIO, name: name, version: version, file: input.path, line: p.line(of: "name") ?? p.line,
                                          direct: isDirect, commit: commit))
        }
        return result
    }
}
