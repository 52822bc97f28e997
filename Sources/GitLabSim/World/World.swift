import Foundation

/// GitLab role levels (`access_level`) as the members API reports them.
public enum AccessLevel {
    public static let none = 0, minimal = 5, guest = 10, planner = 15, reporter = 20, developer = 30, maintainer = 40, owner = 50, admin = 60
}

public enum Visibility: String, Sendable, CaseIterable {
    case `private`, `internal`, `public`
    /// `visibility_level` as webhook payloads carry it.
    var level: Int { switch self { case .private: 0; case .internal: 10; case .public: 20 } }
}

public enum UserType: String, Sendable, CaseIterable {
    case human, service_account, project_bot, security_bot, automation_bot, admin_bot, support_bot, alert_bot, migration_bot
    /// `User#bot?` in GitLab: every non-human type here.
    var isBot: Bool { self != .human }
}

public struct SimUser: Sendable {
    public var id: Int
    public var username: String
    public var name: String
    public var email: String
    public var publicEmail: String?
    public var userType: UserType
    public var isAdmin: Bool
    public var state: String
    public var createdAt: Date
    public var external: Bool
}

public enum TokenKind: String, Sendable { case personal, group, project }

public struct SimToken: Sendable {
    public var id: Int
    /// SHA-256 of the secret; the secret itself is only kept for tokens minted here until they are handed out.
    public var digest: String
    public var userID: Int
    public var name: String
    public var description: String?
    public var scopes: [String]
    /// `YYYY-MM-DD` (GitLab's date-only expiry) or nil.
    public var expiresAt: String?
    public var revoked: Bool
    /// Set by the world file (`active: false`) to model a deactivated token that is neither revoked nor expired.
    public var forcedInactive: Bool
    public var kind: TokenKind
    public var resourceID: Int?
    public var accessLevel: Int?
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var lastUsedIPs: [String]
    /// Tokens created by rotation share the family of the token they replaced (reuse detection revokes them all).
    public var familyID: Int

    public func isExpired(now: Date) -> Bool {
        guard let expiresAt else { return false }
        return SimClock.dateOnly(now) >= expiresAt
    }

    public func isActive(now: Date) -> Bool { !revoked && !forcedInactive && !isExpired(now: now) }
}

public struct SimGroup: Sendable {
    public var id: Int
    public var name: String
    public var path: String
    public var fullPath: String
    public var fullName: String
    public var parentID: Int?
    public var visibility: Visibility
    public var description: String
    /// Plan of the top-level group (subgroups inherit it).
    public var plan: String
    public var createdAt: Date
    public var childIDs: [Int]
}

public struct ProjectShare: Sendable {
    public var groupID: Int
    public var accessLevel: Int
    public var expiresAt: String?
}

public enum NamespaceRef: Sendable, Equatable {
    case group(Int)
    case user(Int)
}

public struct SimProject: Sendable {
    public var id: Int
    public var name: String
    public var path: String
    public var namespace: NamespaceRef
    public var fullPath: String
    public var nameWithNamespace: String
    public var description: String?
    /// Default branch declared in the world; `default_branch` is null while the repository is empty.
    public var defaultBranch: String
    public var archived: Bool
    public var visibility: Visibility
    public var createdAt: Date
    public var lastActivityAt: Date
    public var forkedFromID: Int?
    public var sharedWith: [ProjectShare]
    public var topics: [String]
    public var creatorID: Int?
    public var protectedBranches: [String]
    /// Fixture folder the repository is built from (absolute), or nil for an empty repository.
    public var source: String?
    public var commitAuthor: CommitIdentity
    public var commitDate: Date
    public var extraBranches: [BranchSpec]
    /// True until the repository has a commit (no source folder and nothing pushed yet).
    public var emptyRepo: Bool
}

public struct CommitIdentity: Sendable, Equatable {
    public var name: String
    public var email: String
}

