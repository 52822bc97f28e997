import Foundation
import Hummingbird
import PicketCore
import PicketStore

/// Scan history (status, counts, errors) and the job queue (failed jobs with their errors, retry).
struct ScanRoutes: Sendable {
    let d: Dashboard
    var services: PlatformServices { d.services }

    func register(_ router: Router<AppContext>) {
        router.get("/scans") { req, ctx in try await self.list(req, ctx) }
        router.get("/scans/:id") { req, ctx in try await self.detail(req, ctx) }
        router.get("/jobs") { req, ctx in try await self.jobs(req, ctx) }
        router.post("/jobs/:id/retry") { req, ctx in try await self.retry(req, ctx) }
    }

    static func table(_ scans: [Scan], repositories: [Int64: Repository]) -> HTML {
        let rows = scans.html { s -> HTML in
            let what: HTML = s.kind == .mr ? "merge request !\(s.mergeRequestIID ?? 0)" : HTML(stringLiteral: s.kind.rawValue)
            let error: HTML = s.error.map { "<div class=\"small\" style=\"color:var(--bad)\">\(String($0.prefix(300)))</div>" } ?? .empty
            let counts: HTML = s.status == .succeeded
                ? "\(s.counts.total) total · \(s.counts.new) new · \(s.counts.fixed) fixed\(s.counts.reopened > 0 ? " · \(s.counts.reopened) reopened" : "")\(s.superseded ? " · superseded" : "")"
                : .empty
            return """
            <tr data-scan="\(s.id)"><td><a href="/scans/\(s.id)">#\(s.id)</a></td><td>\(repositories[s.repositoryID]?.path ?? "repository \(s.repositoryID)")</td>\
            <td>\(what)</td><td>\(s.ref)</td><td class="mono">\(Layout.shortSHA(s.commitSHA))</td><td>\(Layout.status(s.status.rawValue))\(error)</td>\
            <td class="small">\(counts)</td><td class="small">\(ISO8601.display(s.createdAt))</td><td class="small">\(Layout.duration(s.startedAt, s.finishedAt))</td></tr>
            """
        }
        return """
        <table class="scans"><thead><tr><th>Scan</th><th>Repository</th><th>Kind</th><th>Branch</th><th>Commit</th><th>Status</th><th>Findings</th><th>Queued</th><th>Took</th></tr></thead>
        <tbody>\(rows)</tbody></table>
        """
    }

    private func repositoryMap() async throws -> [Int64: Repository] {
        var out: [Int64: Repository] = [:]
        for ws in try await services.store.workspaces() {
            for r in try await services.store.repositories(workspaceID: ws.id, includeArchived: true) { out[r.id] = r }
        }
        return out
    }

    private func list(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try await d.user(req, ctx)
        let before = req.queryForm.text("before").flatMap(Int64.init)
        var scans: [Scan] = []
        for ws in try await services.store.workspaces() { scans += try await services.store.scans(workspaceID: ws.id, limit: 100, beforeID: before) }
        scans.sort { $0.id > $1.id }
        scans = Array(scans.prefix(100))
        let older: HTML = scans.count == 100 ? "<a class=\"button secondary\" href=\"/scans?before=\(scans.last?.id ?? 0)\">Older</a>" : .empty
        let running = scans.contains { $0.status == .queued || $0.status == .running }
        return d.page("Scans", ctx, refresh: running ? 5 : nil, """
        <h1>Scans</h1>\(ScanRoutes.table(scans, repositories: try await repositoryMap()))<div class="pager">\(older)</div>
        """)
    }

