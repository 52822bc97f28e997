import Foundation
import PicketCore
@testable import PicketServer
@testable import PicketStore
import Testing

@Suite("Webhooks")
struct WebhookTests {
    static let secret = "hook-secret-0123456789abcdef"

    /// A workspace with one repository (GitLab project 101, default branch main) whose hook secret is known.
    static func seed(_ h: PlatformHarness) async throws -> Repository {
        let ws = try await h.store.createWorkspace(NewWorkspace(name: "acme", gitlabURL: "http://127.0.0.1:9", groupPath: "acme"))
        var repo = try await h.store.upsertRepository(workspaceID: ws.id, RepositoryInfo(gitlabProjectID: 101, path: "acme/payments-api",
                                                                                         webURL: "http://127.0.0.1:9/acme/payments-api", defaultBranch: "main"))
        repo = try await h.store.setRepositoryHook(repo.id, hookID: 7, secret: secret)
        return repo
    }

    static func push(project: Int = 101, branch: String = "main", after: String = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678") -> [String: Any] {
        ["object_kind": "push", "ref": "refs/heads/\(branch)", "before": String(repeating: "0", count: 40), "after": after,
         "project_id": project, "project": ["id": project, "path_with_namespace": "acme/payments-api"]]
    }

    static func mergeRequest(action: String, oldrev: String? = nil, sha: String = "feedfacefeedfacefeedfacefeedfacefeedface") -> [String: Any] {
        var attrs: [String: Any] = ["iid": 4, "action": action, "state": "opened", "source_branch": "feature/x", "target_branch": "main",
                                    "source_project_id": 101, "target_project_id": 101, "last_commit": ["id": sha]]
        if let oldrev { attrs["oldrev"] = oldrev }
        return ["object_kind": "merge_request", "project": ["id": 101], "object_attributes": attrs]
    }

    static func headers(token: String? = secret, event: String = "Push Hook", uuid: String = UUID().uuidString) -> [(String, String)] {
        var h = [("X-Gitlab-Event", event), ("X-Gitlab-Event-UUID", uuid), ("Idempotency-Key", uuid)]
        if let token { h.append(("X-Gitlab-Token", token)) }
        return h
    }

    @Test("wrong or missing token: 401 and nothing recorded or queued", arguments: Backend.allCases)
    func unauthorized(_ backend: Backend) async throws {
        try await PlatformHarness.with(backend, workers: 0) { h in
            _ = try await Self.seed(h)
            let c = TestClient(base: h.baseURL)
            defer { Task { await c.shutdown() } }
            let missing = try await c.postJSON("/webhooks/gitlab", Self.push(), headers: Self.headers(token: nil))
            #expect(missing.status == 401)
            #expect((missing.object["error"] as? [String: Any])?["status"] as? Int == 401)
            let wrong = try await c.postJSON("/webhooks/gitlab", Self.push(), headers: Self.headers(token: "not-the-secret-at-all"))
            #expect(wrong.status == 401)
            let otherProject = try await c.postJSON("/webhooks/gitlab", Self.push(project: 999), headers: Self.headers())
            #expect(otherProject.status == 401, "a secret is valid only for its own project")
            #expect(try await h.store.jobs(status: nil, limit: 10).isEmpty)
            #expect(try await h.store.webhookDeliveries(limit: 10).isEmpty)
            #expect(h.services.metrics.value("picket_webhook_deliveries_total", [("event", "push"), ("outcome", "unauthorized")]) == 3)
            #expect(!h.logs.lines.joined().contains(Self.secret))
        }
    }

    @Test("malformed payloads: 400 and nothing queued", arguments: Backend.allCases)
    func malformed(_ backend: Backend) async throws {
        try await PlatformHarness.with(backend, workers: 0) { h in
            _ = try await Self.seed(h)
            let c = TestClient(base: h.baseURL)
            defer { Task { await c.shutdown() } }
            for body in ["{not json", "[1,2,3]", #"{"object_kind":"push"}"#, #"{"object_kind":"push","project_id":101}"#,
                         #"{"project_id":101,"ref":"refs/heads/main"}"#, ""] {
                let a = try await c.request(.POST, "/webhooks/gitlab", headers: Self.headers(), body: Data(body.utf8), contentType: "application/json")
                #expect(a.status == 400, "\(body) -> \(a.status) \(a.body)")
            }
            #expect(try await h.store.jobs(status: nil, limit: 10).isEmpty)
        }
    }

