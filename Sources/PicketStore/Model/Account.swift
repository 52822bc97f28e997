import Foundation

public enum UserRole: String, Sendable, Hashable, Codable, CaseIterable {
    case admin, viewer
}

/// A local user. The password hash never leaves the store.
public struct User: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var username: String
    public var displayName: String?
    public var role: UserRole
    public var disabled: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var lastLoginAt: Date?
}

/// A login session. The session id is given to the browser once; only its SHA-256 is stored.
public struct Session: Sendable, Hashable, Codable {
    public var userID: Int64
    public var createdAt: Date
    public var expiresAt: Date
    public var lastSeenAt: Date
}

public struct NewSession: Sendable, Hashable {
    /// The cookie value: shown once, never stored.
    public var sessionID: String
    public var session: Session
}

/// An API token's record. The token is shown once at creation; the store keeps its SHA-256 and a prefix that
/// lets a user tell tokens apart.
public struct APIToken: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var userID: Int64
    public var name: String
    /// The first characters of the token (`pkt_3fA9xQ2b`), for display.
    public var prefix: String
    public var scopes: [String]
    public var createdAt: Date
    public var expiresAt: Date?
    public var lastUsedAt: Date?
    public var revokedAt: Date?
}

public struct NewAPIToken: Sendable, Hashable {
    /// The token: shown once, never stored.
    public var token: String
    public var record: APIToken
}

/// A successful authentication: who, and through which credential.
public struct Authenticated<Credential: Sendable & Hashable>: Sendable, Hashable {
    public var user: User
    public var credential: Credential
}
