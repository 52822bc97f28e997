/// How each ecosystem compares package names, so that a lockfile's spelling finds the advisory's spelling.
/// Applied to both sides (advisory index and lookup). Rules are keyed by the base ecosystem (before `:`).
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
        "crates.io": { $0.lowercased().replacingAll("_", with: "-") },
        "SwiftURL": swiftURL,
    ]

    /// The lookup key of `name` in `ecosystem` (an OSV ecosystem string, suffix allowed).
    public static func normalise(_ name: String, ecosystem: String) -> String {
        let trimmed = name.trimmingSpaces
        guard let rule = rules[VersionSchemes.baseEcosystem(ecosystem)] else { return trimmed }
        return rule(trimmed)
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

extension String {
    func replacingAll(_ target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
