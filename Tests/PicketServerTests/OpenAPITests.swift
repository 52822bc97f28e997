import Foundation
import PicketCore
@testable import PicketServer
@testable import PicketStore
import PicketTestSupport
import Testing

@Suite("OpenAPI document and conformance")
struct OpenAPITests {
    static let spec = TestEnvironment.packageRoot + "/docs/openapi.json"

    @Test("docs/openapi.json documents exactly the operations the server routes")
    func operationsMatch() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.spec))
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(doc["openapi"] as? String == "3.1.0")
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        var documented = Set<String>()
        for (path, item) in paths { for method in item.keys { documented.insert("\(method.uppercased()) \(path)") } }
        let routed = Set(APIRoutes.documentedOperations.map { "\($0.0) \($0.1)" })
        #expect(documented == routed, "undocumented: \(routed.subtracting(documented)); not routed: \(documented.subtracting(routed))")
        // The copy served by the binary is the document itself.
        #expect(APIRoutes.openAPIDocument == data)
    }

    @Test("every operation answers as documented (status codes and JSON Schema of every body)", arguments: Backend.allCases)
    func conformance(_ backend: Backend) async throws {
        try await PlatformHarness.with(backend, workers: 0) { h in
            let admin = try await h.makeAdmin()
            let viewer = try await h.store.createUser(username: "viewer", password: "viewer password 1", role: .viewer, displayName: nil)
            let ws = try await h.store.createWorkspace(NewWorkspace(name: "acme", gitlabURL: "http://127.0.0.1:9", groupPath: "acme"))
            let repo = try await h.store.upsertRepository(workspaceID: ws.id, RepositoryInfo(
                gitlabProjectID: 101, path: "acme/api", webURL: "http://127.0.0.1:9/acme/api", defaultBranch: "main"))
            // A recorded scan with a secret, a dependency and a finding ignored in .picket.yml.
            func finding(_ rule: String, _ kind: FindingKind, _ path: String, _ sev: Severity, suppressed: Bool = false) -> Finding {
                Finding(kind: kind, ruleID: rule, title: "\(rule) in \(path)", message: "Fix it.", severity: sev,
                        location: Location(path: path, startLine: 4),
                        evidence: Evidence(snippet: "KEY=AKIA****", preview: "AKIA…", sha256: kind == .secret ? String(repeating: "c", count: 64) : nil),
                        fingerprint: Fingerprint(kind: kind, rule: rule, path: path, identity: rule),
                        dependency: kind == .dependency ? DependencyDetails(ecosystem: "PyPI", name: "requests", version: "2.0.0", fixedVersions: ["2.31.0"]) : nil,
                        suppression: suppressed ? Suppression(kind: .config, reason: "test fixture") : nil)
            }
            var report = ScanReport(target: TargetInfo(root: "/r", mode: .workingTree, origin: ScanOrigin(branch: "main")),
                                    startedAt: Date(), finishedAt: Date(),
                                    scanners: [ScannerRun(id: "secrets", name: "Secrets", status: .ok, durationSeconds: 0.2, stats: [:]),
                                               ScannerRun(id: "deps", name: "Dependencies", status: .ok, durationSeconds: 0.1, stats: [:])],
                                    findings: [finding("aws-access-key", .secret, "app/settings.py", .critical),
                                               finding("GHSA-xxxx", .dependency, "requirements.txt", .high),
                                               finding("generic-password", .secret, "tests/fixture.py", .medium, suppressed: true)],
                                    diagnostics: [])
            report.components = [
                Component(ecosystem: "PyPI", name: "requests", version: "2.0.0", purl: "pkg:pypi/requests@2.0.0", scope: "runtime",
                          direct: true, license: "Apache-2.0", file: "requirements.txt", line: 2),
                Component(ecosystem: "PyPI", name: "urllib3", version: "1.26.0", purl: "pkg:pypi/urllib3@1.26.0", direct: false,
                          file: "requirements.txt", line: 3),
                Component(ecosystem: "npm", name: "left-pad", version: nil, file: "web/package.json"),
            ]
            let outcome = try await h.store.recordScan(repositoryID: repo.id, branch: "main", commit: String(repeating: "d", count: 40), report: report)
            let first = try #require(try await h.store.findings(FindingQuery(repositoryIDs: [repo.id])).findings.first)
            let job = try await h.store.enqueue(NewJob(type: "scan", payload: #"{"repository":\#(repo.id)}"#, maxAttempts: 1)).job
            _ = try await h.store.claim(workerID: "t", types: ["scan"], leaseSeconds: 30)
            _ = try await h.store.fail(jobID: job.id, workerID: "t", error: "cannot fetch acme/api@main: timed out", retryable: false)
            _ = try await h.store.recordWebhookDelivery(eventUUID: UUID().uuidString, eventType: "push", payloadSHA256: String(repeating: "e", count: 64),
                                                        workspaceID: ws.id)
            let ids: [String: Int64] = ["workspace": ws.id, "repository": repo.id, "finding": first.id, "scan": outcome.scan.id, "job": job.id]
            let idsJSON = String(decoding: try JSONSerialization.data(withJSONObject: ids), as: UTF8.self)
            let python = TestEnvironment.packageRoot + "/.venv/bin/python"
            #expect(FileManager.default.isExecutableFile(atPath: python), "run scripts/python-venv.sh (make test does)")
            let r = try await ProcessRunner(python, [TestEnvironment.packageRoot + "/Tests/PicketServerTests/Fixtures/openapi_check.py",
                                                     "--base", h.baseURL, "--token", try await h.apiToken(for: admin),
                                                     "--viewer-token", try await h.apiToken(for: viewer), "--ids", idsJSON,
                                                     "--spec", Self.spec], timeout: .seconds(300)).run()
            #expect(r.status == 0, "\(r.stdoutText)\n\(r.stderrText)")
            #expect(r.stdoutText.contains(" 0 failures"))
        }
    }
}
