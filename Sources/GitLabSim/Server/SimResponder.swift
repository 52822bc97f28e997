import Foundation
import Hummingbird
import Logging

/// Dispatches `/api/v4/...` to the API routes, `*.git/...` to git http-backend, and `/-/sim/...` to the control API.
struct SimResponder: HTTPResponder {
    typealias Context = SimRequestContext
    let core: SimulatorCore

    func respond(to request: Request, context: SimRequestContext) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix("/api/v4/") {
            return try await api(request, context: context, path: String(path.dropFirst("/api/v4/".count))).hummingbird()
        }
        if path.hasPrefix("/-/sim/") || path == "/-/sim" {
            guard context.isLoopback else { return APIResponse.message(403, "403 Forbidden - control API is loopback only").hummingbird() }
            return try await ControlAPI(core: core).handle(request, path: String(path.dropFirst("/-/sim".count))).hummingbird()
        }
        if let git = GitHTTPRoute(path: path) {
            return try await GitHTTPHandler(core: core).handle(request, route: git, context: context).hummingbird()
        }
        return APIResponse(status: 404, body: .text("Not Found\n", contentType: "text/plain; charset=utf-8")).hummingbird()
    }

    static let maxBody = 16 << 20

    func parseParams(_ request: Request, body: ByteBuffer?) -> Params? {
        var params = Params(query: request.uri.query)
        guard let body, body.readableBytes > 0 else { return params }
        let ct = request.headers[.contentType]?.lowercased() ?? ""
        let bytes = Data(body.readableBytesView)
        if ct.contains("application/json") {
            guard let v = try? JSONValue.parse(bytes) else { return nil }
            params.addJSON(v)
        } else if ct.contains("application/x-www-form-urlencoded") || ct.isEmpty {
            params.add(Params(query: String(decoding: bytes, as: UTF8.self)))
        } else if ct.contains("multipart/form-data") {
            params.add(MultipartForm.parse(bytes, contentType: ct))
        }
        return params
    }

    func api(_ request: Request, context: SimRequestContext, path rest: String) async throws -> APIResponse {
        let now = Date()
        var method = request.method
        let isHead = method == .head
        if isHead { method = .get }
        let segments = rest.split(separator: "/", omittingEmptySubsequences: false)
        let matched = core.routeMatch(method: method, segments: segments)
        let routeName = matched.map { "/\($0.0.pattern)" } ?? "/" + rest
        var userForLog: Int?
        var tokenForLog: Int?
        var response = await apiInner(request, context: context, method: method, matched: matched, now: now,
                                      userForLog: &userForLog, tokenForLog: &tokenForLog)
        if isHead { response.body = .empty }
        // Headers GitLab's Rails stack adds to every API response.
        let requestID = String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(26))
        response.headers += [
            ("Cache-Control", "max-age=0, private, must-revalidate"), ("Vary", "Origin, Accept-Encoding"),
            ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "SAMEORIGIN"), ("X-Request-Id", requestID),
            ("X-Gitlab-Meta", #"{"correlation_id":"\#(requestID)","version":"1"}"#),
            ("X-Runtime", String(format: "%.6f", Date().timeIntervalSince(now))),
        ]
        await core.store.record(method: request.method.rawValue, route: matched == nil ? "(unmatched) " + routeName : routeName,
                                path: "/api/v4/" + rest, status: response.status, userID: userForLog, tokenID: tokenForLog)
        return response
    }

    private func apiInner(_ request: Request, context: SimRequestContext, method: HTTPRequest.Method, matched: (Route, [String: String])?,
                          now: Date, userForLog: inout Int?, tokenForLog: inout Int?) async -> APIResponse {
        if let retry = await core.store.takeStorm() {
            var r = APIResponse(status: 429, body: .text("Retry later\n", contentType: "text/plain"))
            let reset = Int(now.timeIntervalSince1970) + retry
            r.headers = ThrottleState(name: "throttle_authenticated_api", perMinuteLimit: 2000, observed: 2001, remaining: 0,
                                      resetAt: reset, retryAfter: retry, exceeded: true).headers(now: now)
            return r
        }
        if await core.store.takeServerError() { return .message(500, "500 Internal Server Error") }

        let body: ByteBuffer?
        do { body = try await request.body.collect(upTo: SimResponder.maxBody) } catch {
            return .message(413, "413 Request Entity Too Large")
        }
        guard var params = parseParams(request, body: body) else {
            return .paramError("The provided content-type 'application/json' is not supported or the body is not valid JSON.")
        }
        let token = Authenticator.extractToken(params: params, headers: request.headers)
        let world = await core.store.snapshot()

        // Rack::Attack runs before the API: throttles are keyed by the user a valid token names, else by IP.
        var rateHeaders: [(String, String)] = []
        let limits = world.instance.rateLimits
        let claimedUser = Authenticator.identity(token: token, world: world, now: now)
        if limits.enabled {
            let state: ThrottleState
            if let uid = claimedUser {
                state = await core.store.hit(key: "auth:\(uid)", name: "throttle_authenticated_api", throttle: limits.authenticatedAPI, now: now)
            } else {
                state = await core.store.hit(key: "unauth:\(context.remoteIP)", name: "throttle_unauthenticated_api", throttle: limits.unauthenticatedAPI, now: now)
            }
            rateHeaders = state.headers(now: now)
            if state.exceeded {
                return APIResponse(status: 429, headers: rateHeaders, body: .text("Retry later\n", contentType: "text/plain"))
            }
        }

        guard let (route, pathParams) = matched else {
            var r = APIResponse.routeNotFound
            r.headers += rateHeaders
            return r
        }
        var userID: Int?
        var tokenID: Int?
        switch await core.authenticator.authenticate(token: token, scopes: route.scopes, ip: context.remoteIP, now: now) {
        case .failed(var r):
            r.headers += rateHeaders
            return r
        case .anonymous:
            if route.auth == .required {
                var r = APIResponse.unauthorized
                r.headers += rateHeaders
                return r
            }
        case let .token(u, t):
            userID = u
            tokenID = t
        }
        userForLog = userID
        tokenForLog = tokenID
        if limits.enabled, let name = route.appLimit, let throttle = limits.endpoints[name] {
            let key = "app:\(name):" + (userID.map { "user:\($0)" } ?? "ip:\(context.remoteIP)")
            let state = await core.store.hit(key: key, name: name, throttle: throttle, now: now)
            if state.exceeded {
                var r = APIResponse.json(["message": ["error": "This endpoint has been requested too many times. Try again later."]], status: 429)
                r.headers += rateHeaders
                return r
            }
        }
        for (k, v) in pathParams { params.set(k, v) }
        let fresh = await core.store.snapshot()
        let call = APICall(method: method, route: route, pathParams: pathParams, params: params, headers: request.headers,
                           remoteIP: context.remoteIP, userID: userID, tokenID: tokenID, world: fresh, core: core, now: now)
        var response: APIResponse
        do {
            response = try await route.handler(call)
        } catch let e as APIFailure {
            response = e.response
        } catch {
            response = .message(500, "500 Internal Server Error")
        }
        response.headers += rateHeaders
        return response
    }
}

/// Thrown by handlers to answer with a specific error response.
struct APIFailure: Error {
    let response: APIResponse
    init(_ r: APIResponse) { response = r }
}
