import Foundation
import PicketCore

/// `deps.ignore-packages` entry: packages listed in the inventory (SBOM, dependency list) but never checked for
/// advisories — internal packages whose names collide with public ones, or the Go toolchain's `stdlib` when the
/// `go` line is only a minimum. Names are compared as the ecosystem compares them (PEP 503 for PyPI, case-folded
/// where the registry folds case); `*` matches any run of characters (slashes included), `?` one character.
///
/// ```yaml
/// deps:
///   ignore-packages:
///     - name: "@acme/*"
///       ecosystem: npm           # optional
///       reason: our private registry's packages
/// ```
public struct PackageIgnore: Sendable, Hashable {
    public var pattern: String
    public var ecosystem: String?
    public var reason: String?

    public init(pattern: String, ecosystem: String? = nil, reason: String? = nil) {
        self.pattern = pattern
        self.ecosystem = ecosystem
        self.reason = reason
    }

    init(_ item: ConfigReader) throws {
        try item.checkKeys(["name", "ecosystem", "reason"])
        let name = try item.require("name")
        let pattern = try name.string().trimmingCharacters(in: .whitespaces)
        guard !pattern.isEmpty else { throw name.error("expected a package name or pattern, like @acme/* or stdlib") }
        guard pattern.count <= 512 else { throw name.error("pattern longer than 512 characters") }
        self.init(pattern: pattern, ecosystem: try item.optional("ecosystem")?.string(), reason: try item.optional("reason")?.string())
    }

    public func matches(_ p: PackageRef) -> Bool {
        if let ecosystem, VersionSchemes.baseEcosystem(ecosystem).caseInsensitiveCompare(VersionSchemes.baseEcosystem(p.ecosystem.rawValue)) != .orderedSame {
            return false
        }
        let eco = p.ecosystem.rawValue
        return Self.wildcard(Array(PackageNames.normalise(pattern, ecosystem: eco).utf8),
                             Array(PackageNames.normalise(p.name, ecosystem: eco).utf8))
    }

    /// `*` and `?` wildcard match in O(pattern × text) at worst: one backtrack point (the last star), no recursion.
    static func wildcard(_ pattern: [UInt8], _ text: [UInt8]) -> Bool {
        var p = 0, t = 0
        var star = -1, mark = 0
        while t < text.count {
            if p < pattern.count && (pattern[p] == UInt8(ascii: "?") || pattern[p] == text[t]) {
                p += 1
                t += 1
            } else if p < pattern.count && pattern[p] == UInt8(ascii: "*") {
                star = p
                mark = t
                p += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}