public struct BranchSpec: Sendable {
    public var name: String
    /// Overlay folder (absolute) committed on top of `from`.
    public var source: String?
    public var from: String?
    public var message: String?
}

public struct Membership: Sendable {
    public var userID: Int
    public var accessLevel: Int
    public var expiresAt: String?
    public var createdAt: Date
    public var createdByID: Int?
}

public enum MergeRequestState: String, Sendable, CaseIterable { case opened, closed, merged, locked }

public struct SimMergeRequest: Sendable {
    public var id: Int
    public var iid: Int
    public var projectID: Int
    public var title: String
    public var description: String
    public var state: MergeRequestState
    public var sourceBranch: String
    public var targetBranch: String
    public var sourceProjectID: Int
    public var authorID: Int
    public var assigneeIDs: [Int]
    public var reviewerIDs: [Int]
    public var labels: [String]
    public var draft: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var mergedAt: Date?
    public var closedAt: Date?
    public var mergedByID: Int?
    public var closedByID: Int?
    /// Overlay folder committed on the source branch when the world is built.
    public var source: String?
    public var remove: [String]
    /// Diff versions: one per head change (latest last).
    public var versions: [MergeRequestVersion]
}

public struct MergeRequestVersion: Sendable {
    public var id: Int
    public var headSHA: String
    public var baseSHA: String
    public var startSHA: String
    public var createdAt: Date
}

public struct SimNote: Sendable {
    public var id: Int
    public var body: String
    public var authorID: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var system: Bool
    public var projectID: Int
    public var mergeRequestID: Int
    public var mergeRequestIID: Int
    public var discussionID: String
    public var isInternal: Bool
    public var resolvable: Bool
    public var resolved: Bool
    public var resolvedByID: Int?
    public var position: JSONValue?
    public var type: String?
}

public struct SimDiscussion: Sendable {
    public var id: String
    public var projectID: Int
    public var mergeRequestID: Int
    public var individualNote: Bool
    public var noteIDs: [Int]
}

public struct SimCommitStatus: Sendable {
    public var id: Int
    public var projectID: Int
    public var sha: String
    public var ref: String?
    public var status: String
    public var name: String
    public var targetURL: String?
    public var description: String?
    public var coverage: Double?
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    public var authorID: Int
    public var pipelineID: Int
    public var allowFailure: Bool
}

public enum HookOwner: Sendable, Equatable {
    case project(Int)
    case group(Int)
}

public struct SimHook: Sendable {
    public var id: Int
    public var owner: HookOwner
    public var url: String
    public var name: String?
    public var description: String?
    /// Secret token: stored to send in `X-Gitlab-Token`, never returned by the API.
    public var token: String?
    public var events: [String: Bool]
    public var pushEventsBranchFilter: String?
    public var branchFilterStrategy: String
    public var enableSSLVerification: Bool
    public var createdAt: Date
    public var customHeaders: [(String, String)]
    public var urlVariables: [String]
}

/// Event flags a hook accepts (project hooks; group hooks add `subgroup_events`, `member_events`).
enum HookEvents {
    static let project = [
        "push_events", "tag_push_events", "merge_requests_events", "issues_events", "confidential_issues_events",
        "note_events", "confidential_note_events", "pipeline_events", "wiki_page_events", "job_events",
        "deployment_events", "feature_flag_events", "releases_events", "emoji_events", "resource_access_token_events",
    ]
    static let groupOnly = ["subgroup_events", "member_events", "project_events"]
    static func defaults(group: Bool) -> [String: Bool] {
        var d: [String: Bool] = [:]
        for e in project { d[e] = false }
        if group { for e in groupOnly { d[e] = false } }
        d["push_events"] = true  // GitLab's column default (see docs/gitlab-sim.md)
        return d
    }
}

public struct HookDelivery: Sendable {
    public var id: Int
    public var hookID: Int
    public var url: String
    public var event: String
    public var requestHeaders: [(String, String)]
    public var payload: JSONValue
    public var responseStatus: Int?
    public var responseBody: String?
    public var error: String?
    public var durationMS: Int
    public var deliveredAt: Date
}

