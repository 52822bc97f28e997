import Foundation
import Crypto
import Hummingbird
import HTTPTypes
import PicketStore

/// Works out who is asking: `Authorization: Bearer pkt_…` (API tokens, stored hashed) or the session cookie
/// (stored hashed). Requests carrying neither cost no database call (webhooks, health checks).
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let services: PlatformServices

    static let sessionCookie = "picket_session"
    static let preSessionCookie = "picket_pre"

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var ctx = context
        ctx.secure = services.publicURL.isHTTPS
        let path = request.uri.path
        if !path.hasPrefix("/webhooks/") && path != "/healthz" && path != "/readyz" && path != "/metrics" && !path.hasPrefix("/static/") {
            if let auth = request.headers[.authorization] {
                guard auth.hasPrefix("Bearer "), let found = try await services.store.authenticateAPIToken(String(auth.dropFirst(7)).trimmingCharacters(in: .whitespaces)) else {
                    throw ServerError(.unauthorized, "the API token is not valid (unknown, revoked or expired)")
                }
                ctx.identity = Identity(user: found.user, via: .apiToken)
            } else if let sid = request.cookies[AuthMiddleware.sessionCookie]?.value, !sid.isEmpty {
                if let s = try await services.store.session(id: sid) {
                    ctx.identity = Identity(user: s.user, via: .session)
                    ctx.sessionID = sid
                }
            }
            ctx.preSessionID = request.cookies[AuthMiddleware.preSessionCookie]?.value
            ctx.info.user = ctx.identity?.user.username
        }
        return try await next(request, ctx)
    }

    static func sessionCookie(_ value: String, secure: Bool, maxAge: Int?) -> Cookie {
        Cookie(name: sessionCookie, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

/// CSRF tokens: HMAC-SHA256 of the session id (or, before login, of a random pre-session cookie) under a key
/// derived from the vault key. Nothing to store, valid for the session's life, compared in constant time.
struct CSRF: Sendable {
    let services: PlatformServices

    static let field = "_csrf"
    static let header = "X-CSRF-Token"

    func token(sessionID: String?, preSessionID: String?) -> String? {
        if let sessionID { return mac("session|" + sessionID) }
        if let preSessionID { return mac("pre|" + preSessionID) }
        return nil
    }

    func token(for context: AppContext) -> String? { token(sessionID: context.sessionID, preSessionID: context.preSessionID) }

    private func mac(_ s: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(s.utf8), using: services.csrfKey)
        return Data(code).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Throws 403 unless `presented` is this session's token.
    func verify(_ presented: String?, context: AppContext) throws {
        guard let expected = token(for: context), let presented,
              CSRF.constantTimeEqual(Array(expected.utf8), Array(presented.utf8)) else {
            throw ServerError(.forbidden, "the form expired or did not come from this site (CSRF check failed); reload the page and try again")
        }
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in a.indices { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}
