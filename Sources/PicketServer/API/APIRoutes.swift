import Foundation
import Hummingbird
import HTTPTypes
import PicketCore
import PicketStore

/// The REST API under `/api/v1`, one table entry per operation. The same table registers the routes and lets the
/// tests check that `docs/openapi.json` documents exactly these operations.
struct APIRoutes: Sendable {
    let services: PlatformServices

    struct Operation: Sendable {
        var method: HTTPRequest.Method
        /// OpenAPI spelling: `/api/v1/findings/{id}`.
        var path: String
        var handler: @Sendable (APIRoutes, Request, AppContext) async throws -> Response
    }

    static let operations: [Operation] = [
        Operation(method: .get, path: "/api/v1/openapi.json") { a, _, _ in a.openAPI() },
        Operation(method: .get, path: "/api/v1/me") { a, r, c in try await a.me(r, c) },
        Operation(method: .get, path: "/api/v1/workspaces") { a, r, c in try await a.workspaces(r, c) },
        Operation(method: .get, path: "/api/v1/workspaces/{id}") { a, r, c in try await a.workspace(r, c) },
        Operation(method: .patch, path: "/api/v1/workspaces/{id}") { a, r, c in try await a.patchWorkspace(r, c) },
        Operation(method: .post, path: "/api/v1/workspaces/{id}/sync") { a, r, c in try await a.sync(r, c) },
        Operation(method: .get, path: "/api/v1/repositories") { a, r, c in try await a.repositories(r, c) },
        Operation(method: .get, path: "/api/v1/repositories/{id}") { a, r, c in try await a.repository(r, c) },
        Operation(method: .post, path: "/api/v1/repositories/{id}/scans") { a, r, c in try await a.rescan(r, c) },
        Operation(method: .get, path: "/api/v1/repositories/{id}/sbom") { a, r, c in try await a.sbom(r, c) },
        Operation(method: .get, path: "/api/v1/components") { a, r, c in try await a.components(r, c) },
        Operation(method: .get, path: "/api/v1/findings") { a, r, c in try await a.findings(r, c) },
        Operation(method: .get, path: "/api/v1/findings/{id}") { a, r, c in try await a.finding(r, c) },
        Operation(method: .get, path: "/api/v1/findings/{id}/events") { a, r, c in try await a.events(r, c) },
        Operation(method: .post, path: "/api/v1/findings/ignore") { a, r, c in try await a.ignore(r, c, unignore: false) },
        Operation(method: .post, path: "/api/v1/findings/unignore") { a, r, c in try await a.ignore(r, c, unignore: true) },
        Operation(method: .get, path: "/api/v1/scans") { a, r, c in try await a.scans(r, c) },
        Operation(method: .get, path: "/api/v1/scans/{id}") { a, r, c in try await a.scan(r, c) },
        Operation(method: .get, path: "/api/v1/jobs") { a, r, c in try await a.jobs(r, c) },
        Operation(method: .get, path: "/api/v1/jobs/{id}") { a, r, c in try await a.job(r, c) },
        Operation(method: .post, path: "/api/v1/jobs/{id}/retry") { a, r, c in try await a.retryJob(r, c) },
        Operation(method: .get, path: "/api/v1/webhook-deliveries") { a, r, c in try await a.deliveries(r, c) },
    ]

    /// `(METHOD, path)` of every operation, for the OpenAPI conformance test.
    public static var documentedOperations: [(String, String)] { operations.map { ($0.method.rawValue, $0.path) } }

