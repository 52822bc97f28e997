import Foundation
import Hummingbird
import PicketCore
import PicketGitLab
import PicketStore

/// A workspace's settings (gate, schedule, sync now) and its GitLab access token: who it acts as, its scopes,
/// its expiry (with a warning), the last check; replace it (checked before it is stored), check it, rotate it.
struct WorkspaceRoutes: Sendable {
    let d: Dashboard
    var services: PlatformServices { d.services }
    static let expiryWarningDays = 30.0

    func register(_ router: Router<AppContext>) {
        router.get("/workspaces") { req, ctx in try await self.list(req, ctx) }
        router.get("/workspaces/:id") { req, ctx in try await self.detail(req, ctx, flash: nil, report: nil) }
        router.post("/workspaces/:id/settings") { req, ctx in try await self.settings(req, ctx) }
        router.post("/workspaces/:id/sync") { req, ctx in try await self.sync(req, ctx) }
        router.post("/workspaces/:id/token") { req, ctx in try await self.replace(req, ctx) }
        router.post("/workspaces/:id/token/check") { req, ctx in try await self.check(req, ctx) }
        router.post("/workspaces/:id/token/rotate") { req, ctx in try await self.rotate(req, ctx) }
    }

    private func list(_ req: Request, _ ctx: AppContext) async throws -> Response {
        let id = try await d.user(req, ctx)
        let wss = try await services.store.workspaces()
        if wss.count == 1, let only = wss.first { return Responses.redirect("/workspaces/\(only.id)") }
        let rows = wss.html { w in "<tr><td><a href=\"/workspaces/\(w.id)\">\(w.name)</a></td><td>\(w.gitlabURL)/\(w.groupPath)</td><td>\(w.gateSeverity.rawValue)</td></tr>" }
        let add: HTML = id.isAdmin ? "<p><a class=\"button\" href=\"/setup\">Connect another group</a></p>" : .empty
        return d.page("Workspaces", ctx, "<h1>Workspaces</h1><table><thead><tr><th>Name</th><th>Group</th><th>Gate</th></tr></thead><tbody>\(rows)</tbody></table>\(add)")
    }

    private func workspace(_ ctx: AppContext) async throws -> Workspace {
        guard let wid = ctx.parameters.get("id", as: Int64.self) else { throw ServerError.notFound() }
        return try await services.store.workspace(wid)
    }

    private func detail(_ req: Request, _ ctx: AppContext, flash: Layout.Flash?, report: CheckReport?,
                        status: HTTPResponse.Status = .ok) async throws -> Response {
        let id = try await d.user(req, ctx)
        let ws = try await workspace(ctx)
        let t = ws.token
        var expiry: HTML = "never"
        var expiryWarning: HTML = .empty
        if let e = t?.expiresAt {
            let days = e.timeIntervalSinceNow / 86_400
            expiry = "\(ISO8601.display(e)) (\(days < 0 ? "expired" : "in \(Int(days)) days"))"
            if days < WorkspaceRoutes.expiryWarningDays {
                expiryWarning = "<div class=\"flash flash-warn\" id=\"expiry-warning\">The token \(days < 0 ? "has expired" : "expires in \(Int(max(0, days))) days"): rotate it now or replace it, or Picket stops working when it does.</div>"
            }
        }
        let check: HTML = t.map { t in
            let ok: HTML = t.lastCheckOK.map { $0 ? Layout.status("pass") : Layout.status("fail") } ?? "—"
            return "\(ok) \(ISO8601.display(t.lastCheckedAt)) \(t.lastCheckMessage.map { "— \($0)" } ?? "")"
        } ?? "—"
        let adminForms: HTML = id.isAdmin ? """
            <div class="card"><h3>Replace the token</h3><p class="small muted">The new token is checked against every step first; if a blocking step fails the current token stays.</p>
            <form method="post" action="/workspaces/\(ws.id)/token">\(d.csrfField(ctx))
            <label for="new-token">New access token</label><input id="new-token" name="token" type="password" autocomplete="off" required>
            <button type="submit" id="replace-token">Check and replace</button></form></div>
            <div class="card"><form class="inline" method="post" action="/workspaces/\(ws.id)/token/check">\(d.csrfField(ctx))<button class="secondary" type="submit" id="check-now">Check now</button></form>
            <form class="inline" method="post" action="/workspaces/\(ws.id)/token/rotate">\(d.csrfField(ctx))<button class="secondary" type="submit" id="rotate-now">Rotate now</button></form>
            <p class="small muted">Rotation asks GitLab for a new token (same scopes) and revokes this one at once; Picket stores the new one before anything else.</p></div>
            <h2>Settings</h2><div class="card"><form method="post" action="/workspaces/\(ws.id)/settings">\(d.csrfField(ctx))
            <label for="ws-name">Name</label><input id="ws-name" name="name" type="text" value="\(ws.name)">
            <label for="ws-gate">Merge request gate: fail on new findings of</label><select id="ws-gate" name="gate">\(Severity.allCases.reversed().html { s in
                "<option value=\"\(s.rawValue)\"\(s == ws.gateSeverity ? HTML(" selected") : HTML.empty)>\(s.rawValue) and above</option>" })</select>
            <label for="ws-schedule">Sync and rescan schedule</label><input id="ws-schedule" name="schedule" type="text" value="\((try? SyncSchedule(parsing: ws.schedule))?.description ?? "daily")">
            <p class="small muted">off, hourly, daily, weekly, or 30m / 6h / 2d. Each sync lists the group's projects, repairs webhooks and rescans projects whose default branch moved.</p>
            <button type="submit">Save settings</button></form>
            <form method="post" action="/workspaces/\(ws.id)/sync">\(d.csrfField(ctx))<p><button class="secondary" type="submit" id="sync-now">Sync now</button></p></form></div>
            """ : "<div class=\"card\">Gate: <b>\(ws.gateSeverity.rawValue)</b> · schedule: <b>\((try? SyncSchedule(parsing: ws.schedule))?.description ?? "daily")</b></div>"
        let results: HTML = report.map { SetupRoutes(d: d).checkTable($0) } ?? .empty
        return d.page("Workspace \(ws.name)", ctx, flash: flash, status: status, """
        <h1>\(ws.name)</h1><p class="muted">\(ws.gitlabURL)/\(ws.groupPath)</p>
        <h2>GitLab access token</h2>\(expiryWarning)
        <div class="card"><dl class="kv" id="token-facts">
        <dt>Owner</dt><dd id="token-owner">\(t?.owner ?? "—")</dd>
        <dt>Name</dt><dd>\(t?.name ?? "—")</dd>
        <dt>Scopes</dt><dd id="token-scopes">\(t.map { $0.scopes.joined(separator: ", ") } ?? "—")</dd>
        <dt>Expires</dt><dd id="token-expiry">\(expiry)</dd>
        <dt>Last check</dt><dd id="token-check">\(check)</dd>
        </dl><p class="small muted">The token is stored encrypted (AES-GCM) and never shown again.</p></div>
        \(results)\(adminForms)
        """)
    }

