import Foundation
import Hummingbird
import PicketCore
import PicketStore

/// Findings: a filtered, sorted, keyset-paginated list with bulk ignore; one page per finding with its code
/// context (redacted for secrets), its history, and links to the file and commit in GitLab.
struct FindingRoutes: Sendable {
    let d: Dashboard
    var services: PlatformServices { d.services }

    func register(_ router: Router<AppContext>) {
        router.get("/findings") { req, ctx in try await self.list(req, ctx) }
        router.post("/findings/ignore") { req, ctx in try await self.bulkIgnore(req, ctx) }
        router.get("/findings/:id") { req, ctx in try await self.detail(req, ctx) }
        router.post("/findings/:id/ignore") { req, ctx in try await self.ignore(req, ctx, unignore: false) }
        router.post("/findings/:id/unignore") { req, ctx in try await self.ignore(req, ctx, unignore: true) }
    }

    private func list(_ req: Request, _ ctx: AppContext) async throws -> Response {
        let id = try await d.user(req, ctx)
        let qf = req.queryForm
        let filters = try FindingFilters(qf)
        let store = services.store
        let page = try await store.findings(filters.query)
        var countQuery = filters.query
        countQuery.cursor = nil
        let (total, capped) = try await store.countFindings(countQuery, cap: 10_000)
        var repos: [Int64: Repository] = [:]
        var allRepos: [Repository] = []
        for ws in try await store.workspaces() {
            for r in try await store.repositories(workspaceID: ws.id, includeArchived: true) {
                repos[r.id] = r
                allRepos.append(r)
            }
        }
        let pageNumber = Int(qf["page"] ?? "1") ?? 1
        let base = FormData.query(filters.items)

        func checked(_ on: Bool) -> HTML { on ? " checked" : "" }
        func selected(_ on: Bool) -> HTML { on ? " selected" : "" }
        let sevBoxes = Severity.allCases.reversed().html { s in
            "<label class=\"small\" style=\"display:inline;font-weight:normal\"><input type=\"checkbox\" name=\"severity\" value=\"\(s.rawValue)\"\(checked(filters.severities.contains(s)))> \(s.rawValue)</label> "
        }
        let kindOptions = FindingKind.allCases.html { k in "<option value=\"\(k.rawValue)\"\(selected(filters.kinds.contains(k)))>\(k.rawValue)</option>" }
        let stateChoices: [(String, String)] = [("", "open and reopened"), ("open", "open"), ("reopened", "reopened"), ("fixed", "fixed"),
                                                ("ignored", "ignored"), ("all", "all")]
        let currentState = filters.allStates ? "all" : (filters.states.count == 1 ? filters.states[0].rawValue : "")
        let stateOptions = stateChoices.html { v, label in "<option value=\"\(v)\"\(selected(v == currentState))>\(label)</option>" }
        let repoOptions = allRepos.html { r in "<option value=\"\(r.id)\"\(selected(filters.repositories.contains(r.id)))>\(r.path)</option>" }
        let sortOptions: [(FindingSort, String)] = [(.severity, "severity"), (.lastSeen, "last seen"), (.firstSeen, "first seen"), (.path, "path")]
        let sortHTML = sortOptions.html { s, label in "<option value=\"\(s.rawValue)\"\(selected(filters.sort == s))>\(label)</option>" }

        let rows = page.findings.html { f -> HTML in
            let repo = repos[f.repositoryID]
            let box: HTML = id.isAdmin ? "<td><input type=\"checkbox\" name=\"id\" value=\"\(f.id)\" form=\"bulk\" aria-label=\"select finding \(f.id)\"></td>" : .empty
            return """
            <tr data-finding="\(f.id)">\(box)<td>\(Layout.severity(f.severity))</td><td><a href="/findings/\(f.id)">\(f.title)</a>\
            <div class="small muted mono">\(f.ruleID)</div></td><td>\(repo?.path ?? "?")<div class="small mono">\(f.path):\(f.startLine)</div></td>\
            <td>\(f.kind.rawValue)</td><td>\(Layout.state(f.state, source: f.ignoreSource))</td><td class="small">\(ISO8601.display(f.firstSeenAt))</td>\
            <td class="small">\(ISO8601.display(f.lastSeenAt))</td></tr>
            """
        }
        let next: HTML = page.nextCursor.map { c in
            "<a class=\"button secondary\" id=\"next-page\" href=\"/findings?\(base)\(base.isEmpty ? "" : "&")cursor=\(FormData.encode(c))&page=\(pageNumber + 1)\">Next page</a>"
        } ?? .empty
        let first: HTML = filters.cursor != nil ? "<a class=\"button secondary\" href=\"/findings?\(base)\">First page</a>" : .empty
        let bulk: HTML = id.isAdmin ? """
            <form id="bulk" method="post" action="/findings/ignore" class="card">\(d.csrfField(ctx))
            <input type="hidden" name="return" value="/findings?\(base)">
            <label for="bulk-reason">Ignore the selected findings, because</label>
            <input id="bulk-reason" name="reason" type="text" placeholder="test fixture, false positive, accepted risk…" style="width:60%" required>
            <button type="submit" id="bulk-ignore">Ignore selected</button></form>
            """ : .empty
        let flash: Layout.Flash? = qf["ignored"].map { .init(kind: .ok, text: "\($0) finding(s) ignored.") }
        let totalText = capped ? "more than \(total)" : "\(total)"
        return d.page("Findings", ctx, flash: flash, """
        <h1>Findings <span class="muted small" id="findings-total">\(totalText) matching</span></h1>
        <form method="get" action="/findings" class="card filters">
        <div><label>Severity</label>\(sevBoxes)</div>
        <div><label for="f-kind">Kind</label><select id="f-kind" name="kind"><option value="">any</option>\(kindOptions)</select></div>
        <div><label for="f-state">State</label><select id="f-state" name="state">\(stateOptions)</select></div>
        <div><label for="f-repo">Repository</label><select id="f-repo" name="repository"><option value="">any</option>\(repoOptions)</select></div>
        <div><label for="f-rule">Rule</label><input id="f-rule" name="rule" type="text" value="\(filters.rules.first ?? "")"></div>
        <div><label for="f-q">Search</label><input id="f-q" name="q" type="search" value="\(filters.text ?? "")" placeholder="title, path or rule"></div>
        <div><label for="f-sort">Sort</label><select id="f-sort" name="sort">\(sortHTML)</select></div>
        <div><label for="f-dir">Order</label><select id="f-dir" name="direction"><option value="">default</option>\
        <option value="desc"\(selected(filters.descending == true))>descending</option><option value="asc"\(selected(filters.descending == false))>ascending</option></select></div>
        <div><button type="submit" id="apply-filters">Apply</button> <a href="/findings">Reset</a></div></form>
        \(bulk)
        <table id="findings"><thead><tr>\(id.isAdmin ? HTML("<th></th>") : HTML.empty)<th>Severity</th><th>Finding</th><th>Where</th><th>Kind</th><th>State</th><th>First seen</th><th>Last seen</th></tr></thead>
        <tbody>\(rows)</tbody></table>
        <div class="pager">\(first)<span class="muted">Page \(pageNumber)</span>\(next)</div>
        """)
    }

