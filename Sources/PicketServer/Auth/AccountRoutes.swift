import Foundation
import Hummingbird
import PicketStore

/// Sign-in, sign-out, password change (forced after the first login with a generated password) and the
/// user's API tokens.
struct AccountRoutes: Sendable {
    let d: Dashboard
    var services: PlatformServices { d.services }

    func register(_ router: Router<AppContext>) {
        router.get("/login") { req, ctx in try await self.loginPage(req, ctx) }
        router.post("/login") { req, ctx in try await self.login(req, ctx) }
        router.post("/logout") { req, ctx in try await self.logout(req, ctx) }
        router.get("/account") { req, ctx in try await self.account(req, ctx, flash: nil, newToken: nil) }
        router.get("/account/password") { req, ctx in try await self.passwordPage(req, ctx, error: nil) }
        router.post("/account/password") { req, ctx in try await self.changePassword(req, ctx) }
        router.post("/account/tokens") { req, ctx in try await self.createToken(req, ctx) }
        router.post("/account/tokens/:id/revoke") { req, ctx in try await self.revokeToken(req, ctx) }
    }

    /// A safe place to go after login: a path on this server only.
    static func safeNext(_ s: String?) -> String {
        guard let s, s.hasPrefix("/"), !s.hasPrefix("//"), !s.contains("\\"), !s.hasPrefix("/login") else { return "/" }
        return s
    }

    private func loginPage(_ req: Request, _ ctx: AppContext, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        if ctx.identity != nil && error == nil { return Responses.redirect(AccountRoutes.safeNext(req.queryForm["next"])) }
        var ctx = ctx
        var response: Response
        var newPre: String?
        if ctx.preSessionID == nil {
            newPre = SecretToken.random(bytes: 24)
            ctx.preSessionID = newPre
        }
        let next = AccountRoutes.safeNext(req.queryForm["next"])
        response = d.page("Sign in", ctx, flash: error.map { .init(kind: .error, text: $0) }, status: status, """
        <h1>Sign in</h1>
        <div class="card" style="max-width:420px">
        <form method="post" action="/login">\(Layout.csrfField(d.csrf.token(for: ctx)))
        <input type="hidden" name="next" value="\(next)">
        <label for="username">Username</label><input id="username" name="username" type="text" autocomplete="username" required autofocus>
        <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
        <p><button type="submit" id="sign-in">Sign in</button></p></form>
        <p class="small muted">The first administrator's one-time password is printed once in the server's output at first start.</p>
        </div>
        """)
        if let newPre {
            response.setCookie(Cookie(name: AuthMiddleware.preSessionCookie, value: newPre, path: "/", secure: ctx.secure, httpOnly: true, sameSite: .lax))
        }
        return response
    }

    private func login(_ req: Request, _ ctx: AppContext) async throws -> Response {
        let form = try await req.form()
        try d.csrf.verify(form[CSRF.field], context: ctx)
        guard let username = form.text("username"), let password = form["password"], !password.isEmpty,
              let user = try await services.store.authenticate(username: username, password: password) else {
            services.logger("auth").notice("failed sign-in", metadata: ["remote": .string(ctx.remoteAddress ?? "-")])
            return try await loginPage(req, ctx, error: "Wrong username or password.", status: .unauthorized)
        }
        let session = try await services.store.createSession(userID: user.id, lifetime: services.configuration.sessionLifetime)
        services.logger("auth").info("signed in", metadata: ["user": .string(user.username)])
        var r = Responses.redirect(AccountRoutes.safeNext(form["next"]))
        r.setCookie(AuthMiddleware.sessionCookie(session.sessionID, secure: ctx.secure, maxAge: Int(services.configuration.sessionLifetime)))
        return r
    }

    private func logout(_ req: Request, _ ctx: AppContext) async throws -> Response {
        let form = try await req.form()
        try d.csrf.verify(form[CSRF.field], context: ctx)
        if let sid = ctx.sessionID { try await services.store.deleteSession(id: sid) }
        var r = Responses.redirect("/login")
        r.setCookie(AuthMiddleware.sessionCookie("", secure: ctx.secure, maxAge: 0))
        return r
    }

    private func passwordPage(_ req: Request, _ ctx: AppContext, error: String?) async throws -> Response {
        let id = try await d.user(req, ctx, allowPendingPasswordChange: true)
        let forced = try await services.store.setting(Dashboard.mustChangePasswordKey(id.user.id)) != nil
        return d.page("Change password", ctx, flash: error.map { .init(kind: .error, text: $0) }
                      ?? (forced ? .init(kind: .warn, text: "Choose your own password before you continue: the generated one was shown in the server's output.") : nil), """
        <h1>Change password</h1>
        <div class="card" style="max-width:460px"><form method="post" action="/account/password">\(d.csrfField(ctx))
        <label for="current">Current password</label><input id="current" name="current" type="password" autocomplete="current-password" required>
        <label for="new">New password (at least 12 characters)</label><input id="new" name="new" type="password" autocomplete="new-password" required>
        <label for="confirm">New password again</label><input id="confirm" name="confirm" type="password" autocomplete="new-password" required>
        <p><button type="submit" id="change-password">Change password</button></p></form></div>
        """)
    }