    private func settings(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try await d.admin(req, ctx)
        let form = try await d.form(req, ctx)
        let ws = try await workspace(ctx)
        let gate = try form.text("gate").map { g -> Severity in
            guard let s = Severity(parsing: g) else { throw ServerError.badRequest("gate '\(g)' is not a severity") }
            return s
        }
        let schedule = try form.text("schedule").map { try SyncSchedule(parsing: $0).description }
        _ = try await services.store.updateWorkspace(ws.id, name: form.text("name"), gateSeverity: gate,
                                                     schedule: schedule.map { .some($0) }, groupID: nil)
        return try await detail(req, ctx, flash: .init(kind: .ok, text: "Settings saved."), report: nil)
    }

    private func sync(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try await d.admin(req, ctx)
        _ = try await d.form(req, ctx)
        let ws = try await workspace(ctx)
        try await JobQueueing(services: services).enqueueSync(workspaceID: ws.id, priority: 20)
        return Responses.redirect("/jobs")
    }

    private func replace(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try await d.admin(req, ctx)
        let form = try await d.form(req, ctx)
        let ws = try await workspace(ctx)
        guard let raw = form["token"], let token = GitLabToken(raw) else { throw ServerError.badRequest("paste a token") }
        let (replaced, report, _) = try await TokenService(services: services).replace(workspace: ws, token: token)
        if replaced {
            try await JobQueueing(services: services).enqueueSync(workspaceID: ws.id, priority: 20)
            return try await detail(req, ctx, flash: .init(kind: .ok, text: "Token replaced. A sync runs with the new token."), report: report)
        }
        return try await detail(req, ctx, flash: .init(kind: .error, text: "The new token failed a blocking check; the current token stays."),
                                report: report, status: .unprocessableContent)
    }

    private func check(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try await d.admin(req, ctx)
        _ = try await d.form(req, ctx)
        let ws = try await workspace(ctx)
        let (report, _) = try await TokenService(services: services).recheck(workspace: ws)
        return try await detail(req, ctx, flash: report.passed ? .init(kind: .ok, text: "The token passes every blocking check.")
                                                             : .init(kind: .error, text: "A blocking check fails; see below."), report: report)
    }

    private func rotate(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try await d.admin(req, ctx)
        _ = try await d.form(req, ctx)
        let ws = try await workspace(ctx)
        do {
            let updated = try await TokenService(services: services).rotate(workspace: ws)
            return try await detail(req, ctx, flash: .init(kind: .ok, text: "Token rotated\(updated.token?.lastCheckOK == true ? " and confirmed by GitLab" : "").") , report: nil)
        } catch let e as GitLabError {
            return try await detail(req, ctx, flash: .init(kind: .error, text: "Rotation refused: \(e)"), report: nil, status: .badGateway)
        }
    }
}
