/// The version order of each OSV ecosystem. Ecosystem strings may carry a suffix (`Debian:12`,
/// `Alpine:v3.18`); the part before the first `:` chooses the scheme.
public enum VersionSchemes {
    static let semver = AnyVersionScheme(SemVerScheme())

    /// Ecosystems whose own order is SemVer 2.0 (their parser serves SEMVER ranges too).
    static let semverEcosystems: Set<String> = ["npm", "crates.io", "Hex", "SwiftURL", "Go", "ConanCenter", "Bitnami",
                                                "Julia", "GHC", "Bioconductor", "Docker Hardened Images"]

    public static func isSemVerEcosystem(_ ecosystem: String) -> Bool { semverEcosystems.contains(baseEcosystem(ecosystem)) }

    static let table: [String: AnyVersionScheme] = {
        var t: [String: AnyVersionScheme] = [
            "npm": AnyVersionScheme(SemVerScheme(name: "npm")),
            "crates.io": AnyVersionScheme(SemVerScheme(name: "crates.io")),
            "Hex": AnyVersionScheme(SemVerScheme(name: "Hex")),
            "SwiftURL": AnyVersionScheme(SemVerScheme(name: "SwiftURL")),
            "Go": AnyVersionScheme(GoScheme()),
            "PyPI": AnyVersionScheme(PEP440Scheme()),
            "Maven": AnyVersionScheme(MavenScheme()),
            "RubyGems": AnyVersionScheme(RubyGemsScheme()),
            "NuGet": AnyVersionScheme(NuGetScheme()),
            "Packagist": AnyVersionScheme(PackagistScheme()),
            "Pub": AnyVersionScheme(PubScheme()),
            "CRAN": AnyVersionScheme(NumericListScheme.cran),
            "Hackage": AnyVersionScheme(NumericListScheme.hackage),
        ]
        // Ecosystems OSV orders by SemVer as well.
        for name in ["ConanCenter", "Bitnami", "Julia", "GHC", "Bioconductor", "Docker Hardened Images"] {
            t[name] = AnyVersionScheme(SemVerScheme(name: name))
        }
        let debian = AnyVersionScheme(DebianScheme())
        for name in ["Debian", "Ubuntu"] { t[name] = debian }
        let rpm = AnyVersionScheme(RPMScheme())
        for name in ["Red Hat", "AlmaLinux", "Rocky Linux", "Mageia", "openEuler", "openSUSE", "SUSE"] { t[name] = rpm }
        let apk = AnyVersionScheme(AlpineScheme())
        for name in ["Alpine", "Alpaquita", "BellSoft Hardened Containers", "Chainguard", "MinimOS", "Wolfi"] { t[name] = apk }
        return t
    }()

    /// The scheme for an OSV ecosystem string, or nil when Picket has no ordering for it.
    public static func scheme(for ecosystem: String) -> AnyVersionScheme? {
        table[baseEcosystem(ecosystem)]
    }

    public static func scheme(for ecosystem: Ecosystem) -> AnyVersionScheme? { scheme(for: ecosystem.rawValue) }

    /// `Debian:12` → `Debian`.
    public static func baseEcosystem(_ ecosystem: String) -> String {
        guard let colon = ecosystem.utf8.firstIndex(of: UInt8(ascii: ":")) else { return ecosystem }
        return String(ecosystem[..<colon])
    }

    public static var supportedEcosystems: [String] { table.keys.sorted() }
}
