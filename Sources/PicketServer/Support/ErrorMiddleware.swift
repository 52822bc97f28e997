import Foundation
import Hummingbird
import HTTPTypes
import PicketGitLab
import PicketStore

/// Turns every error into an answer: JSON for the API and webhooks, an HTML page for the dashboard. The
/// database being away is 503 with `Retry-After`, never a crash or a hang; internal errors are logged with their
/// type and answered without detail.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let services: PlatformServices

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let r as Redirect {
            return Responses.redirect(r.location)
        } catch {
            let (status, message, extra) = classify(error)
            if status == .internalServerError {
                services.logger.error("unhandled error", metadata: ["path": .string(request.uri.path), "error": "\(error)"])
            }
            var response: Response
            let path = request.uri.path
            if path.hasPrefix("/api/") || path.hasPrefix("/webhooks/") || path == "/readyz" || request.wantsJSON {
                struct Body: Encodable { struct E: Encodable { var status: Int; var message: String }; var error: E }
                response = (try? Responses.json(Body(error: .init(status: Int(status.code), message: message)), status: status))
                    ?? Responses.text(message, status: status)
            } else {
                response = Responses.html(Layout.errorPage(status: status, message: message, identity: context.identity), status: status)
            }
            for (k, v) in extra { response.headers[k] = v }
            if status == .unauthorized && path.hasPrefix("/api/") {
                response.headers[.wwwAuthenticate] = "Bearer realm=\"picket\""
            }
            return response
        }
    }

    func classify(_ error: Error) -> (HTTPResponse.Status, String, [(HTTPField.Name, String)]) {
        switch error {
        case let e as ServerError:
            return (e.status, e.message, e.headers)
        case let e as StoreError:
            switch e {
            case .unavailable:
                return (.serviceUnavailable, "the database is unavailable; try again shortly", [(.retryAfter, "5")])
            case .notFound(let m): return (.notFound, "not found: \(m)", [])
            case .conflict(let m): return (.conflict, m, [])
            case .invalidInput(let m): return (.badRequest, m, [])
            default: return (.internalServerError, "internal error (database)", [])
            }
        case let e as GitLabError:
            return (.badGateway, "GitLab: \(e)", [])
        case let e as HTTPResponseError:
            return (e.status, e.status.reasonPhrase, [])
        default:
            return (.internalServerError, "internal error", [])
        }
    }
}

/// Headers every answer carries: no sniffing, no framing, no referrer leaks, and a content security policy that
/// allows nothing but this server's own stylesheet (the dashboard uses no JavaScript).
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppContext

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var r = try await next(request, context)
        r.headers[.xContentTypeOptions] = "nosniff"
        r.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        r.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if r.headers[.contentType]?.hasPrefix("text/html") == true {
            r.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        }
        return r
    }
}

extension Request {
    var wantsJSON: Bool {
        guard let a = headers[.accept] else { return false }
        return a.contains("application/json") && !a.contains("text/html")
    }
}
