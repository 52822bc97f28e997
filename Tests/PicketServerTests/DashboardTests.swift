import Foundation
import PicketCore
@testable import PicketServer
@testable import PicketStore
import Testing

@Suite("Dashboard pages")
struct DashboardTests {
    /// 120 findings over two repositories (secrets and dependencies, all severities), one of them ignored in
    /// `.picket.yml`, recorded by a real `recordScan`.
    static func seed(_ h: PlatformHarness) async throws -> (Workspace, Repository, Repository) {
        let ws = try await h.store.createWorkspace(NewWorkspace(name: "acme", gitlabURL: "http://127.0.0.1:9", groupPath: "acme"))
        let a = try await h.store.upsertRepository(workspaceID: ws.id, RepositoryInfo(gitlabProjectID: 1, path: "acme/api", webURL: "https://gitlab.test/acme/api", defaultBranch: "main"))
        let b = try await h.store.upsertRepository(workspaceID: ws.id, RepositoryInfo(gitlabProjectID: 2, path: "acme/web", webURL: "https://gitlab.test/acme/web", defaultBranch: "main"))
        for (repo, count) in [(a, 80), (b, 40)] {
            var findings: [Finding] = []
            for i in 0..<count {
                let kind: FindingKind = i % 3 == 0 ? .dependency : .secret
                let sev = Severity.allCases[i % 5]
                let path = i == 7 ? "tests/fixture.env" : "src/file\(i).py"
                findings.append(Finding(kind: kind, ruleID: kind == .secret ? "rule-\(i % 4)" : "GHSA-\(i)", title: "Finding <\(i)>",
                                        message: "Fix it.", severity: sev, location: Location(path: path, startLine: i + 1),
                                        evidence: Evidence(snippet: "value = ****", preview: "abc…", sha256: kind == .secret ? String(repeating: "f", count: 64) : nil),
                                        fingerprint: Fingerprint(kind: kind, rule: "r\(i)", path: path, identity: "\(repo.id)-\(i)"),
                                        suppression: i == 7 ? Suppression(kind: .config, reason: "test fixture") : nil))
            }
            let report = ScanReport(target: TargetInfo(root: "/r", mode: .workingTree, origin: ScanOrigin(branch: "main")),
                                    startedAt: Date(), finishedAt: Date(),
                                    scanners: [ScannerRun(id: "secrets", name: "Secrets", status: .ok, durationSeconds: 1, stats: [:]),
                                               ScannerRun(id: "deps", name: "Dependencies", status: .ok, durationSeconds: 1, stats: [:])],
                                    findings: findings, diagnostics: [])
            _ = try await h.store.recordScan(repositoryID: repo.id, branch: "main", commit: String(repeating: "a", count: 40), report: report)
        }
        return (ws, a, b)
    }

