import Foundation
import Hummingbird
import PicketCore
import PicketGitLab
import PicketStore

/// The first-run wizard, following GitLab's procedure for connecting a tool to a group:
/// 1. GitLab URL and group; 2. create the account and token (service account on Premium/Ultimate, a dedicated
/// user's personal access token on Free; `api` scope; no or the longest expiry; invited as Maintainer);
/// 3. paste the token: every connection check runs live and shows its result and fix; 4. choose the gate;
/// 5. the first sync and scans start.
struct SetupRoutes: Sendable {
    let d: Dashboard
    var services: PlatformServices { d.services }

    func register(_ router: Router<AppContext>) {
        router.get("/setup") { req, ctx in try await self.start(req, ctx) }
        router.get("/setup/token") { req, ctx in try await self.tokenStep(req, ctx, report: nil) }
        router.post("/setup/check") { req, ctx in try await self.check(req, ctx) }
        router.post("/setup/gate") { req, ctx in try await self.gate(req, ctx) }
        router.get("/setup/progress") { req, ctx in try await self.progress(req, ctx) }
    }

    private func steps(_ current: Int) -> HTML {
        let names = ["GitLab", "Account and token", "Check", "Gate", "First scan"]
        return """
        <p class="small muted">\(names.enumerated().html { i, n in
            i + 1 == current ? "<b>\(i + 1). \(n)</b> · " : "\(i + 1). \(n) · "
        })</p>
        """
    }

    private func start(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try await d.admin(req, ctx)
        let q = req.queryForm
        return d.page("Connect GitLab", ctx, """
        <h1>Connect a GitLab group</h1>\(steps(1))
        <div class="card" style="max-width:640px">
        <p>Picket watches one GitLab group and its subgroups: it scans every project, installs webhooks to scan pushes and
        merge requests, and reports on merge requests with a note and a commit status.</p>
        <form method="get" action="/setup/token">
        <label for="url">GitLab URL</label><input id="url" name="url" type="url" placeholder="https://gitlab.example.com" value="\(q["url"] ?? "")" required>
        <p class="small muted">The address you open GitLab at, with its path prefix if it has one; not a group or API address.</p>
        <label for="group">Group path</label><input id="group" name="group" type="text" placeholder="acme" value="\(q["group"] ?? "")" required>
        <p class="small muted">As in the group's address: <code>acme</code> or <code>acme/platform</code>.</p>
        <p><button type="submit" id="next-token">Next</button></p></form></div>
        """)
    }

    private func tokenStep(_ req: Request, _ ctx: AppContext, report: CheckReport?, url u: String? = nil, group g: String? = nil,
                           status: HTTPResponse.Status = .ok) async throws -> Response {
        _ = try await d.admin(req, ctx)
        let q = req.queryForm
        guard let rawURL = u ?? q.text("url"), let group = g ?? q.text("group") else { return Responses.redirect("/setup") }
        let endpoint: GitLabEndpoint
        do { endpoint = try GitLabEndpoint(parsing: rawURL) } catch {
            return d.page("Connect GitLab", ctx, flash: .init(kind: .error, text: "\(error)"), status: .badRequest, """
            <h1>Connect a GitLab group</h1><p><a href="/setup">Back</a></p>
            """)
        }
        let base = endpoint.baseURL
        let groupPath = group.trimmingCharacters(in: CharacterSet(charactersIn: "/ "))
        let groupURL = base + "/groups/" + groupPath
        let results: HTML = report.map { checkTable($0) } ?? .empty
        return d.page("Connect GitLab", ctx, status: status, """
        <h1>Give Picket an account in \(groupPath)</h1>\(steps(report == nil ? 2 : 3))
        \(results)
        <div class="card">
        <ol class="steps">
        <li><b>Create the account.</b> On <b>Premium or Ultimate</b>: a group service account — top-level group &gt; Settings &gt;
        Service accounts &gt; Add service account. On <b>Free</b>: a dedicated GitLab user for Picket (a person's own token works too,
        but it leaves with the person).</li>
        <li><b>Create its token</b> with the <code>api</code> scope (<code>read_api</code> + <code>read_repository</code> only scans, without webhooks,
        notes or statuses) and no expiry, or the longest your instance allows. Service account: the account's ⋮ menu &gt; Manage access tokens
        &gt; Add new token. Dedicated user: avatar &gt; Edit profile &gt; Access tokens &gt; Add new token.</li>
        <li><b>Invite it as Maintainer</b> of the group: <a href="\(url: groupURL + "/-/group_members")" rel="noreferrer">\(groupURL)/-/group_members</a> &gt; Invite members,
        role Maintainer (Maintainer lets Picket install webhooks; Developer still sets statuses; Reporter only scans).</li>
        <li><b>Paste the token</b> below. Picket checks it against every step now, stores it encrypted, and never shows it again.</li>
        </ol>
        <form method="post" action="/setup/check">\(d.csrfField(ctx))
        <input type="hidden" name="url" value="\(base)"><input type="hidden" name="group" value="\(groupPath)">
        <p>GitLab: <b>\(base)</b> · group <b>\(groupPath)</b> (<a href="/setup?url=\(FormData.encode(base))&amp;group=\(FormData.encode(groupPath))">change</a>)</p>
        <label for="token">Access token</label><input id="token" name="token" type="password" autocomplete="off" placeholder="glpat-…" required>
        <p><button type="submit" id="check-token">Check and connect</button></p></form></div>
        """)
    }

