import Foundation
import Hummingbird
import PicketCore
import PicketStore

/// Repositories: last scan, its status, active findings by severity, a rescan button; one page per repository
/// with its scan history.
struct RepositoryRoutes: Sendable {
    let d: Dashboard
    var services: PlatformServices { d.services }

    func register(_ router: Router<AppContext>) {
        router.get("/") { req, ctx in try await self.home(req, ctx) }
        router.get("/repositories") { req, ctx in try await self.list(req, ctx) }
        router.get("/repositories/:id") { req, ctx in try await self.detail(req, ctx) }
        router.post("/repositories/:id/rescan") { req, ctx in try await self.rescan(req, ctx) }
    }

    private func home(_ req: Request, _ ctx: AppContext) async throws -> Response {
        let id = try await d.user(req, ctx)
        if try await services.store.workspaces().isEmpty {
            return Responses.redirect(id.isAdmin ? "/setup" : "/repositories")
        }
        return Responses.redirect("/repositories")
    }

    private func list(_ req: Request, _ ctx: AppContext) async throws -> Response {
        let id = try await d.user(req, ctx)
        let store = services.store
        let workspaces = try await store.workspaces()
        var sections: [HTML] = []
        for ws in workspaces {
            let repos = try await store.repositories(workspaceID: ws.id, includeArchived: true)
            let counts = Dictionary(try await store.severityCounts(workspaceID: ws.id, repositoryIDs: [], branch: nil).map { ($0.repositoryID, $0.counts) },
                                    uniquingKeysWith: { a, _ in a })
            var rows: [HTML] = []
            for r in repos {
                let shown = try await store.scans(repositoryID: r.id, limit: 1).first
                let status: HTML = shown.map { s in
                    "\(Layout.status(s.status.rawValue))\(s.error.map { HTML("<div class=\"small muted\">\(String($0.prefix(160)))</div>") } ?? .empty)"
                } ?? "<span class=\"muted\">not scanned</span>"
                let rescan: HTML = id.isAdmin && !r.archived ? """
                    <form class="inline" method="post" action="/repositories/\(r.id)/rescan">\(d.csrfField(ctx))<button class="secondary" type="submit">Rescan</button></form>
                    """ : .empty
                let flags: HTML = (r.archived ? HTML(" <span class=\"small muted\">archived</span>") : .empty)
                    + (r.hookID == nil && !r.archived ? HTML(" <span class=\"small muted\" title=\"no webhook: pushes are picked up by the scheduled sync\">no hook</span>") : .empty)
                rows.append("""
                <tr data-repository="\(r.path)"><td><a href="/repositories/\(r.id)">\(r.path)</a>\(flags)</td><td>\(r.defaultBranch ?? "—")</td>\
                <td>\(ISO8601.display(r.lastScanAt))</td><td>\(status)</td><td>\(Layout.counts(counts[r.id] ?? [:]))</td>\
                <td><a href="/findings?repository=\(r.id)">findings</a></td><td>\(rescan)</td></tr>
                """)
            }
            sections.append("""
            <h2>\(ws.name) <span class="small muted">\(ws.gitlabURL)/\(ws.groupPath)</span> <a class="small" href="/workspaces/\(ws.id)">settings and token</a></h2>
            <table><thead><tr><th>Repository</th><th>Branch</th><th>Last scan</th><th>Status</th><th>Active findings</th><th></th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """)
        }
        let empty: HTML = workspaces.isEmpty ? (id.isAdmin ? "<div class=\"card\"><a class=\"button\" href=\"/setup\">Connect a GitLab group</a></div>"
                                                           : "<div class=\"card\">No GitLab group is connected yet.</div>") : .empty
        let flash: Layout.Flash? = req.queryForm["queued"].map { _ in .init(kind: .ok, text: "Scan queued.") }
        return d.page("Repositories", ctx, flash: flash, "<h1>Repositories</h1>\(empty)\(sections)")
    }

    private func detail(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try await d.user(req, ctx)
        guard let rid = ctx.parameters.get("id", as: Int64.self) else { throw ServerError.notFound() }
        let store = services.store
        let r = try await store.repository(rid)
        let counts = try await store.severityCounts(workspaceID: nil, repositoryIDs: [rid], branch: nil).first?.counts ?? [:]
        let scans = try await store.scans(repositoryID: rid, limit: 50)
        let packages = try await store.components(ComponentQuery(repositoryIDs: [rid], limit: 1)).total
        return d.page(r.path, ctx, """
        <h1>\(r.path)</h1>
        <div class="card"><dl class="kv"><dt>GitLab</dt><dd><a href="\(url: r.webURL)" rel="noreferrer">\(r.webURL ?? "—")</a></dd>
        <dt>Default branch</dt><dd>\(r.defaultBranch ?? "—") at <span class="mono">\(Layout.shortSHA(r.lastHeadSHA))</span></dd>
        <dt>Webhook</dt><dd>\(r.hookID.map { "installed (hook \($0))" } ?? "none")</dd>
        <dt>Active findings</dt><dd>\(Layout.counts(counts)) <a href="/findings?repository=\(rid)">list</a></dd>
        <dt>Dependencies</dt><dd><a id="dependencies" href="/dependencies?repository=\(rid)">\(packages) package\(packages == 1 ? "" : "s")</a> · SBOM \
        <a href="/api/v1/repositories/\(rid)/sbom?format=cyclonedx">CycloneDX</a> · <a href="/api/v1/repositories/\(rid)/sbom?format=spdx">SPDX</a></dd></dl></div>
        <h2>Scans</h2>\(ScanRoutes.table(scans, repositories: [rid: r]))
        """)
    }

    private func rescan(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try await d.admin(req, ctx)
        _ = try await d.form(req, ctx)
        guard let rid = ctx.parameters.get("id", as: Int64.self) else { throw ServerError.notFound() }
        let r = try await services.store.repository(rid)
        guard let branch = r.defaultBranch, !r.archived else { throw ServerError(.conflict, "\(r.path) has no branch to scan (empty or archived)") }
        try await JobQueueing(services: services).enqueueScan(ScanPayload(workspace: r.workspaceID, repository: r.id, branch: branch, sha: nil, reason: "manual"), priority: 5)
        return Responses.redirect("/repositories?queued=\(rid)")
    }
}

