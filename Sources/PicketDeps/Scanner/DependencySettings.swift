import PicketCore

/// The dependency scanner's part of `.picket.yml`:
///
/// ```yaml
/// deps:
///   ignore-scopes: [dev, test]   # packages of these scopes are listed (SBOM) but not checked for advisories
/// licenses:
///   deny: [AGPL-3.0-only]
///   allow: [MIT, Apache-2.0]
/// ```
public struct DependencySettings: Sendable {
    public var ignoredScopes: Set<String>
    public var licenses: LicensePolicy

    public static let scopes: Set<String> = ["runtime", "dev", "test", "optional", "peer", "provided", "build", "system"]

    public init(ignoredScopes: Set<String> = [], licenses: LicensePolicy = LicensePolicy()) {
        self.ignoredScopes = ignoredScopes
        self.licenses = licenses
    }

    public init(config: PicketConfig) throws {
        var scopes = Set<String>()
        if let section = config.section("deps"), !section.isNull {
            try section.checkKeys(["ignore-scopes"])
            for item in try section.optional("ignore-scopes")?.sequence() ?? [] {
                let s = try item.string()
                guard Self.scopes.contains(s) else {
                    throw item.error("unknown scope '\(s)'; expected one of: \(Self.scopes.sorted().joined(separator: ", "))")
                }
                scopes.insert(s)
            }
        }
        self.init(ignoredScopes: scopes, licenses: try LicensePolicy(config: config))
    }

    /// True when advisories are checked for the package (its scope is not ignored; no scope = runtime).
    public func checks(_ p: PackageRef) -> Bool {
        ignoredScopes.isEmpty || !ignoredScopes.contains(p.scope ?? "runtime")
    }
}
