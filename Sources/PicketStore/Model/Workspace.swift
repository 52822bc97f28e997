import Foundation
import PicketCore

/// A GitLab group connection. The service-account token itself is only ever held as ciphertext made by the
/// caller's vault; what the dashboard shows about it (name, scopes, expiry, owner, last check) is in clear.
public struct Workspace: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var name: String
    public var gitlabURL: String
    public var groupPath: String
    public var groupID: Int64?
    public var token: TokenMetadata?
    /// Findings at or above this severity fail the MR gate.
    public var gateSeverity: Severity
    /// When to rescan every repository (a cron-like expression the scheduler understands), nil for never.
    public var schedule: String?
    public var createdAt: Date
    public var updatedAt: Date
}

/// What is known about a workspace's GitLab token, in clear (never the token).
public struct TokenMetadata: Sendable, Hashable, Codable {
    public var name: String?
    public var scopes: [String]
    public var expiresAt: Date?
    /// The account the token belongs to (`@picket-bot`).
    public var owner: String?
    public var lastCheckedAt: Date?
    public var lastCheckOK: Bool?
    public var lastCheckMessage: String?

    public init(name: String? = nil, scopes: [String] = [], expiresAt: Date? = nil, owner: String? = nil,
                lastCheckedAt: Date? = nil, lastCheckOK: Bool? = nil, lastCheckMessage: String? = nil) {
        self.name = name
        self.scopes = scopes
        self.expiresAt = expiresAt
        self.owner = owner
        self.lastCheckedAt = lastCheckedAt
        self.lastCheckOK = lastCheckOK
        self.lastCheckMessage = lastCheckMessage
    }
}

public struct NewWorkspace: Sendable, Hashable {
    public var name: String
    public var gitlabURL: String
    public var groupPath: String
    public var groupID: Int64?
    public var gateSeverity: Severity
    public var schedule: String?

    public init(name: String, gitlabURL: String, groupPath: String, groupID: Int64? = nil,
                gateSeverity: Severity = .high, schedule: String? = nil) {
        self.name = name
        self.gitlabURL = gitlabURL
        self.groupPath = groupPath
        self.groupID = groupID
        self.gateSeverity = gateSeverity
        self.schedule = schedule
    }
}

/// A GitLab project Picket watches.
public struct Repository: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var workspaceID: Int64
    public var gitlabProjectID: Int64
    /// `group/subgroup/project`.
    public var path: String
    public var webURL: String?
    public var defaultBranch: String?
    public var lastHeadSHA: String?
    public var archived: Bool
    public var hookID: Int64?
    /// True when a webhook secret is on file (only its hash is stored).
    public var hasHookSecret: Bool
    public var lastScanID: Int64?
    public var lastScanAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
}

/// What discovery learned about a project; `upsertRepository` stores it.
public struct RepositoryInfo: Sendable, Hashable {
    public var gitlabProjectID: Int64
    public var path: String
    public var webURL: String?
    public var defaultBranch: String?
    public var archived: Bool

    public init(gitlabProjectID: Int64, path: String, webURL: String? = nil, defaultBranch: String? = nil, archived: Bool = false) {
        self.gitlabProjectID = gitlabProjectID
        self.path = path
        self.webURL = webURL
        self.defaultBranch = defaultBranch
        self.archived = archived
    }
}

/// A received GitLab webhook, keyed by GitLab's event UUID so a redelivery is recognised.
public struct WebhookDelivery: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable { case received, queued, processed, ignored, failed }
    public var id: Int64
    public var workspaceID: Int64?
    public var eventUUID: String
    public var eventType: String
    public var receivedAt: Date
    public var status: Status
    public var payloadSHA256: String
    public var jobID: Int64?
    public var error: String?
    public var processedAt: Date?
}
