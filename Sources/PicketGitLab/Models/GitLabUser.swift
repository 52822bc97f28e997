/// `GET /user`: who the token acts as.
public struct GitLabUser: Sendable, Hashable, Codable {
    public var id: Int
    public var username: String
    public var name: String?
    public var state: String?
    /// True for service accounts and group/project access-token bots (GitLab's `User#bot?`).
    public var bot: Bool?
    public var isAdmin: Bool?
    public var webUrl: String?

    public init(id: Int, username: String, name: String? = nil, state: String? = nil, bot: Bool? = nil,
                isAdmin: Bool? = nil, webUrl: String? = nil) {
        self.id = id
        self.username = username
        self.name = name
        self.state = state
        self.bot = bot
        self.isAdmin = isAdmin
        self.webUrl = webUrl
    }

    /// What kind of account this is. GitLab's REST entities do not expose `user_type`, so bots are told apart
    /// by the username patterns GitLab documents (`service_account_…`, `group_<id>_bot_…`, `project_<id>_bot_…`);
    /// a bot with a custom username is reported as `.bot`.
    public var kind: AccountKind {
        guard bot == true else { return .human }
        if username.hasPrefix("service_account") { return .serviceAccount }
        if let id = AccountKind.botOwnerID(username, prefix: "group_") { return .groupBot(groupID: id) }
        if let id = AccountKind.botOwnerID(username, prefix: "project_") { return .projectBot(projectID: id) }
        return .bot
    }
}

public enum AccountKind: Sendable, Hashable, Codable, CustomStringConvertible {
    case human
    case serviceAccount
    case groupBot(groupID: Int)
    case projectBot(projectID: Int)
    /// A bot GitLab flags as such whose username follows none of the documented patterns
    /// (a service account with a custom username, most likely).
    case bot

    public var description: String {
        switch self {
        case .human: return "a person's account"
        case .serviceAccount: return "a service account"
        case .groupBot(let id): return "the bot of a group access token (group \(id))"
        case .projectBot(let id): return "the bot of a project access token (project \(id))"
        case .bot: return "a bot account"
        }
    }

    public var isBot: Bool { self != .human }

    /// `group_123_bot_abc…` → 123.
    static func botOwnerID(_ username: String, prefix: String) -> Int? {
        guard username.hasPrefix(prefix) else { return nil }
        let rest = username.dropFirst(prefix.count)
        guard let us = rest.firstIndex(of: "_"), rest[us...].hasPrefix("_bot") else { return nil }
        return Int(rest[..<us])
    }
}