    static func rows(_ html: String) -> [String] {
        html.components(separatedBy: "<tr data-finding=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
    }

    @Test("findings: filters, sort, keyset pages, bulk ignore, .picket.yml ignores shown as such", arguments: Backend.allCases)
    func findings(_ backend: Backend) async throws {
        try await PlatformHarness.with(backend, workers: 0) { h in
            _ = try await h.makeAdmin()
            let (_, api, _) = try await Self.seed(h)
            let c = TestClient(base: h.baseURL)
            defer { Task { await c.shutdown() } }
            _ = try await c.login("root-admin", "correct horse battery")
            let first = try await c.get("/findings")
            #expect(first.status == 200)
            #expect(first.body.contains("118 matching"), "the two .picket.yml-ignored ones are not active")
            #expect(first.body.contains("Finding &lt;"), "titles are escaped")
            let page1 = Self.rows(first.body)
            #expect(page1.count == 50)
            // Next pages by keyset cursor, no overlap, everything reached.
            var seen = Set(page1)
            var page = first
            var pages = 1
            while let r = page.body.range(of: "id=\"next-page\" href=\"") {
                let rest = page.body[r.upperBound...]
                let href = String(rest[..<rest.firstIndex(of: "\"")!]).replacingOccurrences(of: "&amp;", with: "&")
                page = try await c.get(href)
                let ids = Self.rows(page.body)
                #expect(seen.isDisjoint(with: ids))
                seen.formUnion(ids)
                pages += 1
            }
            #expect(pages == 3)
            #expect(seen.count == 118)
            // Filters: repository, kind, severity, search, state.
            let filtered = try await c.get("/findings?repository=\(api.id)&kind=secret&severity=critical&severity=high")
            let filteredIDs = Self.rows(filtered.body)
            #expect(!filteredIDs.isEmpty)
            for id in filteredIDs {
                let f = try await h.store.finding(Int64(id)!)
                #expect(f.repositoryID == api.id && f.kind == .secret && f.severity >= .high)
            }
            let search = try await c.get("/findings?q=file12.py")
            #expect(Self.rows(search.body).count == 2, "one per repository")
            let byPath = try await c.get("/findings?sort=path&limit=5")
            #expect(Self.rows(byPath.body).count == 5)
            #expect(try await c.get("/findings?severity=urgent").status == 400)
            let configIgnored = try await c.get("/findings?state=ignored")
            #expect(configIgnored.body.contains("ignored (.picket.yml)"))
            // Bulk ignore with a reason.
            let csrf = try #require(first.csrf)
            let pick = Array(page1.prefix(3))
            let ignored = try await c.postForm("/findings/ignore", [("_csrf", csrf), ("reason", "accepted risk"), ("return", "/findings")]
                                               + pick.map { ("id", $0) })
            #expect(ignored.status == 303)
            #expect(ignored.header("Location") == "/findings?ignored=3")
            for id in pick {
                let f = try await h.store.finding(Int64(id)!)
                #expect(f.state == .ignored && f.ignoreSource == .user && f.ignoreReason == "accepted risk" && f.ignoredBy == "root-admin")
            }
            #expect(try await c.get("/findings").body.contains("115 matching"))
            let noReason = try await c.postForm("/findings/ignore", [("_csrf", csrf), ("id", page1[5])])
            #expect(noReason.status == 400)
            // The finding page: history, GitLab links at the scan's commit, unignore.
            let detail = try await c.get("/findings/\(pick[0])")
            #expect(detail.body.contains("https://gitlab.test/acme/"))
            #expect(detail.body.contains("/-/blob/aaaaaaaa"))
            #expect(detail.body.contains("accepted risk"))
            let back = try await c.postForm("/findings/\(pick[0])/unignore", [("_csrf", csrf)])
            #expect(back.status == 303)
            #expect(try await h.store.finding(Int64(pick[0])!).state == .open)
        }
    }

    @Test("repositories, scans and jobs pages; rescan and retry buttons queue work")
    func pages() async throws {
        try await PlatformHarness.with(.sqlite, workers: 0) { h in
            _ = try await h.makeAdmin()
            let (ws, api, _) = try await Self.seed(h)
            let failed = try await h.store.enqueue(NewJob(type: "scan", payload: #"{"x":1}"#, maxAttempts: 1)).job
            _ = try await h.store.claim(workerID: "t", types: ["scan"], leaseSeconds: 10)
            _ = try await h.store.fail(jobID: failed.id, workerID: "t", error: "cannot fetch acme/api@main: boom", retryable: false)
            let c = TestClient(base: h.baseURL)
            defer { Task { await c.shutdown() } }
            _ = try await c.login("root-admin", "correct horse battery")
            let repos = try await c.get("/repositories")
            #expect(repos.body.contains("acme/api"))
            #expect(repos.body.contains("sev-critical"))
            let csrf = try #require(repos.csrf)
            let rescan = try await c.postForm("/repositories/\(api.id)/rescan", [("_csrf", csrf)])
            #expect(rescan.status == 303)
            let queued = try await h.store.jobs(status: .queued, limit: 10)
            #expect(queued.contains { $0.type == "scan" && $0.payload.contains("\"reason\":\"manual\"") })
            #expect(try await c.get("/repositories/\(api.id)").body.contains("succeeded"))
            let scans = try await c.get("/scans")
            #expect(scans.body.contains("acme/web"))
            let scanID = try #require(try await h.store.scans(repositoryID: api.id, limit: 1).first?.id)
            #expect(try await c.get("/scans/\(scanID)").body.contains("80 total"))
            let jobs = try await c.get("/jobs?status=failed")
            #expect(jobs.body.contains("cannot fetch acme/api@main: boom"))
            #expect(try await c.postForm("/jobs/\(failed.id)/retry", [("_csrf", csrf)]).status == 303)
            #expect(try await h.store.job(failed.id).status == .queued)
            #expect(try await c.get("/workspaces").header("Location") == "/workspaces/\(ws.id)")
            #expect(try await c.get("/scans/99999").status == 404)
        }
    }
}
