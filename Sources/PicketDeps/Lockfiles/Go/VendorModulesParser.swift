/// Go's `vendor/modules.txt`: `# module version [=> replacement [version]]` headers, each followed by the
/// packages vendored from it. Only modules with vendored packages are reported (a header alone vendors
/// nothing). A local-path replacement keeps the original module and version. Superseded by the `go.mod`
/// next to the `vendor` folder, which says more (indirect requirements, the toolchain).
public struct VendorModulesParser: LockfileParser {
    public init() {}
    public var formatName: String { "vendor/modules.txt" }
    public var ecosystem: Ecosystem { .go }
    public var homeDirectory: String? { "vendor" }

    public func matches(path: String) -> Bool {
        let p = path.replacingOccurrences(of: "\\", with: "/")
        return p == "vendor/modules.txt" || p.hasSuffix("/vendor/modules.txt")
    }

    public func supersededBy(path: String) -> [String] {
        let vendorDir = LockfileFiles.directory(of: path)
        return [LockfileFiles.join(LockfileFiles.directory(of: vendorDir), "go.mod")]
    }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let lines = try input.textLines()
        var result = LockfileResult()
        var dedup = PackageDeduplicator()
        var current: (name: String, version: String, line: Int)?
        var used = false
        func flush() {
            if let c = current, used {
                dedup.add(.entry(.go, name: c.name, version: GoModParser.osvVersion(c.version), file: input.path, line: c.line,
                                 purlVersion: c.version))
            }
            current = nil
            used = false
        }
        for (i, raw) in lines.enumerated() {
            let text = raw.trimmedSpaces
            if text.isEmpty || text.hasPrefix("##") { continue }
            if text.hasPrefix("# ") {
                flush()
                let tokens = text.dropFirst(2).split(separator: " ").map(String.init)
                current = Self.module(tokens).map { ($0.0, $0.1, i + 1) }
                if current == nil {
                    result.warnings.append(input.warning("cannot read the module line '\(text.prefix(100))'; skipped", line: i + 1))
                }
                continue
            }
            if current != nil { used = true }
        }
        flush()
        result.packages = dedup.packages
        return result
    }

    /// (module, version) of `path version [=> replacement [version]]`, honouring replacements.
    static func module(_ t: [String]) -> (String, String)? {
        // A path-only replacement (`old => new v1.2.3`) replaces every version of `old`.
        if t.count == 4, t[1] == "=>" {
            return validVersion(t[3], for: t[2]) ? (t[2], t[3]) : nil
        }
        guard t.count >= 2, t[1] != "=>" else { return nil }
        let (path, version) = (t[0], t[1])
        guard validVersion(version, for: path) else { return nil }
        guard let arrow = t.firstIndex(of: "=>") else { return t.count == 2 ? (path, version) : nil }
        let rhs = Array(t[(arrow + 1)...])
        guard let target = rhs.first else { return nil }
        if target.hasPrefix("./") || target.hasPrefix("../") || target.hasPrefix("/") { return (path, version) }
        guard rhs.count == 2, validVersion(rhs[1], for: target) else { return nil }
        return (target, rhs[1])
    }

    /// `vX.Y.Z...`, with the major version matching a `/vN` path suffix.
    static func validVersion(_ v: String, for path: String) -> Bool {
        guard v.hasPrefix("v"), let major = Int(v.dropFirst().prefix { $0.isNumber }) else { return false }
        if let last = path.split(separator: "/").last, last.hasPrefix("v"), let n = Int(last.dropFirst()), n >= 2, !path.hasPrefix("gopkg.in/") {
            return major == n
        }
        return true
    }
}
