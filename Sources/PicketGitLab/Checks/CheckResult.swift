/// One step of GitLab's connection procedure, in the order Picket checks them.
public enum CheckStep: String, Sendable, Codable, CaseIterable {
    case url, token, scopes, expiry, account, group, role, tier, projects, git

    public var title: String {
        switch self {
        case .url: return "GitLab URL"
        case .token: return "Token"
        case .scopes: return "Scopes"
        case .expiry: return "Expiry"
        case .account: return "Account"
        case .group: return "Group"
        case .role: return "Role"
        case .tier: return "Tier"
        case .projects: return "Projects"
        case .git: return "Git access"
        }
    }

    /// Whether a failure here stops Picket from working (as opposed to a step that only informs or warns).
    public var isBlocking: Bool {
        switch self {
        case .url, .token, .scopes, .expiry, .group, .role, .git: return true
        case .account, .tier, .projects: return false
        }
    }
}

public enum CheckStatus: String, Sendable, Codable {
    case pass, warn, fail
    /// Not checked because an earlier step failed.
    case skip

    public var symbol: String {
        switch self {
        case .pass: return "✓"
        case .warn: return "!"
        case .fail: return "✗"
        case .skip: return "-"
        }
    }
}

public struct CheckResult: Sendable, Codable, Hashable {
    public var step: CheckStep
    public var title: String
    public var status: CheckStatus
    public var blocking: Bool
    public var message: String
    /// What to do in GitLab (settings page, role), in GitLab's own words. Nil on a pass.
    public var fix: String?

    public init(_ step: CheckStep, _ status: CheckStatus, _ message: String, fix: String? = nil) {
        self.step = step
        self.title = step.title
        self.status = status
        self.blocking = step.isBlocking
        self.message = message
        self.fix = fix
    }
}

/// The whole check: every step's result and what was learnt on the way.
public struct CheckReport: Sendable, Codable {
    public var url: String
    public var group: String
    public var results: [CheckResult]
    public var facts: ConnectionFacts

    public init(url: String, group: String, results: [CheckResult], facts: ConnectionFacts) {
        self.url = url
        self.group = group
        self.results = results
        self.facts = facts
    }

    /// True when no blocking step failed or was skipped.
    public var passed: Bool {
        !results.contains { $0.blocking && ($0.status == .fail || $0.status == .skip) }
    }

    public func result(_ step: CheckStep) -> CheckResult? { results.first { $0.step == step } }
}

/// Facts gathered while checking, reused by `token set`, `token rotate` and `scan`.
public struct ConnectionFacts: Sendable, Codable {
    public var version: GitLabVersion?
    public var token: TokenInfo?
    public var user: GitLabUser?
    public var group: GitLabGroup?
    public var membership: GroupMember?
    /// `free`, `premium`, `ultimate` when GitLab shows it.
    public var tier: String?
    public var projectCount: Int?

    public init() {}
}