    @Test("a push to the default branch queues one scan; a replayed delivery is ignored", arguments: Backend.allCases)
    func pushAndReplay(_ backend: Backend) async throws {
        try await PlatformHarness.with(backend, workers: 0) { h in
            let repo = try await Self.seed(h)
            let c = TestClient(base: h.baseURL)
            defer { Task { await c.shutdown() } }
            let uuid = UUID().uuidString
            let first = try await c.postJSON("/webhooks/gitlab", Self.push(), headers: Self.headers(uuid: uuid))
            #expect(first.status == 202, "\(first.body)")
            #expect(first.object["status"] as? String == "queued")
            let replay = try await c.postJSON("/webhooks/gitlab", Self.push(), headers: Self.headers(uuid: uuid))
            #expect(replay.status == 200)
            #expect(replay.object["status"] as? String == "duplicate")
            let jobs = try await h.store.jobs(status: nil, limit: 10)
            #expect(jobs.count == 1)
            #expect(jobs.first?.type == "scan")
            #expect(jobs.first?.payload.contains("\"repository\":\(repo.id)") == true)
            // A second, different push while the first scan is still queued shares the queued job.
            let second = try await c.postJSON("/webhooks/gitlab", Self.push(after: String(repeating: "b", count: 40)), headers: Self.headers())
            #expect(second.status == 202)
            #expect(try await h.store.jobs(status: nil, limit: 10).count == 1)
            let deliveries = try await h.store.webhookDeliveries(limit: 10)
            #expect(deliveries.count == 2)
            #expect(deliveries.allSatisfy { $0.jobID == jobs.first?.id })
            // Other branches, deleted branches and unknown events are recorded and ignored.
            let feature = try await c.postJSON("/webhooks/gitlab", Self.push(branch: "feature/x"), headers: Self.headers())
            #expect(feature.object["status"] as? String == "ignored")
            let deleted = try await c.postJSON("/webhooks/gitlab", Self.push(after: WebhookEvent.zeroSHA), headers: Self.headers())
            #expect(deleted.object["status"] as? String == "ignored")
            let note = try await c.postJSON("/webhooks/gitlab", ["object_kind": "note", "project_id": 101], headers: Self.headers(event: "Note Hook"))
            #expect(note.status == 200)
            #expect(note.object["status"] as? String == "ignored")
            #expect(try await h.store.jobs(status: nil, limit: 10).count == 1)
        }
    }

    @Test("merge request opened or given commits queues an MR scan; other actions are ignored")
    func mergeRequests() async throws {
        try await PlatformHarness.with(.sqlite, workers: 0) { h in
            _ = try await Self.seed(h)
            let c = TestClient(base: h.baseURL)
            defer { Task { await c.shutdown() } }
            let open = try await c.postJSON("/webhooks/gitlab", Self.mergeRequest(action: "open"), headers: Self.headers(event: "Merge Request Hook"))
            #expect(open.status == 202, "\(open.body)")
            let titleEdit = try await c.postJSON("/webhooks/gitlab", Self.mergeRequest(action: "update"), headers: Self.headers(event: "Merge Request Hook"))
            #expect(titleEdit.object["status"] as? String == "ignored")
            let pushed = try await c.postJSON("/webhooks/gitlab", Self.mergeRequest(action: "update", oldrev: "0f0f", sha: String(repeating: "c", count: 40)),
                                              headers: Self.headers(event: "Merge Request Hook"))
            #expect(pushed.status == 202)
            let closed = try await c.postJSON("/webhooks/gitlab", Self.mergeRequest(action: "close"), headers: Self.headers(event: "Merge Request Hook"))
            #expect(closed.object["status"] as? String == "ignored")
            let jobs = try await h.store.jobs(status: nil, limit: 10)
            #expect(jobs.map(\.type) == ["mr-scan", "mr-scan"])
            #expect(jobs.allSatisfy { $0.priority > 0 })
        }
    }

    @Test("a group hook's secret authenticates deliveries for every project of its workspace")
    func groupHook() async throws {
        try await PlatformHarness.with(.sqlite, workers: 0) { h in
            let ws = try await h.store.createWorkspace(NewWorkspace(name: "acme", gitlabURL: "http://127.0.0.1:9", groupPath: "acme"))
            _ = try await h.store.upsertRepository(workspaceID: ws.id, RepositoryInfo(gitlabProjectID: 101, path: "acme/a", defaultBranch: "main"))
            let groupSecret = "group-secret-abcdefghijklmnop"
            try await h.store.setSetting(HookInstaller.groupHookKey(ws.id), value: GroupHookRecord(hookID: 3, secretHash: SecretToken.hash(groupSecret)).text)
            let c = TestClient(base: h.baseURL)
            defer { Task { await c.shutdown() } }
            #expect(try await c.postJSON("/webhooks/gitlab", Self.push(), headers: Self.headers(token: groupSecret)).status == 202)
            #expect(try await c.postJSON("/webhooks/gitlab", Self.push(), headers: Self.headers(token: Self.secret)).status == 401)
        }
    }
}
