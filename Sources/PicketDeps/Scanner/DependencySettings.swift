import PicketCore

/// The dependency scanner's part of `.picket.yml`:
///
/// ```yaml
/// deps:
///   ignore-scopes: [dev, test]   # packages of these scopes are listed (SBOM) but not checked for advisories
///   database-max-age-days: 7     # warn when the advisory database is older (0: never)
///   ignore-packages:             # listed (SBOM) but not checked for advisories
///     - name: "@acme/*"
///       reason: private packages
/// licenses:
///   deny: [AGPL-3.0-only]
///   allow: [MIT, Apache-2.0]
/// ```
public struct DependencySettings: Sendable {
    public var ignoredScopes: Set<String>
    public var ignoredPackages: [PackageIgnore]
    public var licenses: LicensePolicy
    /// A scan warns when the advisory database's newest import or update is older than this; nil: never.
    public var databaseMaxAgeDays: Int?

    public static let defaultDatabaseMaxAgeDays = 7

    public static let scopes: Set<String> = ["runtime", "dev", "test", "optional", "peer", "provided", "build", "system"]

    public init(ignoredScopes: Set<String> = [], ignoredPackages: [PackageIgnore] = [], licenses: LicensePolicy = LicensePolicy(),
                databaseMaxAgeDays: Int? = DependencySettings.defaultDatabaseMaxAgeDays) {
        self.ignoredScopes = ignoredScopes
        self.ignoredPackages = ignoredPackages
        self.licenses = licenses
        self.databaseMaxAgeDays = databaseMaxAgeDays
    }

    public init(config: PicketConfig) throws {
        var scopes = Set<String>()
        var maxAge: Int? = Self.defaultDatabaseMaxAgeDays
        var packages: [PackageIgnore] = []
        if let section = config.section("deps"), !section.isNull {
            try section.checkKeys(["ignore-scopes", "database-max-age-days", "ignore-packages"])
            packages = try (section.optional("ignore-packages")?.sequence() ?? []).map(PackageIgnore.init)
            if let age = try section.optional("database-max-age-days") {
                let days = try age.int()
                guard days >= 0 else { throw age.error("expected a number of days, 0 or more (0: never warn)") }
                maxAge = days == 0 ? nil : days
            }
            for item in try section.optional("ignore-scopes")?.sequence() ?? [] {
                let s = try item.string()
                guard Self.scopes.contains(s) else {
                    throw item.error("unknown scope '\(s)'; expected one of: \(Self.scopes.sorted().joined(separator: ", "))")
                }
                scopes.insert(s)
            }
        }
        self.init(ignoredScopes: scopes, ignoredPackages: packages, licenses: try LicensePolicy(config: config), databaseMaxAgeDays: maxAge)
    }

    /// True when advisories are checked for the package (its scope is not ignored; no scope = runtime).
    public func checks(_ p: PackageRef) -> Bool {
        ignoredScopes.isEmpty || !ignoredScopes.contains(p.scope ?? "runtime")
    }

    /// True when `ignore-packages` names the package.
    public func isIgnoredByName(_ p: PackageRef) -> Bool {
        !ignoredPackages.isEmpty && ignoredPackages.contains { $0.matches(p) }
    }
}
