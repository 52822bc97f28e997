import Foundation
import Hummingbird
import PicketStore

/// Shared helpers of the server-rendered dashboard: who may see a page, CSRF-checked forms, page rendering.
struct Dashboard: Sendable {
    let services: PlatformServices
    var csrf: CSRF { CSRF(services: services) }
    var store: SQLStore { services.store }

    static func mustChangePasswordKey(_ userID: Int64) -> String { "user.\(userID).must_change_password" }

    /// The signed-in user, or a redirect to the login page (or to the password page while a first-login
    /// password change is pending).
    func user(_ request: Request, _ ctx: AppContext, allowPendingPasswordChange: Bool = false) async throws -> Identity {
        guard let identity = ctx.identity else {
            let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            throw Redirect("/login?next=" + FormData.encode(next))
        }
        if !allowPendingPasswordChange, identity.via == .session,
           try await store.setting(Dashboard.mustChangePasswordKey(identity.user.id)) != nil {
            throw Redirect("/account/password")
        }
        return identity
    }

    func admin(_ request: Request, _ ctx: AppContext) async throws -> Identity {
        let id = try await user(request, ctx)
        guard id.isAdmin else { throw ServerError.forbidden() }
        return id
    }

    /// The posted form after the CSRF check.
    func form(_ request: Request, _ ctx: AppContext) async throws -> FormData {
        let f = try await request.form()
        try csrf.verify(f[CSRF.field], context: ctx)
        return f
    }

    func page(_ title: String, _ ctx: AppContext, flash: Layout.Flash? = nil, refresh: Int? = nil,
              status: HTTPResponse.Status = .ok, _ body: HTML) -> Response {
        Responses.html(Layout.page(title, identity: ctx.identity, csrf: csrf.token(for: ctx), flash: flash, refresh: refresh, body),
                       status: status)
    }

    var csrfField: (AppContext) -> HTML { { ctx in Layout.csrfField(CSRF(services: services).token(for: ctx)) } }
}

/// A redirect raised from anywhere in a handler (sign in first, change the password first).
struct Redirect: Error, Sendable {
    var location: String
    init(_ location: String) { self.location = location }
}