    private func bulkIgnore(_ req: Request, _ ctx: AppContext) async throws -> Response {
        let id = try await d.admin(req, ctx)
        let form = try await d.form(req, ctx)
        guard let reason = form.text("reason") else { throw ServerError.badRequest("give a reason for ignoring") }
        let ids = try form.all("id").map { s -> Int64 in
            guard let v = Int64(s) else { throw ServerError.badRequest("finding id '\(s)' is not a number") }
            return v
        }
        guard !ids.isEmpty else { throw ServerError.badRequest("select at least one finding") }
        let n = try await services.store.ignoreFindings(ids, reason: reason, author: id.user.username)
        let back = AccountRoutes.safeNext(form["return"])
        return Responses.redirect(back + (back.contains("?") ? "&" : "?") + "ignored=\(n)")
    }

    private func ignore(_ req: Request, _ ctx: AppContext, unignore: Bool) async throws -> Response {
        let id = try await d.admin(req, ctx)
        let form = try await d.form(req, ctx)
        guard let fid = ctx.parameters.get("id", as: Int64.self) else { throw ServerError.notFound() }
        if unignore {
            try await services.store.unignoreFindings([fid], reason: form.text("reason"), author: id.user.username)
        } else {
            guard let reason = form.text("reason") else { throw ServerError.badRequest("give a reason for ignoring") }
            try await services.store.ignoreFindings([fid], reason: reason, author: id.user.username)
        }
        return Responses.redirect("/findings/\(fid)")
    }

