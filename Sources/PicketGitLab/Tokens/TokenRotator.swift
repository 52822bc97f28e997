import PicketCore
import Foundation

/// Rotates the stored token through GitLab's self-rotation endpoints. GitLab revokes the old token the moment
/// it answers, so the new token is written to the vault (durably) before anything else happens; only then is it
/// checked against GitLab.
public struct TokenRotator: Sendable {
    public var vault: TokenVault
    public var configuration: GitLabClientConfiguration
    public var name: String
    public var log: GitLabLog?

    public init(vault: TokenVault, configuration: GitLabClientConfiguration, name: String = "default", log: GitLabLog? = nil) {
        self.vault = vault
        self.configuration = configuration
        self.name = name
        self.log = log
    }

    public struct Outcome: Sendable {
        public var previousTokenID: Int?
        public var record: TokenRecord
        /// False when the new token was stored but GitLab did not confirm it afterwards (it is kept anyway:
        /// the old one is revoked).
        public var verified: Bool
    }

    /// Rotates now. `expiresAt` (`YYYY-MM-DD`) asks GitLab for that expiry; nil lets GitLab pick its default.
    public func rotate(expiresAt: String? = nil) async throws -> Outcome {
        guard let (record, token) = try vault.load(name: name) else {
            throw GitLabError.vault("no token stored for this connection; store one with 'picket gitlab token set --url URL --group PATH --token-file FILE'")
        }
        guard record.url == configuration.endpoint.baseURL else {
            throw GitLabError.vault("the stored token belongs to \(record.url), not \(configuration.endpoint.baseURL)")
        }
        let (rotated, owner): (RotatedToken, TokenRecord.Owner?)
        do {
            (rotated, owner) = try await GitLabClient.with(configuration: configuration, token: token, log: log) { client in
                let owner: TokenRecord.Owner
                if let o = record.metadata.owner {
                    owner = o
                } else {
                    let u = try await client.currentUser()
                    owner = TokenRecord.Owner(id: u.id, username: u.username, kind: u.kind)
                }
                return (try await client.rotateSelf(kind: owner.kind, expiresAt: expiresAt), owner)
            }
        } catch {
            throw rotationRefused(error)
        }

        // The old token is dead from here on: persist the new one first.
        var metadata = TokenRecord.Metadata(tokenID: rotated.info.id, name: rotated.info.name, scopes: rotated.info.scopes,
                                            expiresAt: rotated.info.expiresAt, owner: owner,
                                            storedAt: Date(), rotatedAt: Date())
        do {
            try vault.store(rotated.token, url: record.url, group: record.group, metadata: metadata, name: name)
        } catch {
            throw GitLabError.vault("GitLab issued a new token (id \(rotated.info.id)) and revoked the old one, but Picket could not save the new one (\(error)). Create a new token in GitLab and store it with 'picket gitlab token set'.")
        }
        log?("rotated token \(record.metadata.tokenID.map(String.init) ?? "?") → \(rotated.info.id); stored")

        // Confirm with GitLab; refresh metadata from its answer.
        var verified = false
        let confirmed = try? await GitLabClient.with(configuration: configuration, token: rotated.token, log: log) { try await $0.tokenSelf() }
        if let info = confirmed, info.active != false {
            verified = true
            if info.expiresAt != metadata.expiresAt || info.scopes != metadata.scopes {
                metadata.expiresAt = info.expiresAt
                metadata.scopes = info.scopes
                try? vault.store(rotated.token, url: record.url, group: record.group, metadata: metadata, name: name)
            }
        }
        let stored = (try? vault.load(name: name))??.record ?? TokenRecord(url: record.url, group: record.group, metadata: metadata, sealed: "")
        return Outcome(previousTokenID: record.metadata.tokenID, record: stored, verified: verified)
    }

    /// Rotates when the stored token expires within `days` days; nil when it does not need to.
    public func rotateIfExpiring(withinDays days: Int, now: Date = Date()) async throws -> Outcome? {
        guard let record = try TokenVault.record(dataDirectory: vault.dataDirectory, name: name),
              let date = record.metadata.expiresAt, let instant = TokenInfo.midnightUTC(date) else { return nil }
        guard instant.timeIntervalSince(now) < Double(days) * 86_400 else { return nil }
        return try await rotate()
    }

    private func rotationRefused(_ error: Error) -> Error {
        switch error {
        case GitLabError.rejected(405, _):
            return GitLabError.rejected(status: 405, message: "GitLab refuses to rotate this kind of token itself (405); rotate it in GitLab and store the new one with 'picket gitlab token set'")
        case GitLabError.notFound:
            return GitLabError.rejected(status: 404, message: "this GitLab has no self-rotation endpoint (needs GitLab 16.10 or later); rotate the token in GitLab and store the new one with 'picket gitlab token set'")
        case GitLabError.insufficientScope:
            return GitLabError.rejected(status: 403, message: "self-rotation needs the api or self_rotate scope; rotate the token in GitLab and store the new one with 'picket gitlab token set'")
        default:
            return error
        }
    }
}
