/// How each ecosystem compares package names, so that a lockfile's spelling finds the advisory's spelling.
/// Applied to both sides (advisory index and lookup) and to the package names `.picket.yml` writes. Rules are
/// keyed by the base ecosystem (before `:`).
public enum PackageNames {
    typealias Rule = @Sendable (String) -> String

    static let rules: [String: Rule] = [
        // PEP 503: runs of `-`, `_`, `.` are one `-`; case-insensitive.
        "PyPI": pep503,
        "NuGet": { $0.lowercased() },
        "Packagist": { $0.lowercased() },
        "Pub": { $0.lowercased() },
        "Hex": { $0.lowercased() },
        // crates.io refuses names that differ only by case or `-`/`_`, so folding both is safe.
        "crates.io": { String($0.lowercased().map { $0 == "_" ? "-" : $0 }) },
        "SwiftURL": swiftURL,
    ]

    /// The lookup key of `name` in `ecosystem` (an OSV ecosystem string, suffix allowed).
    public static func normalise(_ name: String, ecosystem: String) -> String {
        let trimmed = trimmingSpaces(name)
        let base = ecosystem.utf8.firstIndex(of: UInt8(ascii: ":")).map { String(ecosystem[..<$0]) } ?? ecosystem
        guard let rule = rules[base] else { return trimmed }
        return rule(trimmed)
    }

    /// Without leading and trailing ASCII spaces, tabs and newlines (most names have none: no copy then).
    static func trimmingSpaces(_ s: String) -> String {
        if let f = s.utf8.first, let l = s.utf8.last, f > 0x20, l > 0x20 { return s }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = s.firstIndex(where: { !isSpace($0) }), let end = s.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(s[start...end])
    }

    static let pep503: Rule = { $0.pep503Normalized }

    /// A Swift package URL without scheme, credentials, `.git` and trailing slash, lower-cased
    /// (`https://github.com/Apple/swift-nio.git` → `github.com/apple/swift-nio`).
    static let swiftURL: Rule = { name in
        var s = Substring(name.lowercased())
        if let r = s.range(of: "://") { s = s[r.upperBound...] }
        if let at = s.firstIndex(of: "@"), !s[..<at].contains("/") { s = s[s.index(after: at)...] }
        while s.hasSuffix("/") { s = s.dropLast() }
        if s.hasSuffix(".git") { s = s.dropLast(4) }
        // scp-like `git@host:owner/repo` → `host/owner/repo`.
        if let colon = s.firstIndex(of: ":"), !s[..<colon].contains("/") {
            s = s[..<colon] + "/" + s[s.index(after: colon)...]
        }
        return String(s)
    }
}
