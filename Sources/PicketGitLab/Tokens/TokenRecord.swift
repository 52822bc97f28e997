import Foundation

/// What the vault keeps for one connection: where, for which group, the token's metadata in clear (so
/// `token status` needs no key), and the token sealed with AES-GCM.
public struct TokenRecord: Sendable, Codable, Hashable {
    public struct Owner: Sendable, Codable, Hashable {
        public var id: Int
        public var username: String
        public var kind: AccountKind

        public init(id: Int, username: String, kind: AccountKind) {
            self.id = id
            self.username = username
            self.kind = kind
        }
    }

    public struct Metadata: Sendable, Codable, Hashable {
        public var tokenID: Int?
        public var name: String?
        public var scopes: [String]
        /// `YYYY-MM-DD` (GitLab's format) or nil when the token never expires.
        public var expiresAt: String?
        public var owner: Owner?
        public var storedAt: Date
        public var rotatedAt: Date?

        public init(tokenID: Int?, name: String?, scopes: [String], expiresAt: String?, owner: Owner?,
                    storedAt: Date = Date(), rotatedAt: Date? = nil) {
            self.tokenID = tokenID
            self.name = name
            self.scopes = scopes
            self.expiresAt = expiresAt
            self.owner = owner
            self.storedAt = storedAt
            self.rotatedAt = rotatedAt
        }

        /// Metadata from GitLab's own description of the token and of its user.
        public init(info: TokenInfo, user: GitLabUser?, storedAt: Date = Date(), rotatedAt: Date? = nil) {
            self.init(tokenID: info.id, name: info.name, scopes: info.scopes, expiresAt: info.expiresAt,
                      owner: user.map { Owner(id: $0.id, username: $0.username, kind: $0.kind) },
                      storedAt: storedAt, rotatedAt: rotatedAt)
        }
    }

    public var format: Int
    public var url: String
    public var group: String?
    public var metadata: Metadata
    /// base64 of AES-GCM's combined form (nonce | ciphertext | tag).
    public var sealed: String

    public init(format: Int = 1, url: String, group: String?, metadata: Metadata, sealed: String) {
        self.format = format
        self.url = url
        self.group = group
        self.metadata = metadata
        self.sealed = sealed
    }
}
