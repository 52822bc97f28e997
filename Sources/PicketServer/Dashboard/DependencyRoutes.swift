import Foundation
import Hummingbird
import PicketCore
import PicketDeps
import PicketStore

/// The dependency list: every package of every repository's default branch, searchable across the workspace
/// ("who still uses log4j-core 2.14.1?"), with each repository's SBOM to download.
struct DependencyRoutes: Sendable {
    let d: Dashboard
    var services: PlatformServices { d.services }

    /// The ecosystems Picket reads lockfiles of, for the filter.
    static let ecosystems = Set(LockfileRegistry.standard.parsers.map(\.ecosystem.rawValue)).sorted()

    func register(_ router: Router<AppContext>) {
        router.get("/dependencies") { req, ctx in try await self.list(req, ctx) }
    }

    private func list(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try await d.user(req, ctx)
        let filters = try ComponentFilters(req.queryForm)
        let store = services.store
        let page = try await store.components(filters.query)
        var allRepos: [Repository] = []
        for ws in try await store.workspaces() {
            allRepos += try await store.repositories(workspaceID: ws.id, includeArchived: true)
        }
        let base = FormData.query(filters.items)
        func selected(_ on: Bool) -> HTML { on ? " selected" : "" }
        let repoOptions = allRepos.html { r in "<option value=\"\(r.id)\"\(selected(filters.repositories.contains(r.id)))>\(r.path)</option>" }
        let ecosystems = DependencyRoutes.ecosystems
        let ecoOptions = ecosystems.html { e in "<option value=\"\(e)\"\(selected(filters.ecosystem == e))>\(e)</option>" }

        let rows = page.components.html { s -> HTML in
            let c = s.component
            let relation = [c.direct.map { $0 ? "direct" : "transitive" }, c.scope].compactMap { $0 }.joined(separator: " · ")
            return """
            <tr data-component="\(s.id)"><td class="mono">\(c.name)</td><td class="mono">\(c.version ?? "unpinned")</td><td>\(c.ecosystem)</td>\
            <td>\(relation.isEmpty ? "—" : relation)</td>\
            <td class="small">\(c.license ?? "")</td>\
            <td><a href="/repositories/\(s.repositoryID)">\(s.repositoryPath)</a><div class="small mono">\(c.file)\(c.line.map { ":\($0)" } ?? "")</div></td></tr>
            """
        }
        let shownFrom = page.components.isEmpty ? 0 : filters.offset + 1
        let shownTo = filters.offset + page.components.count
        let next: HTML = page.nextOffset.map { o in
            "<a class=\"button secondary\" id=\"next-page\" href=\"/dependencies?\(base)\(base.isEmpty ? "" : "&")offset=\(o)\">Next page</a>"
        } ?? .empty
        let first: HTML = filters.offset > 0 ? "<a class=\"button secondary\" href=\"/dependencies?\(base)\">First page</a>" : .empty
        let sbom: HTML = filters.repositories.count == 1 ? """
            <div class="card">SBOM of this repository: <a id="sbom-cyclonedx" href="/api/v1/repositories/\(filters.repositories[0])/sbom?format=cyclonedx">CycloneDX 1.6</a> · \
            <a id="sbom-spdx" href="/api/v1/repositories/\(filters.repositories[0])/sbom?format=spdx">SPDX 2.3</a></div>
            """ : .empty
        return d.page("Dependencies", ctx, """
        <h1>Dependencies <span class="muted small" id="components-total">\(page.total) matching</span></h1>
        <p class="muted small">Packages of each repository's default branch, as its last successful dependency scan found them.</p>
        <form method="get" action="/dependencies" class="card filters">
        <div><label for="c-q">Package</label><input id="c-q" name="q" type="search" value="\(filters.text ?? "")" placeholder="name contains"></div>
        <div><label for="c-version">Version</label><input id="c-version" name="version" type="text" value="\(filters.version ?? "")"></div>
        <div><label for="c-eco">Ecosystem</label><select id="c-eco" name="ecosystem"><option value="">any</option>\(ecoOptions)</select></div>
        <div><label for="c-repo">Repository</label><select id="c-repo" name="repository"><option value="">any</option>\(repoOptions)</select></div>
        <div><button type="submit" id="apply-filters">Search</button> <a href="/dependencies">Reset</a></div></form>
        \(sbom)
        <table id="components"><thead><tr><th>Package</th><th>Version</th><th>Ecosystem</th><th>Relation</th><th>Licence</th><th>Where</th></tr></thead>
        <tbody>\(rows)</tbody></table>
        <div class="pager">\(first)<span class="muted">\(shownFrom)–\(shownTo) of \(page.total)</span>\(next)</div>
        """)
    }
}
