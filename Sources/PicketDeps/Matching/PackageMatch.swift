import PicketCore

/// What the advisory database says about one package of a scan.
public struct PackageMatch: Sendable, Codable {
    public var package: PackageRef
    /// One entry per vulnerability (advisories linked by aliases are one vulnerability), most severe first.
    public var vulnerabilities: [VulnerabilityMatch]
    /// The smallest version above the current one that no known advisory affects, chosen among the fixed
    /// versions the advisories name; nil when there is nothing to fix or no such version is known.
    public var recommendedVersion: String?
    /// Set when advisories name this package but its version could not be evaluated against them (no exact
    /// version, a string the ecosystem's version syntax rejects, an ecosystem without a known version order).
    public var unmatchedReason: String?
    /// Advisories for the package that could not be evaluated (see `unmatchedReason` and `warnings`).
    public var unevaluatedAdvisories: [String]
    /// Problems in advisory data met while matching (an event version the ecosystem cannot parse...).
    public var warnings: [String]

    public init(package: PackageRef, vulnerabilities: [VulnerabilityMatch] = [], recommendedVersion: String? = nil,
                unmatchedReason: String? = nil, unevaluatedAdvisories: [String] = [], warnings: [String] = []) {
        self.package = package
        self.vulnerabilities = vulnerabilities
        self.recommendedVersion = recommendedVersion
        self.unmatchedReason = unmatchedReason
        self.unevaluatedAdvisories = unevaluatedAdvisories
        self.warnings = warnings
    }

    public var isVulnerable: Bool { !vulnerabilities.isEmpty }
}

/// One vulnerability affecting a package: the OSV records that say so (grouped by aliases) merged.
public struct VulnerabilityMatch: Sendable, Codable, Hashable {
    /// The preferred id of the group: a GHSA id when there is one, else an ecosystem database's id, a CVE last.
    public var id: String
    /// Every other id of the group (the other records' ids and all their aliases), sorted.
    public var aliases: [String]
    /// The ids of the records in the database that matched (a subset of `id` + `aliases`).
    public var recordIDs: [String]
    public var summary: String?
    public var details: String?
    /// From the newest CVSS version present (highest score within it), else the database's own rating
    /// (GHSA `database_specific.severity`, Ubuntu priorities); nil when no source rates it.
    public var severity: Severity?
    /// Where `severity` came from: `CVSS 3.1`, `database`.
    public var severitySource: String?
    public var cvssScore: Double?
    public var cvssVectors: [String]
    /// Versions that fix it for this package, above the current version, ascending.
    public var fixedVersions: [String]
    public var references: [String]
    public var published: String?
    public var modified: String?

    public init(id: String, aliases: [String] = [], recordIDs: [String] = [], summary: String? = nil, details: String? = nil,
                severity: Severity? = nil, severitySource: String? = nil, cvssScore: Double? = nil, cvssVectors: [String] = [],
                fixedVersions: [String] = [], references: [String] = [], published: String? = nil, modified: String? = nil) {
        self.id = id
        self.aliases = aliases
        self.recordIDs = recordIDs
        self.summary = summary
        self.details = details
        self.severity = severity
        self.severitySource = severitySource
        self.cvssScore = cvssScore
        self.cvssVectors = cvssVectors
        self.fixedVersions = fixedVersions
        self.references = references
        self.published = published
        self.modified = modified
    }
}