    private func detail(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try await d.user(req, ctx)
        guard let sid = ctx.parameters.get("id", as: Int64.self) else { throw ServerError.notFound() }
        let s = try await services.store.scan(sid)
        let repo = try await services.store.repository(s.repositoryID)
        let runs = s.scanners.html { r in
            "<tr><td>\(r.name)</td><td>\(Layout.status(r.status == .ok ? "succeeded" : "failed"))</td><td class=\"num\">\(String(format: "%.2f s", r.durationSeconds))</td><td>\(r.error ?? "")</td></tr>"
        }
        let job: HTML = s.jobID.map { "<dt>Job</dt><dd><a href=\"/jobs#job-\($0)\">\($0)</a></dd>" } ?? .empty
        let mr: HTML = s.mergeRequestIID.map { iid in
            HTML("<dt>Merge request</dt><dd><a href=\"\(url: repo.webURL.map { "\($0)/-/merge_requests/\(iid)" })\" rel=\"noreferrer\">!\(iid)</a></dd>")
        } ?? .empty
        return d.page("Scan \(sid)", ctx, refresh: s.status == .queued || s.status == .running ? 3 : nil, """
        <h1>Scan #\(sid) of <a href="/repositories/\(repo.id)">\(repo.path)</a></h1>
        <div class="card"><dl class="kv"><dt>Status</dt><dd id="scan-status">\(Layout.status(s.status.rawValue))</dd>
        \(s.error.map { "<dt>Error</dt><dd id=\"scan-error\">\($0)</dd>" } ?? HTML.empty)
        <dt>Kind</dt><dd>\(s.kind.rawValue)</dd><dt>Branch</dt><dd>\(s.ref)</dd>\(mr)
        <dt>Commit</dt><dd class="mono">\(s.commitSHA ?? "—")</dd>\(job)
        <dt>Queued</dt><dd>\(ISO8601.display(s.createdAt))</dd><dt>Took</dt><dd>\(Layout.duration(s.startedAt, s.finishedAt))</dd>
        <dt>Findings</dt><dd>\(s.counts.total) total, \(s.counts.new) new, \(s.counts.fixed) fixed, \(s.counts.reopened) reopened, \(s.counts.ignored) ignored</dd>
        </dl></div>
        <h2>Scanners</h2><table><thead><tr><th>Scanner</th><th>Status</th><th class="num">Time</th><th>Error</th></tr></thead><tbody>\(runs)</tbody></table>
        <p><a href="/findings?repository=\(repo.id)&amp;state=all">Findings of this repository</a></p>
        """)
    }

    private func jobs(_ req: Request, _ ctx: AppContext) async throws -> Response {
        let id = try await d.user(req, ctx)
        let store = services.store
        let counts = try await store.jobCounts()
        let status = req.queryForm.text("status").flatMap(JobStatus.init(rawValue:))
        let jobs = try await store.jobs(status: status, limit: 200)
        let summary = JobStatus.allCases.html { s in
            "<a href=\"/jobs?status=\(s.rawValue)\">\(s.rawValue)</a>: <b>\(counts[s] ?? 0)</b> · "
        }
        let rows = jobs.html { j -> HTML in
            let retry: HTML = id.isAdmin && (j.status == .failed || j.status == .cancelled) ? """
                <form class="inline" method="post" action="/jobs/\(j.id)/retry">\(d.csrfField(ctx))<button class="secondary" type="submit">Retry</button></form>
                """ : .empty
            return """
            <tr id="job-\(j.id)" data-job="\(j.id)"><td>\(j.id)</td><td>\(j.type)</td><td>\(Layout.status(j.status.rawValue))</td><td class="num">\(j.attempts)/\(j.maxAttempts)</td>\
            <td class="small mono">\(String(j.payload.prefix(160)))</td><td class="small">\(j.lastError ?? "")</td><td class="small">\(j.leaseOwner ?? "")</td>\
            <td class="small">\(ISO8601.display(j.updatedAt))</td><td>\(retry)</td></tr>
            """
        }
        let active = (counts[.queued] ?? 0) + (counts[.running] ?? 0) > 0
        return d.page("Jobs", ctx, refresh: active ? 5 : nil, """
        <h1>Jobs</h1><p>\(summary)<a href="/jobs">all</a></p>
        <table><thead><tr><th>Id</th><th>Type</th><th>Status</th><th class="num">Attempts</th><th>Payload</th><th>Last error</th><th>Worker</th><th>Updated</th><th></th></tr></thead>
        <tbody>\(rows)</tbody></table>
        """)
    }

    private func retry(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try await d.admin(req, ctx)
        _ = try await d.form(req, ctx)
        guard let jid = ctx.parameters.get("id", as: Int64.self) else { throw ServerError.notFound() }
        _ = try await services.store.retryJob(jid)
        services.doorbell.ring()
        return Responses.redirect("/jobs")
    }
}