    func register(_ router: Router<AppContext>) {
        for op in APIRoutes.operations {
            let hbPath = op.path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "")
            router.on(RouterPath(hbPath), method: op.method) { req, ctx in try await op.handler(self, req, ctx) }
        }
    }

    // MARK: helpers

    private func reader(_ ctx: AppContext) throws -> Identity { try ctx.requireUser() }

    /// Changes need an admin; through a browser session they also need the CSRF header (API tokens do not:
    /// they are not sent by browsers on their own).
    private func writer(_ req: Request, _ ctx: AppContext) throws -> Identity {
        let id = try ctx.requireAdmin()
        if id.via == .session { try CSRF(services: services).verify(req.header(CSRF.header), context: ctx) }
        return id
    }

    private func id(_ ctx: AppContext) throws -> Int64 {
        guard let raw = ctx.parameters.get("id"), let v = Int64(raw) else { throw ServerError.badRequest("the id in the path must be a number") }
        return v
    }

    private func body<T: Decodable>(_ req: Request, _ type: T.Type) async throws -> T {
        let buf = try await req.collectBody(limit: 1 << 20)
        do { return try JSONDecoder().decode(T.self, from: Data(buffer: buf)) } catch {
            throw ServerError.badRequest("the request body is not the JSON this operation takes: \(error)")
        }
    }

    private var store: SQLStore { services.store }

    private func allRepositories() async throws -> [Int64: Repository] {
        var out: [Int64: Repository] = [:]
        for ws in try await store.workspaces() {
            for r in try await store.repositories(workspaceID: ws.id, includeArchived: true) { out[r.id] = r }
        }
        return out
    }

    // MARK: operations

    static let openAPIDocument: Data = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources"),
              let data = try? Data(contentsOf: url) else { return Data("{}".utf8) }
        return data
    }()

    private func openAPI() -> Response { Responses.jsonData(APIRoutes.openAPIDocument) }

    private func me(_ req: Request, _ ctx: AppContext) async throws -> Response {
        let u = try reader(ctx).user
        return try Responses.json(API.Me(id: u.id, username: u.username, role: u.role.rawValue))
    }

    private func workspaces(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try reader(ctx)
        return try Responses.json(API.ListBody(items: try await store.workspaces().map(API.WorkspaceBody.init)))
    }

    private func workspace(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try reader(ctx)
        return try Responses.json(API.WorkspaceBody(try await store.workspace(try id(ctx))))
    }

    private func patchWorkspace(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try writer(req, ctx)
        let wid = try id(ctx)
        let p = try await body(req, API.WorkspacePatch.self)
        let gate = try p.gateSeverity.map { g -> Severity in
            guard let s = Severity(parsing: g) else { throw ServerError.badRequest("gateSeverity '\(g)' is not a severity") }
            return s
        }
        let schedule = try p.schedule.map { try SyncSchedule(parsing: $0).description }
        let ws = try await store.updateWorkspace(wid, name: p.name, gateSeverity: gate, schedule: schedule.map { .some($0) }, groupID: nil)
        return try Responses.json(API.WorkspaceBody(ws))
    }

    private func sync(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try writer(req, ctx)
        let ws = try await store.workspace(try id(ctx))
        let r = try await JobQueueing(services: services).enqueueSync(workspaceID: ws.id, priority: 20)
        return try Responses.json(API.EnqueuedBody(job: API.JobBody(r.job), created: r.created), status: .accepted)
    }

    private func repositories(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try reader(ctx)
        let q = req.queryForm
        var wss = try await store.workspaces()
        if let w = q.text("workspace") {
            guard let wid = Int64(w) else { throw ServerError.badRequest("workspace must be a workspace id") }
            wss = wss.filter { $0.id == wid }
        }
        var out: [API.RepositoryBody] = []
        for ws in wss {
            let counts = Dictionary(try await store.severityCounts(workspaceID: ws.id, repositoryIDs: [], branch: nil).map { ($0.repositoryID, $0.counts) },
                                    uniquingKeysWith: { a, _ in a })
            for r in try await store.repositories(workspaceID: ws.id, includeArchived: q["archived"] == "true") {
                out.append(API.RepositoryBody(r, counts: counts[r.id] ?? [:]))
            }
        }
        return try Responses.json(API.ListBody(items: out))
    }

    private func repository(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try reader(ctx)
        let r = try await store.repository(try id(ctx))
        let counts = try await store.severityCounts(workspaceID: nil, repositoryIDs: [r.id], branch: nil).first?.counts ?? [:]
        return try Responses.json(API.RepositoryBody(r, counts: counts))
    }

    private func rescan(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try writer(req, ctx)
        let r = try await store.repository(try id(ctx))
        guard let branch = r.defaultBranch, !r.archived else { throw ServerError(.conflict, "\(r.path) has no branch to scan (empty or archived)") }
        let result = try await JobQueueing(services: services).enqueueScan(
            ScanPayload(workspace: r.workspaceID, repository: r.id, branch: branch, sha: nil, reason: "manual"), priority: 5)
        return try Responses.json(API.EnqueuedBody(job: API.JobBody(result.job), created: result.created), status: .accepted)
    }

    private func components(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try reader(ctx)
        let page = try await store.components(try ComponentFilters(req.queryForm).query)
        return try Responses.json(API.ComponentPageBody(items: page.components.map(API.ComponentBody.init), total: page.total,
                                                        nextOffset: page.nextOffset))
    }

    private func sbom(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try reader(ctx)
        let repo = try await store.repository(try id(ctx))
        let export = try await RepositorySBOM(store: store).render(repo, format: req.queryForm.text("format") ?? "cyclonedx")
        var headers = HTTPFields()
        headers[.contentType] = export.contentType
        headers[.contentDisposition] = "attachment; filename=\"\(export.fileName)\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: export.data)))
    }

    private func findings(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try reader(ctx)
        let filters = try FindingFilters(req.queryForm)
        let page = try await store.findings(filters.query)
        var countQuery = filters.query
        countQuery.cursor = nil
        let (total, capped) = try await store.countFindings(countQuery, cap: 10_000)
        let repos = try await allRepositories()
        return try Responses.json(API.FindingPageBody(
            items: page.findings.map { API.FindingBody($0, repository: repos[$0.repositoryID], publicURL: services.publicURL) },
            nextCursor: page.nextCursor, total: total, totalIsLowerBound: capped))
    }

    private func finding(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try reader(ctx)
        let f = try await store.finding(try id(ctx))
        let repo = try? await store.repository(f.repositoryID)
        var commit = f.commitSHA
        if commit == nil { commit = (try? await store.scan(f.lastSeenScanID))?.commitSHA }
        return try Responses.json(API.FindingBody(f, repository: repo, publicURL: services.publicURL, commit: commit))
    }

    private func events(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try reader(ctx)
        let fid = try id(ctx)
        _ = try await store.finding(fid)
        return try Responses.json(API.ListBody(items: try await store.events(findingID: fid).map(API.EventBody.init)))
    }

    private func ignore(_ req: Request, _ ctx: AppContext, unignore: Bool) async throws -> Response {
        let who = try writer(req, ctx)
        let b = try await body(req, API.IgnoreRequest.self)
        guard !b.ids.isEmpty, b.ids.count <= 10_000 else { throw ServerError.badRequest("ids must list 1 to 10000 finding ids") }
        let n: Int
        if unignore {
            n = try await store.unignoreFindings(b.ids, reason: b.reason, author: who.user.username)
        } else {
            guard let reason = b.reason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
                throw ServerError.badRequest("reason is required to ignore findings")
            }
            n = try await store.ignoreFindings(b.ids, reason: reason, author: who.user.username)
        }
        return try Responses.json(API.ChangedBody(changed: n))
    }

    private func scans(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try reader(ctx)
        let q = req.queryForm
        let limit = min(max(Int(q["limit"] ?? "50") ?? 50, 1), 500)
        if let r = q.text("repository") {
            guard let rid = Int64(r) else { throw ServerError.badRequest("repository must be a repository id") }
            return try Responses.json(API.ListBody(items: try await store.scans(repositoryID: rid, limit: limit).map(API.ScanBody.init)))
        }
        var out: [Scan] = []
        let before = q.text("before").flatMap(Int64.init)
        for ws in try await store.workspaces() {
            if let w = q.text("workspace"), Int64(w) != ws.id { continue }
            out += try await store.scans(workspaceID: ws.id, limit: limit, beforeID: before)
        }
        out.sort { $0.id > $1.id }
        return try Responses.json(API.ListBody(items: out.prefix(limit).map(API.ScanBody.init)))
    }

    private func scan(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try reader(ctx)
        return try Responses.json(API.ScanBody(try await store.scan(try id(ctx))))
    }

    private func jobs(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try reader(ctx)
        let q = req.queryForm
        var status: JobStatus?
        if let s = q.text("status") {
            guard let v = JobStatus(rawValue: s) else { throw ServerError.badRequest("status must be one of queued, running, succeeded, failed, cancelled") }
            status = v
        }
        let limit = min(max(Int(q["limit"] ?? "100") ?? 100, 1), 1_000)
        return try Responses.json(API.ListBody(items: try await store.jobs(status: status, limit: limit).map(API.JobBody.init)))
    }

    private func job(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try reader(ctx)
        return try Responses.json(API.JobBody(try await store.job(try id(ctx))))
    }

    private func retryJob(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try writer(req, ctx)
        let j = try await store.retryJob(try id(ctx))
        services.doorbell.ring()
        return try Responses.json(API.JobBody(j))
    }

    private func deliveries(_ req: Request, _ ctx: AppContext) async throws -> Response {
        _ = try ctx.requireAdmin()
        let limit = min(max(Int(req.queryForm["limit"] ?? "100") ?? 100, 1), 1_000)
        return try Responses.json(API.ListBody(items: try await store.webhookDeliveries(limit: limit).map(API.DeliveryBody.init)))
    }
}
