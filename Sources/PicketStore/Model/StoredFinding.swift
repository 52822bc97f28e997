import Foundation
import PicketCore

public enum FindingState: String, Sendable, Hashable, Codable, CaseIterable {
    case open, fixed, ignored, reopened

    /// The index lane the state lives in: open and reopened findings are read together.
    var group: Int64 {
        switch self {
        case .open, .reopened: 0
        case .fixed: 1
        case .ignored: 2
        }
    }
}

/// Who ignored a finding: a person (through the dashboard/API) or the repository's `.picket.yml`.
public enum IgnoreSource: String, Sendable, Hashable, Codable {
    case user
    case config
}

/// A finding as the platform tracks it over time on one branch of one repository.
public struct StoredFinding: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var workspaceID: Int64
    public var repositoryID: Int64
    public var branch: String
    public var fingerprint: String
    public var kind: FindingKind
    public var ruleID: String
    public var title: String
    public var message: String
    public var severity: Severity
    public var confidence: Confidence
    /// The current location (updated when the code moves).
    public var path: String
    public var startLine: Int
    public var endLine: Int
    public var commitSHA: String?
    public var state: FindingState
    public var ignoreSource: IgnoreSource?
    public var ignoreReason: String?
    public var ignoredBy: String?
    public var firstSeenScanID: Int64
    public var firstSeenAt: Date
    public var lastSeenScanID: Int64
    public var lastSeenAt: Date
    public var fixedScanID: Int64?
    public var fixedAt: Date?
    /// Redacted; never the secret.
    public var evidencePreview: String?
    public var evidenceSnippet: String?
    public var secretSHA256: String?
    public var details: FindingDetails
}

/// The finding's kind-specific facts, kept as JSON.
public struct FindingDetails: Sendable, Hashable, Codable {
    public var identifiers: [Identifier]
    public var additionalLocations: [Location]
    public var secret: SecretDetails?
    public var dependency: DependencyDetails?
    public var code: CodeDetails?

    public init(identifiers: [Identifier] = [], additionalLocations: [Location] = [], secret: SecretDetails? = nil,
                dependency: DependencyDetails? = nil, code: CodeDetails? = nil) {
        self.identifiers = identifiers
        self.additionalLocations = additionalLocations
        self.secret = secret
        self.dependency = dependency
        self.code = code
    }

    private enum CodingKeys: String, CodingKey { case identifiers, additionalLocations, secret, dependency, code }

    /// Missing keys decode as empty, so rows written by older or leaner writers still read.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        identifiers = try c.decodeIfPresent([Identifier].self, forKey: .identifiers) ?? []
        additionalLocations = try c.decodeIfPresent([Location].self, forKey: .additionalLocations) ?? []
        secret = try c.decodeIfPresent(SecretDetails.self, forKey: .secret)
        dependency = try c.decodeIfPresent(DependencyDetails.self, forKey: .dependency)
        code = try c.decodeIfPresent(CodeDetails.self, forKey: .code)
    }

    init(_ f: Finding) {
        self.init(identifiers: f.identifiers, additionalLocations: f.additionalLocations, secret: f.secret,
                  dependency: f.dependency, code: f.code)
    }
}

public enum FindingEventType: String, Sendable, Hashable, Codable, CaseIterable {
    case opened, fixed, reopened, ignored, unignored
    case severityChanged = "severity-changed"
}

/// One change in a finding's life.
public struct FindingEvent: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var findingID: Int64
    public var type: FindingEventType
    /// A username, or `picket` for changes a scan made.
    public var author: String
    public var reason: String?
    public var scanID: Int64?
    public var oldValue: String?
    public var newValue: String?
    public var createdAt: Date
}

/// Counts of active (open or reopened) findings by severity for one repository.
public struct SeverityCounts: Sendable, Hashable, Codable {
    public var repositoryID: Int64
    public var counts: [Severity: Int]

    public var total: Int { counts.values.reduce(0, +) }
}