/// The whole simulated instance. A value type: handlers read a snapshot and write through `SimStore`.
public struct World: Sendable {
    public var instance: InstanceSettings
    public var worldDirectory: String
    public var users: [Int: SimUser] = [:]
    public var tokens: [Int: SimToken] = [:]
    public var tokenByDigest: [String: Int] = [:]
    public var groups: [Int: SimGroup] = [:]
    public var projects: [Int: SimProject] = [:]
    public var groupMembers: [Int: [Int: Membership]] = [:]
    public var projectMembers: [Int: [Int: Membership]] = [:]
    public var mergeRequests: [Int: SimMergeRequest] = [:]
    public var notes: [Int: SimNote] = [:]
    public var discussions: [String: SimDiscussion] = [:]
    public var statuses: [Int: SimCommitStatus] = [:]
    public var hooks: [Int: SimHook] = [:]
    public var deliveries: [HookDelivery] = []
    /// Sequences for new ids.
    public var nextID: [String: Int] = [:]
    /// Lower-cased path indexes (paths never change after loading).
    var projectByPath: [String: Int] = [:]
    var groupByPath: [String: Int] = [:]
    var userByName: [String: Int] = [:]
    var forkCounts: [Int: Int] = [:]

    public init(instance: InstanceSettings, worldDirectory: String) {
        self.instance = instance
        self.worldDirectory = worldDirectory
    }

    mutating func allocateID(_ kind: String) -> Int {
        let n = (nextID[kind] ?? 1)
        nextID[kind] = n + 1
        return n
    }

    /// Reserves an explicit id so later automatic ids don't collide with it.
    mutating func reserveID(_ kind: String, _ id: Int) {
        if (nextID[kind] ?? 1) <= id { nextID[kind] = id + 1 }
    }

    // MARK: Lookups

    public func user(named username: String) -> SimUser? {
        userByName[username.lowercased()].flatMap { users[$0] }
    }

    public func group(fullPath: String) -> SimGroup? {
        groupByPath[fullPath.lowercased()].flatMap { groups[$0] }
    }

    public func project(fullPath: String) -> SimProject? {
        projectByPath[fullPath.lowercased()].flatMap { projects[$0] }
    }

    mutating func insert(_ u: SimUser) {
        users[u.id] = u
        userByName[u.username.lowercased()] = u.id
    }

    mutating func insert(_ g: SimGroup) {
        groups[g.id] = g
        groupByPath[g.fullPath.lowercased()] = g.id
    }

    mutating func insert(_ p: SimProject) {
        projects[p.id] = p
        projectByPath[p.fullPath.lowercased()] = p.id
    }

    public func topLevelGroup(of group: SimGroup) -> SimGroup {
        var g = group
        while let p = g.parentID, let parent = groups[p] { g = parent }
        return g
    }

    /// The group itself, then its parent, up to the top level.
    public func ancestorsAndSelf(_ groupID: Int) -> [SimGroup] {
        var out: [SimGroup] = []
        var cur = groups[groupID]
        while let g = cur {
            out.append(g)
            cur = g.parentID.flatMap { groups[$0] }
        }
        return out
    }

    public func descendants(of groupID: Int) -> [SimGroup] {
        var out: [SimGroup] = []
        var queue = groups[groupID]?.childIDs ?? []
        while !queue.isEmpty {
            let id = queue.removeFirst()
            guard let g = groups[id] else { continue }
            out.append(g)
            queue.append(contentsOf: g.childIDs)
        }
        return out
    }

    public func planFor(project: SimProject) -> String {
        if case .group(let gid) = project.namespace, let g = groups[gid] { return topLevelGroup(of: g).plan }
        return "free"
    }

    public func mergeRequest(projectID: Int, iid: Int) -> SimMergeRequest? {
        mergeRequests.values.first { $0.projectID == projectID && $0.iid == iid }
    }
}