    func checkTable(_ report: CheckReport) -> HTML {
        let rows = report.results.html { r -> HTML in
            let fix: HTML = r.fix.map { "<div class=\"fix\">Fix: \($0)</div>" } ?? .empty
            return """
            <tr class="check-row" data-step="\(r.step.rawValue)"><td>\(Layout.status(r.status.rawValue))</td><td><b>\(r.title)</b>\
            \(r.blocking ? HTML.empty : HTML(" <span class=\"small muted\">(informational)</span>"))</td><td>\(r.message)\(fix)</td></tr>
            """
        }
        let verdict: HTML = report.passed
            ? "<div class=\"flash flash-ok\" id=\"check-verdict\">Every blocking step passed.</div>"
            : "<div class=\"flash flash-error\" id=\"check-verdict\">A blocking step failed: fix it in GitLab and paste the token again (nothing was stored).</div>"
        return """
        <h2>Connection check</h2>\(verdict)
        <table id="check-results"><thead><tr><th>Result</th><th>Step</th><th>Details</th></tr></thead><tbody>\(rows)</tbody></table>
        """
    }

    private func check(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try await d.admin(req, ctx)
        let form = try await d.form(req, ctx)
        guard let url = form.text("url"), let group = form.text("group") else { return Responses.redirect("/setup") }
        guard let raw = form["token"], let token = GitLabToken(raw) else {
            return try await tokenStep(req, ctx, report: nil, url: url, group: group, status: .badRequest)
        }
        let service = TokenService(services: services)
        let (workspace, report) = try await service.connect(name: nil, url: url, group: group, token: token)
        guard let ws = workspace else {
            return try await tokenStep(req, ctx, report: report, url: url, group: group, status: .unprocessableContent)
        }
        services.logger("setup").notice("workspace connected", metadata: ["workspace": "\(ws.id)", "group": .string(ws.groupPath)])
        let options = Severity.allCases.reversed().html { s -> HTML in
            "<option value=\"\(s.rawValue)\"\(s == .high ? HTML(" selected") : HTML.empty)>\(s.rawValue) and above</option>"
        }
        return d.page("Connect GitLab", ctx, """
        <h1>Connected to \(ws.groupPath)</h1>\(steps(4))
        \(checkTable(report))
        <div class="card" style="max-width:640px"><h2>Merge request gate</h2>
        <p>On every merge request Picket sets the commit status <code>picket/security</code>: <b>failed</b> when the merge request adds
        findings at or above this severity, <b>success</b> otherwise (protect the branch with it to block merges).</p>
        <form method="post" action="/setup/gate">\(d.csrfField(ctx))<input type="hidden" name="workspace" value="\(ws.id)">
        <label for="gate">Fail merge requests on new findings of</label><select id="gate" name="gate">\(options)</select>
        <label for="schedule">Rescan schedule</label><select id="schedule" name="schedule">
        <option value="daily" selected>daily</option><option value="6h">every 6 hours</option><option value="hourly">hourly</option>
        <option value="weekly">weekly</option><option value="off">off (webhooks and manual scans only)</option></select>
        <p><button type="submit" id="start-scan">Save and start the first scan</button></p></form></div>
        """)
    }