    private func changePassword(_ req: Request, _ ctx: AppContext) async throws -> Response {
        let id = try await d.user(req, ctx, allowPendingPasswordChange: true)
        let form = try await d.form(req, ctx)
        guard let current = form["current"], try await services.store.authenticate(username: id.user.username, password: current) != nil else {
            return try await passwordPage(req, ctx, error: "The current password is wrong.")
        }
        let new = form["new"] ?? ""
        guard new.count >= 12 else { return try await passwordPage(req, ctx, error: "The new password needs at least 12 characters.") }
        guard new == form["confirm"] else { return try await passwordPage(req, ctx, error: "The two new passwords differ.") }
        guard new != current else { return try await passwordPage(req, ctx, error: "Choose a password different from the current one.") }
        try await services.store.setPassword(userID: id.user.id, password: new)
        try await services.store.deleteSetting(Dashboard.mustChangePasswordKey(id.user.id))
        services.logger("auth").info("password changed", metadata: ["user": .string(id.user.username)])
        // The store ends every session of the user on a new password; this browser gets a fresh one.
        let session = try await services.store.createSession(userID: id.user.id, lifetime: services.configuration.sessionLifetime)
        var r = Responses.redirect("/")
        r.setCookie(AuthMiddleware.sessionCookie(session.sessionID, secure: ctx.secure, maxAge: Int(services.configuration.sessionLifetime)))
        return r
    }

    private func account(_ req: Request, _ ctx: AppContext, flash: Layout.Flash?, newToken: String?) async throws -> Response {
        let id = try await d.user(req, ctx)
        let tokens = try await services.store.apiTokens(userID: id.user.id)
        let rows = tokens.html { t -> HTML in
            let state = t.revokedAt != nil ? "revoked" : (t.expiresAt.map { $0 < Date() } == true ? "expired" : "active")
            let revoke: HTML = t.revokedAt == nil ? """
                <form class="inline" method="post" action="/account/tokens/\(t.id)/revoke">\(d.csrfField(ctx))<button class="secondary" type="submit">Revoke</button></form>
                """ : .empty
            return "<tr><td>\(t.name)</td><td class=\"mono\">\(t.prefix)…</td><td>\(t.scopes.joined(separator: ", "))</td><td>\(ISO8601.display(t.createdAt))</td><td>\(ISO8601.display(t.lastUsedAt))</td><td>\(state)</td><td>\(revoke)</td></tr>"
        }
        let shown: HTML = newToken.map { """
            <div class="flash flash-ok"><p>Your new API token (shown once; Picket keeps only its hash):</p><pre id="new-token">\($0)</pre>
            <p class="small">Use it as <code>Authorization: Bearer …</code> against <code>/api/v1</code>.</p></div>
            """ } ?? .empty
        return d.page("Account", ctx, flash: flash, """
        <h1>Account: \(id.user.username)</h1>
        <div class="card"><p>Role: <b>\(id.user.role.rawValue)</b>. <a href="/account/password">Change password</a></p></div>
        <h2>API tokens</h2>\(shown)
        <table><thead><tr><th>Name</th><th>Prefix</th><th>Scopes</th><th>Created</th><th>Last used</th><th>State</th><th></th></tr></thead>
        <tbody>\(rows)</tbody></table>
        <div class="card"><form method="post" action="/account/tokens">\(d.csrfField(ctx))
        <label for="token-name">New token name</label><input id="token-name" name="name" type="text" required>
        <p><button type="submit">Create API token</button></p></form></div>
        """)
    }

    private func createToken(_ req: Request, _ ctx: AppContext) async throws -> Response {
        let id = try await d.user(req, ctx)
        let form = try await d.form(req, ctx)
        guard let name = form.text("name") else { throw ServerError.badRequest("give the token a name") }
        let scopes = id.isAdmin ? ["read", "write"] : ["read"]
        let t = try await services.store.createAPIToken(userID: id.user.id, name: name, scopes: scopes, expiresAt: nil)
        return try await account(req, ctx, flash: nil, newToken: t.token)
    }

    private func revokeToken(_ req: Request, _ ctx: AppContext) async throws -> Response {
        let id = try await d.user(req, ctx)
        _ = try await d.form(req, ctx)
        guard let tid = ctx.parameters.get("id", as: Int64.self) else { throw ServerError.notFound() }
        guard try await services.store.apiTokens(userID: id.user.id).contains(where: { $0.id == tid }) else { throw ServerError.notFound("API token \(tid)") }
        try await services.store.revokeAPIToken(tid)
        return Responses.redirect("/account")
    }
}
