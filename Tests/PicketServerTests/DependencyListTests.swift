import Foundation
import PicketCore
@testable import PicketServer
@testable import PicketStore
import PicketTestSupport
import Testing

/// The dependency list and SBOM export over HTTP: the API, the dashboard page, and SBOMs that validate against
/// the official CycloneDX and SPDX schemas.
@Suite("Dependency list and SBOM export")
struct DependencyListTests {
    static func seed(_ h: PlatformHarness) async throws -> Repository {
        let ws = try await h.store.createWorkspace(NewWorkspace(name: "acme", gitlabURL: "http://127.0.0.1:9", groupPath: "acme"))
        let repo = try await h.store.upsertRepository(workspaceID: ws.id, RepositoryInfo(
            gitlabProjectID: 7, path: "acme/billing", webURL: "http://127.0.0.1:9/acme/billing", defaultBranch: "main"))
        var report = ScanReport(target: TargetInfo(root: "/r", mode: .workingTree, origin: ScanOrigin(branch: "main")),
                                startedAt: Date(), finishedAt: Date(),
                                scanners: [ScannerRun(id: "deps", name: "Dependencies", status: .ok, durationSeconds: 0.1, stats: [:])],
                                findings: [], diagnostics: [])
        report.components = [
            Component(ecosystem: "PyPI", name: "requests", version: "2.31.0", purl: "pkg:pypi/requests@2.31.0", scope: "runtime",
                      direct: true, license: "Apache-2.0", file: "requirements.txt", line: 1),
            Component(ecosystem: "PyPI", name: "urllib3", version: "1.26.18", purl: "pkg:pypi/urllib3@1.26.18", direct: false,
                      file: "requirements.txt", line: 2),
            Component(ecosystem: "npm", name: "<script>x", version: "1.0.0", purl: "pkg:npm/%3Cscript%3Ex@1.0.0", scope: "dev",
                      direct: true, license: "MIT", file: "web/package-lock.json", line: 12),
        ]
        _ = try await h.store.recordScan(repositoryID: repo.id, branch: "main", commit: String(repeating: "a", count: 40), report: report)
        return repo
    }

    @Test("API: search, SBOM in both formats (schema-valid), bad format named", arguments: Backend.allCases)
    func api(_ backend: Backend) async throws {
        try await PlatformHarness.with(backend, workers: 0) { h in
            let admin = try await h.makeAdmin()
            let repo = try await Self.seed(h)
            let c = TestClient(base: h.baseURL)
            defer { Task { await c.shutdown() } }
            let auth = [("Authorization", "Bearer \(try await h.apiToken(for: admin))")]

            let found = try await c.get("/api/v1/components?q=URLLIB", headers: auth)
            #expect(found.status == 200)
            let items = found.object["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1)
            #expect(items.first?["name"] as? String == "urllib3")
            #expect(items.first?["direct"] as? Bool == false)
            #expect(items.first?["repositoryPath"] as? String == "acme/billing")
            #expect(found.object["total"] as? Int == 1)
            let paged = try await c.get("/api/v1/components?limit=2", headers: auth)
            #expect(paged.object["nextOffset"] as? Int == 2)
            #expect((try await c.get("/api/v1/components?limit=0", headers: auth)).status == 400)
            #expect((try await c.get("/api/v1/components")).status == 401)

            let dir = try TestEnvironment.makeTemporaryDirectory("picket-sbom")
            defer { TestEnvironment.remove(dir) }
            for (format, type, file) in [("cyclonedx", "application/vnd.cyclonedx+json", "acme-billing.cdx.json"),
                                         ("spdx", "application/spdx+json", "acme-billing.spdx.json")] {
                let r = try await c.get("/api/v1/repositories/\(repo.id)/sbom?format=\(format)", headers: auth)
                #expect(r.status == 200)
                #expect(r.header("Content-Type") == type)
                #expect(r.header("Content-Disposition") == "attachment; filename=\"\(file)\"")
                let path = dir + "/" + file
                try Data(r.body.utf8).write(to: URL(fileURLWithPath: path))
                let problems = try await TestEnvironment.validateJSON(schema: format, document: path)
                #expect(problems == nil, "\(format): \(problems ?? "")")
                #expect(r.body.contains("pkg:pypi/urllib3@1.26.18"))
                #expect(r.body.contains(String(repeating: "a", count: 40)), "the document names the scanned commit")
            }
            let cdx = try #require(try await c.get("/api/v1/repositories/\(repo.id)/sbom", headers: auth).json as? [String: Any])
            #expect((cdx["components"] as? [Any])?.count == 3, "CycloneDX is the default")
            let bad = try await c.get("/api/v1/repositories/\(repo.id)/sbom?format=xml", headers: auth)
            #expect(bad.status == 400)
            #expect(bad.body.contains("format must be one of cyclonedx, spdx"))
            #expect((try await c.get("/api/v1/repositories/999999/sbom", headers: auth)).status == 404)
        }
    }

    @Test("dashboard: the list, its filters and the repository page's links")
    func dashboard() async throws {
        try await PlatformHarness.with(.sqlite, workers: 0) { h in
            _ = try await h.makeAdmin()
            let repo = try await Self.seed(h)
            let c = TestClient(base: h.baseURL)
            defer { Task { await c.shutdown() } }
            _ = try await c.login("root-admin", "correct horse battery")
            let all = try await c.get("/dependencies")
            #expect(all.status == 200)
            #expect(all.body.contains("3 matching"))
            #expect(all.body.contains("&lt;script&gt;x"), "names are escaped")
            #expect(!all.body.contains("<script>x"))
            #expect(all.body.contains("transitive"))
            #expect(all.body.contains("direct · dev"))
            let python = try await c.get("/dependencies?ecosystem=PyPI&q=req")
            #expect(python.body.contains("1 matching"))
            #expect(python.body.contains(">requests<"))
            let one = try await c.get("/dependencies?repository=\(repo.id)")
            #expect(one.body.contains("id=\"sbom-cyclonedx\""))
            let page = try await c.get("/repositories/\(repo.id)")
            #expect(page.body.contains("3 packages"))
            #expect(page.body.contains("/api/v1/repositories/\(repo.id)/sbom?format=spdx"))
            // The SBOM link works with the browser's session, as the page offers it.
            #expect((try await c.get("/api/v1/repositories/\(repo.id)/sbom?format=spdx")).status == 200)
            #expect((try await c.get("/dependencies?offset=-1")).status == 400)
        }
    }
}