    private func gate(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try await d.admin(req, ctx)
        let form = try await d.form(req, ctx)
        guard let wid = form.text("workspace").flatMap(Int64.init) else { throw ServerError.badRequest("missing workspace") }
        guard let gate = form.text("gate").flatMap(Severity.init(parsing:)) else { throw ServerError.badRequest("choose a gate severity") }
        let schedule = try SyncSchedule(parsing: form.text("schedule"))
        _ = try await services.store.updateWorkspace(wid, name: nil, gateSeverity: gate, schedule: .some(schedule.description), groupID: nil)
        try await JobQueueing(services: services).enqueueSync(workspaceID: wid, priority: 50)
        return Responses.redirect("/setup/progress?workspace=\(wid)")
    }

    private func progress(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try await d.user(req, ctx)
        guard let wid = req.queryForm.text("workspace").flatMap(Int64.init) else { return Responses.redirect("/") }
        let ws = try await services.store.workspace(wid)
        let repos = try await services.store.repositories(workspaceID: wid, includeArchived: false)
        let scans = try await services.store.scans(workspaceID: wid, limit: 200)
        let syncJobs = try await services.store.jobs(type: JobType.sync, payloadContains: "\"workspace\":\(wid)}", limit: 1)
        let sync = syncJobs.first
        var latest: [Int64: Scan] = [:]
        for s in scans where latest[s.repositoryID] == nil { latest[s.repositoryID] = s }
        let done = repos.filter { latest[$0.id]?.status == .succeeded || latest[$0.id]?.status == .failed }.count
        let syncDone = sync?.status == .succeeded
        // Scan jobs of this workspace still to run (the payload's last key is the workspace).
        let pending = try await services.store.jobs(type: JobType.scan, payloadContains: "\"workspace\":\(wid)}", limit: 500)
            .filter { $0.status == .queued || $0.status == .running }.count
        let finished = syncDone && pending == 0
        let rows = repos.html { r -> HTML in
            let s = latest[r.id]
            let state: HTML = s.map { Layout.status($0.status.rawValue) }
                ?? (finished ? "<span class=\"muted\">nothing to scan (empty)</span>" : "<span class=\"muted\">waiting</span>")
            return "<tr><td>\(r.path)</td><td>\(state)</td><td class=\"num\">\(s?.counts.total ?? 0)</td></tr>"
        }
        let syncText: HTML = sync.map { "Group sync: \(Layout.status($0.status.rawValue))\($0.lastError.map { " — \($0)" } ?? "")" } ?? "Group sync: queued"
        return d.page("First scan", ctx, refresh: finished ? nil : 3, """
        <h1>First scan of \(ws.groupPath)</h1>\(steps(5))
        <div class="card" id="progress" data-finished="\(finished ? "true" : "false")"><p>\(syncText)</p>
        <p>\(done) of \(repos.count) repositories scanned.\(finished ? HTML(" <b>Done.</b>") : HTML(" This page refreshes itself."))</p>
        <p><a class="button" href="/findings" id="view-findings">View findings</a> <a class="button secondary" href="/repositories">Repositories</a></p></div>
        <table><thead><tr><th>Repository</th><th>Scan</th><th class="num">Findings</th></tr></thead><tbody>\(rows)</tbody></table>
        """)
    }
}
