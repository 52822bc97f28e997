import Foundation
import HTTPTypes
import Hummingbird

/// Which token scopes an endpoint accepts (`allow_access_with_scope` in GitLab's API classes).
enum ScopeRule: Sendable {
    case read, write, readUser, any, rotate

    var allowed: [String]? {
        switch self {
        case .read: ["api", "read_api"]
        case .write: ["api"]
        case .readUser: ["api", "read_api", "read_user"]
        case .rotate: ["api", "self_rotate"]
        case .any: nil
        }
    }
}

enum AuthRule: Sendable {
    /// 401 without a valid token.
    case required
    /// Anonymous callers may read public resources.
    case optional
}

typealias RouteHandler = @Sendable (APICall) async throws -> APIResponse

struct Route: Sendable {
    enum Segment: Sendable {
        case literal(String)
        case param(String)
        /// `archive` or `archive.tar.gz`: the literal with an optional `.format` suffix bound to a param.
        case literalWithFormat(String, String)
    }

    let method: HTTPRequest.Method
    let pattern: String
    let segments: [Segment]
    let scopes: ScopeRule
    let auth: AuthRule
    /// Application limit applied to this endpoint (GitLab.com's per-endpoint limits), if any.
    let appLimit: String?
    let handler: RouteHandler

    init(_ method: HTTPRequest.Method, _ pattern: String, scopes: ScopeRule, auth: AuthRule = .required, appLimit: String? = nil,
         handler: @escaping RouteHandler) {
        self.method = method
        self.pattern = pattern
        self.scopes = scopes
        self.auth = auth
        self.appLimit = appLimit
        self.handler = handler
        self.segments = pattern.split(separator: "/").map { s in
            if s.hasPrefix(":") { return .param(String(s.dropFirst())) }
            if let brace = s.firstIndex(of: "{"), s.hasSuffix("}") {
                let lit = String(s[..<brace])
                let name = String(s[s.index(after: brace)...].dropFirst().dropLast())  // "{.format}" -> "format"
                return .literalWithFormat(lit, name)
            }
            return .literal(String(s))
        }
    }

    /// Matches raw (still percent-encoded) path segments; params come back decoded.
    func match(_ raw: [Substring]) -> [String: String]? {
        guard raw.count == segments.count else { return nil }
        var params: [String: String] = [:]
        for (seg, part) in zip(segments, raw) {
            switch seg {
            case .literal(let l):
                guard part == l else { return nil }
            case .param(let name):
                guard !part.isEmpty else { return nil }
                params[name] = percentDecode(String(part))
            case .literalWithFormat(let l, let name):
                if part == l { continue }
                guard part.hasPrefix(l + ".") else { return nil }
                params[name] = String(part.dropFirst(l.count + 1))
            }
        }
        return params
    }
}

/// Everything a handler needs: the request, who is calling, a snapshot of the world and the simulator services.
struct APICall: Sendable {
    let method: HTTPRequest.Method
    let route: Route
    let pathParams: [String: String]
    let params: Params
    let headers: HTTPFields
    let remoteIP: String
    let userID: Int?
    let tokenID: Int?
    let world: World
    let core: SimulatorCore
    let now: Date

    func path(_ name: String) -> String { pathParams[name] ?? "" }
    subscript(name: String) -> String? { pathParams[name] ?? params[name] }

    var user: SimUser? { userID.flatMap { world.users[$0] } }
    var isAdmin: Bool { user?.isAdmin ?? false }
    var baseURL: String { world.instance.externalURL }
    var apiBase: String { baseURL + "/api/v4" }
}
