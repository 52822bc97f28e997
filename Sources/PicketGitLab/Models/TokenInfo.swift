import Foundation

/// `GET /personal_access_tokens/self` (GitLab 15.5+): the token describing itself. Group and project access
/// tokens and service-account tokens answer too (they are personal access tokens of bot users).
public struct TokenInfo: Sendable, Hashable, Codable {
    public var id: Int
    public var name: String
    public var revoked: Bool?
    public var active: Bool?
    public var scopes: [String]
    public var userId: Int
    /// `YYYY-MM-DD` or nil (never expires). The token stops working at 00:00 UTC on that date.
    public var expiresAt: String?
    public var createdAt: String?
    public var lastUsedAt: String?
    public var description: String?

    public init(id: Int, name: String, revoked: Bool? = false, active: Bool? = true, scopes: [String], userId: Int,
                expiresAt: String? = nil, createdAt: String? = nil, lastUsedAt: String? = nil, description: String? = nil) {
        self.id = id
        self.name = name
        self.revoked = revoked
        self.active = active
        self.scopes = scopes
        self.userId = userId
        self.expiresAt = expiresAt
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.description = description
    }

    /// The instant the token stops working: 00:00 UTC on `expiresAt`.
    public var expiryInstant: Date? { expiresAt.flatMap(TokenInfo.midnightUTC) }

    /// Whole days from `now` until expiry (0 = expires tonight at 00:00 UTC), negative once expired.
    public func daysLeft(now: Date = Date()) -> Int? {
        guard let e = expiryInstant else { return nil }
        return Int((e.timeIntervalSince(now) / 86_400).rounded(.down))
    }

    public static func midnightUTC(_ ymd: String) -> Date? {
        let parts = ymd.prefix(10).split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        var c = DateComponents()
        c.year = y; c.month = m; c.day = d
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC") ?? cal.timeZone
        return cal.date(from: c)
    }
}

/// The answer to a self-rotation: the new token's description plus the token itself, once.
public struct RotatedToken: Sendable, Decodable {
    public var info: TokenInfo
    public var token: GitLabToken

    private enum Keys: String, CodingKey { case token }

    public init(from decoder: Decoder) throws {
        info = try TokenInfo(from: decoder)
        let c = try decoder.container(keyedBy: Keys.self)
        let raw = try c.decode(String.self, forKey: .token)
        guard let t = GitLabToken(raw) else {
            throw DecodingError.dataCorruptedError(forKey: .token, in: c, debugDescription: "empty token")
        }
        token = t
    }
}
