import Foundation
import HTTPTypes
import Hummingbird

enum AuthResult: Sendable {
    case anonymous
    case token(userID: Int, tokenID: Int)
    case failed(APIResponse)
}

/// Token lookup as GitLab's `AuthFinders` does it: `private_token` param, `PRIVATE-TOKEN` header, then the OAuth
/// places (`Authorization: Bearer`, `access_token` param); expiry, revocation, then scopes.
struct Authenticator: Sendable {
    let store: SimStore

    static func extractToken(params: Params, headers: HTTPFields) -> String? {
        if let t = params["private_token"], !t.isEmpty { return t }
        if let name = HTTPField.Name("PRIVATE-TOKEN"), let t = headers[name], !t.isEmpty { return t }
        if let auth = headers[.authorization] {
            let parts = auth.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                let t = parts[1].trimmingCharacters(in: .whitespaces)
                if !t.isEmpty { return t }
            }
        }
        if let t = params["access_token"], !t.isEmpty { return t }
        return nil
    }

    /// Who the token claims to be, without side effects (used to key rate limits before authentication).
    static func identity(token: String?, world: World, now: Date) -> Int? {
        guard let token, let id = world.tokenByDigest[WorldLoader.digest(token)], let t = world.tokens[id], t.isActive(now: now) else { return nil }
        return t.userID
    }

    func authenticate(token: String?, scopes: ScopeRule, ip: String, now: Date) async -> AuthResult {
        guard let token else { return .anonymous }
        let digest = WorldLoader.digest(token)
        return await store.mutate { world -> AuthResult in
            guard let id = world.tokenByDigest[digest], let t = world.tokens[id] else { return .failed(.unauthorized) }
            if t.isExpired(now: now) { return .failed(.invalidToken(APIResponse.expiredDescription)) }
            if t.revoked || t.forcedInactive {
                // Using a revoked token revokes its whole family (token reuse detection).
                for (otherID, other) in world.tokens where other.familyID == t.familyID && !other.revoked {
                    world.tokens[otherID]?.revoked = true
                }
                return .failed(.invalidToken(APIResponse.revokedDescription))
            }
            if let allowed = scopes.allowed, !t.scopes.contains(where: allowed.contains) {
                return .failed(.insufficientScope(allowed))
            }
            guard let user = world.users[t.userID] else { return .failed(.unauthorized) }
            switch user.state {
            case "blocked": return .failed(.unauthorized)
            case "deactivated":
                return .failed(.message(403, "403 Forbidden - Your account has been deactivated by your administrator. Please log back in to reactivate your account."))
            default: break
            }
            // GitLab throttles last_used_at writes to one per 10 minutes.
            if t.lastUsedAt.map({ now.timeIntervalSince($0) >= 600 }) ?? true {
                world.tokens[id]?.lastUsedAt = now
            }
            if !(world.tokens[id]?.lastUsedIPs.contains(ip) ?? true) { world.tokens[id]?.lastUsedIPs.append(ip) }
            return .token(userID: t.userID, tokenID: id)
        }
    }
}
