import Foundation
import Hummingbird
import PicketStore

/// Local users (admin only): create with a role, disable, delete. Passwords are hashed by the store.
struct UserRoutes: Sendable {
    let d: Dashboard
    var services: PlatformServices { d.services }

    func register(_ router: Router<AppContext>) {
        router.get("/users") { req, ctx in try await self.list(req, ctx, flash: nil) }
        router.post("/users") { req, ctx in try await self.create(req, ctx) }
        router.post("/users/:id/disable") { req, ctx in try await self.setDisabled(req, ctx, true) }
        router.post("/users/:id/enable") { req, ctx in try await self.setDisabled(req, ctx, false) }
    }

    private func list(_ req: Request, _ ctx: AppContext, flash: Layout.Flash?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let me = try await d.admin(req, ctx)
        let users = try await services.store.users()
        let rows = users.html { u -> HTML in
            let action: HTML = u.id == me.user.id ? .empty : (u.disabled
                ? "<form class=\"inline\" method=\"post\" action=\"/users/\(u.id)/enable\">\(d.csrfField(ctx))<button class=\"secondary\" type=\"submit\">Enable</button></form>"
                : "<form class=\"inline\" method=\"post\" action=\"/users/\(u.id)/disable\">\(d.csrfField(ctx))<button class=\"secondary\" type=\"submit\">Disable</button></form>")
            return "<tr><td>\(u.username)</td><td>\(u.role.rawValue)</td><td>\(u.disabled ? "disabled" : "active")</td><td>\(ISO8601.display(u.lastLoginAt))</td><td>\(action)</td></tr>"
        }
        return d.page("Users", ctx, flash: flash, status: status, """
        <h1>Users</h1><table><thead><tr><th>User</th><th>Role</th><th>State</th><th>Last sign-in</th><th></th></tr></thead><tbody>\(rows)</tbody></table>
        <div class="card"><h3>Add a user</h3><form method="post" action="/users">\(d.csrfField(ctx))
        <label for="u-name">Username</label><input id="u-name" name="username" type="text" required>
        <label for="u-role">Role</label><select id="u-role" name="role"><option value="viewer">viewer (read only)</option><option value="admin">admin</option></select>
        <label for="u-pass">Initial password (at least 12 characters; they change it at first sign-in)</label><input id="u-pass" name="password" type="password" autocomplete="new-password" required>
        <p><button type="submit">Add user</button></p></form></div>
        """)
    }

    private func create(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try await d.admin(req, ctx)
        let form = try await d.form(req, ctx)
        guard let name = form.text("username") else { return try await list(req, ctx, flash: .init(kind: .error, text: "Enter a username."), status: .badRequest) }
        guard let role = form.text("role").flatMap(UserRole.init(rawValue:)) else { throw ServerError.badRequest("role must be admin or viewer") }
        let password = form["password"] ?? ""
        guard password.count >= 12 else { return try await list(req, ctx, flash: .init(kind: .error, text: "The password needs at least 12 characters."), status: .badRequest) }
        let user = try await services.store.createUser(username: name, password: password, role: role, displayName: nil)
        try await services.store.setSetting(Dashboard.mustChangePasswordKey(user.id), value: "1")
        return try await list(req, ctx, flash: .init(kind: .ok, text: "User \(user.username) added."))
    }

    private func setDisabled(_ req: Request, _ ctx: AppContext, _ disabled: Bool) async throws -> Response {
        let me = try await d.admin(req, ctx)
        _ = try await d.form(req, ctx)
        guard let uid = ctx.parameters.get("id", as: Int64.self), uid != me.user.id else { throw ServerError.badRequest("you cannot disable yourself") }
        _ = try await services.store.updateUser(uid, role: nil, disabled: disabled, displayName: nil)
        return Responses.redirect("/users")
    }
}
