import PicketCore

/// `Cargo.toml` as a manifest, for crates without a `Cargo.lock` (libraries often do not commit one): the
/// `[dependencies]`, `[dev-dependencies]` and `[build-dependencies]` tables, also under `[target.*]`. Cargo
/// reads a bare `1.2` as a caret range, so only `=1.2.3` (and a caret on `0.0.z`, which allows nothing else)
/// is exact; everything else is reported without a version. The crate itself (`[package]`) is reported too,
/// as Cargo.lock reports workspace members. `package = "real-name"` renames are honoured; git dependencies carry their `rev`. Superseded by
/// a `Cargo.lock` in the same folder or a parent folder (the workspace root).
public struct CargoTOMLParser: LockfileParser {
    public init() {}
    public var formatName: String { "Cargo.toml" }
    public var ecosystem: Ecosystem { .cratesIO }

    public func matches(path: String) -> Bool { LockfileFiles.fileName(of: path) == "Cargo.toml" }

    public func supersededBy(path: String) -> [String] {
        var out: [String] = []
        var dir = LockfileFiles.directory(of: path)
        while true {
            out.append(LockfileFiles.join(dir, "Cargo.lock"))
            if dir.isEmpty { break }
            dir = LockfileFiles.directory(of: dir)
        }
        return out
    }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root = try input.toml()
        var tables: [(TOMLTable, [String])] = []
        func collect(_ t: TOMLTable) {
            if let d = t.table("dependencies") { tables.append((d, [])) }
            if let d = t.table("dev-dependencies") { tables.append((d, ["dev"])) }
            if let d = t.table("build-dependencies") { tables.append((d, ["build"])) }
        }
        collect(root)
        for target in root.table("target")?.entries ?? [] { if let t = target.value.table { collect(t) } }
        var result = LockfileResult()
        if let pkg = root.table("package"), let name = pkg.string("name"), let version = pkg.string("version") {
            result.packages.append(.entry(.cratesIO, name: name, version: version, file: input.path,
                                          line: pkg.line(of: "name") ?? pkg.line))
        }
        for (table, groups) in tables {
            for e in table.entries {
                var name = e.key
                var req: String?
                var reason: String?
                var commit: String?
                if let s = e.value.string {
                    req = s
                } else if let t = e.value.table {
                    let bad = ["version", "git", "path", "package", "rev"].first { t[$0] != nil && t.string($0) == nil }
                    if let bad {
                        result.warnings.append(input.warning("could not read dependency '\(e.key)': '\(bad)' must be a string", line: e.line))
                        continue
                    }
                    if let p = t.string("package") { name = p }
                    req = t.string("version")
                    commit = t.string("rev")
                    if t["workspace"]?.bool == true { reason = "version set by the workspace" }
                    else if t.string("git") != nil && req == nil { reason = "git dependency" }
                    else if t.string("path") != nil && req == nil { reason = "local path dependency" }
                }
                var version: String?
                if let r = req?.trimmedSpaces {
                    if r.hasPrefix("="), !r.hasPrefix("=="), !r.contains(",") {
                        version = String(r.dropFirst()).trimmedSpaces
                    } else if let z = Self.caretOnZeroZero(r) {
                        version = z
                    } else {
                        reason = "version requirement '\(r.prefix(80))' is a range (no Cargo.lock)"
                    }
                }
                result.packages.append(.entry(.cratesIO, name: name, version: version, file: input.path, line: e.line,
                                              groups: groups, groupsKnown: true, direct: true, commit: commit,
                                              unresolvedReason: reason))
            }
        }
        return result
    }

    /// `0.0.3` / `^0.0.3`: Cargo's caret on 0.0.z admits only 0.0.z itself.
    static func caretOnZeroZero(_ r: String) -> String? {
        let v = r.hasPrefix("^") ? String(r.dropFirst()) : r
        let parts = v.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "0", parts[1] == "0", !parts[2].isEmpty, parts[2].allSatisfy(\.isNumber) else { return nil }
        return v
    }
}