    private func detail(_ req: Request, _ ctx: AppContext) async throws -> Response {
        let id = try await d.user(req, ctx)
        guard let fid = ctx.parameters.get("id", as: Int64.self) else { throw ServerError.notFound() }
        let store = services.store
        let f = try await store.finding(fid)
        let repo = try await store.repository(f.repositoryID)
        let events = try await store.events(findingID: fid)
        // Working-tree findings carry no commit of their own: the scan that last saw them names it.
        var commit = f.commitSHA
        if commit == nil { commit = (try? await store.scan(f.lastSeenScanID))?.commitSHA }
        let links = FindingLinks(repository: repo, finding: f, commit: commit)
        let ignoredBy: HTML
        switch (f.state, f.ignoreSource) {
        case (.ignored, .config?): ignoredBy = "<dt>Ignored</dt><dd>in <code>.picket.yml</code>: \(f.ignoreReason ?? "")</dd>"
        case (.ignored, _): ignoredBy = "<dt>Ignored</dt><dd>by \(f.ignoredBy ?? "?"): \(f.ignoreReason ?? "")</dd>"
        default: ignoredBy = .empty
        }
        let eventRows = events.html { e -> HTML in
            let change: HTML = e.oldValue != nil || e.newValue != nil
                ? "<span class=\"muted\">\(e.reason == nil ? "" : " · ")\(e.oldValue ?? "") → \(e.newValue ?? "")</span>" : .empty
            let scan: HTML = e.scanID.map { "<a href=\"/scans/\($0)\">scan \($0)</a>" } ?? .empty
            return "<tr><td>\(ISO8601.display(e.createdAt))</td><td>\(e.type.rawValue)</td><td>\(e.author)</td><td>\(e.reason ?? "")\(change)</td><td>\(scan)</td></tr>"
        }
        // The stored snippet and preview are redacted by the scanner; a secret's value is never stored.
        let snippet: HTML = f.evidenceSnippet.map { "<h2>Code</h2><pre id=\"code-context\">\($0)</pre>" } ?? .empty
        let details = detailRows(f)
        let actions: HTML
        if id.isAdmin {
            actions = f.state == .ignored ? """
                <form method="post" action="/findings/\(fid)/unignore" class="card">\(d.csrfField(ctx))
                <label for="unignore-reason">Stop ignoring (optional note)</label><input id="unignore-reason" name="reason" type="text">
                <button type="submit" id="unignore">Stop ignoring</button></form>
                """ : """
                <form method="post" action="/findings/\(fid)/ignore" class="card">\(d.csrfField(ctx))
                <label for="ignore-reason">Ignore this finding, because</label><input id="ignore-reason" name="reason" type="text" style="width:60%" required>
                <button type="submit" id="ignore">Ignore</button></form>
                """
        } else {
            actions = .empty
        }
        return d.page(f.title, ctx, """
        <h1>\(Layout.severity(f.severity)) \(f.title)</h1>
        <div class="card"><dl class="kv">
        <dt>State</dt><dd id="finding-state">\(Layout.state(f.state, source: f.ignoreSource))</dd>\(ignoredBy)
        <dt>Rule</dt><dd class="mono">\(f.ruleID) <span class="muted">(\(f.kind.rawValue), confidence \(f.confidence.rawValue))</span></dd>
        <dt>Repository</dt><dd><a href="/repositories/\(repo.id)">\(repo.path)</a> on <b>\(f.branch)</b></dd>
        <dt>Location</dt><dd><a href="\(url: links.file)" rel="noreferrer" id="file-link" class="mono">\(f.path):\(f.startLine)</a></dd>
        <dt>Commit</dt><dd>\(commit.map { sha in HTML("<a href=\"\(url: links.commit)\" rel=\"noreferrer\" class=\"mono\" id=\"commit-link\">\(String(sha.prefix(12)))</a>") } ?? "—")</dd>
        <dt>First seen</dt><dd>\(ISO8601.display(f.firstSeenAt)) (<a href="/scans/\(f.firstSeenScanID)">scan \(f.firstSeenScanID)</a>)</dd>
        <dt>Last seen</dt><dd>\(ISO8601.display(f.lastSeenAt)) (<a href="/scans/\(f.lastSeenScanID)">scan \(f.lastSeenScanID)</a>)</dd>
        \(f.fixedAt.map { "<dt>Fixed</dt><dd>\(ISO8601.display($0))</dd>" } ?? HTML.empty)
        \(f.evidencePreview.map { "<dt>Evidence</dt><dd class=\"mono\">\($0)</dd>" } ?? HTML.empty)
        \(details)
        </dl><p>\(f.message)</p></div>
        \(snippet)\(actions)
        <h2>History</h2><table id="history"><thead><tr><th>When</th><th>Event</th><th>By</th><th>Details</th><th>Scan</th></tr></thead><tbody>\(eventRows)</tbody></table>
        """)
    }

    private func detailRows(_ f: StoredFinding) -> HTML {
        var out = HTML.empty
        if let dep = f.details.dependency {
            out += "<dt>Package</dt><dd class=\"mono\">\(dep.ecosystem) \(dep.name) \(dep.version)</dd>"
            if !dep.fixedVersions.isEmpty { out += "<dt>Fixed in</dt><dd class=\"mono\">\(dep.fixedVersions.joined(separator: ", "))</dd>" }
        }
        if let code = f.details.code, let fix = code.fix { out += "<dt>Fix</dt><dd>\(fix)</dd>" }
        if !f.details.identifiers.isEmpty {
            out += "<dt>Identifiers</dt><dd>\(f.details.identifiers.html { i in i.url.map { u in HTML("<a href=\"\(url: u)\" rel=\"noreferrer\">\(i.name)</a> ") } ?? HTML("\(i.name) ") })</dd>"
        }
        return out
    }
}

/// Links into GitLab for a finding: the file at the commit it was seen in, and the commit.
struct FindingLinks: Sendable {
    var file: String?
    var commit: String?

    init(repository: Repository, finding f: StoredFinding, commit: String? = nil) {
        guard let web = repository.webURL, web.lowercased().hasPrefix("http") else { return }
        let sha = commit ?? f.commitSHA
        let ref = sha ?? f.branch
        let path = f.path.split(separator: "/").map { FormData.encode(String($0)) }.joined(separator: "/")
        file = "\(web)/-/blob/\(FormData.encode(ref))/\(path)#L\(f.startLine)"
        self.commit = sha.map { "\(web)/-/commit/\($0)" }
    }
}
