import Foundation
import GitLabSimKit
import PicketCore
import PicketGitLab
@testable import PicketServer
@testable import PicketStore
import PicketTestSupport
import Testing

@Suite("Group sync, scheduling and tokens against gitlab-sim", .serialized)
struct SyncTests {
    /// Runs every queued job of `types` in-process until none is left.
    static func drain(_ h: PlatformHarness, types: [String]) async throws {
        let worker = JobWorker(id: "test/drain", services: h.services, handlers: .standard(h.services), leaseSeconds: 60, pollInterval: .seconds(1))
        while let job = try await h.store.claim(workerID: worker.id, types: types, leaseSeconds: 60) {
            await worker.process(job)
        }
    }

    static func connect(_ h: PlatformHarness, _ sim: GitLabSimulator, token: String) async throws -> Workspace {
        let (ws, report) = try await TokenService(services: h.services).connect(name: nil, url: sim.baseURL, group: "acme",
                                                                               token: try #require(GitLabToken(token)))
        #expect(report.passed, "\(report.results.map { "\($0.title): \($0.status) \($0.message)" })")
        return try #require(ws)
    }

    @Test("the scheduler queues a sync when one is due; the sync adds, marks archived and removes repositories and rescans only moved heads")
    func scheduleAndSync() async throws {
        try await Sim.with { sim in
            try await PlatformHarness.with(.sqlite, workers: 0) { h in
                // read_api: Picket scans but installs no webhook, so only the scheduled sync notices pushes.
                let ws = try await Self.connect(h, sim, token: Sim.readOnlyToken)
                let scheduler = Scheduler(services: h.services)
                try await scheduler.tick(now: Date())
                #expect(try await h.store.jobs(status: .queued, limit: 10).map(\.type) == ["sync"])
                try await scheduler.tick(now: Date())
                #expect(try await h.store.jobs(status: .queued, limit: 10).count == 1, "not due again yet")
                // A repository for a project that is no longer in the group.
                let gone = try await h.store.upsertRepository(workspaceID: ws.id, RepositoryInfo(gitlabProjectID: 999, path: "acme/deleted", defaultBranch: "main"))
                try await Self.drain(h, types: ["sync"])
                let sync = try #require(try await h.store.jobs(type: "sync", payloadContains: nil, limit: 1).first)
                #expect(sync.status == .succeeded)
                #expect(sync.result?.contains("\"hookMode\":\"none\"") == true, "\(sync.result ?? "")")
                #expect(sync.result?.contains("api scope") == true)
                await #expect(throws: StoreError.self) { _ = try await h.store.repository(gone.id) }
                let repos = try await h.store.repositories(workspaceID: ws.id, includeArchived: true)
                #expect(repos.count == 6)
                #expect(repos.filter(\.archived).map(\.path) == ["acme/legacy/old-portal"])
                #expect(repos.allSatisfy { $0.hookID == nil })
                #expect(try await h.store.jobs(status: .queued, limit: 20).filter { $0.type == "scan" }.count == 4)
                try await Self.drain(h, types: ["scan"])

                // Nothing moved: the next sync queues no scan.
                try await JobQueueing(services: h.services).enqueueSync(workspaceID: ws.id)
                try await Self.drain(h, types: ["sync"])
                #expect(try await h.store.jobs(status: .queued, limit: 20).isEmpty)
                // ledger's default branch moves: only ledger is rescanned.
                _ = try await Sim.control(sim, .POST, "/-/sim/projects/102/push", ["branch": "main", "message": "Bump", "files": ["VERSION": "2\n"]])
                try await JobQueueing(services: h.services).enqueueSync(workspaceID: ws.id)
                try await Self.drain(h, types: ["sync"])
                let rescans = try await h.store.jobs(status: .queued, limit: 20)
                #expect(rescans.count == 1)
                let ledger = try #require(repos.first { $0.path == "acme/platform/backend/ledger" })
                #expect(rescans.first?.payload.contains("\"repository\":\(ledger.id)") == true)
                // A schedule of "off" stops periodic syncs.
                _ = try await h.store.updateWorkspace(ws.id, name: nil, gateSeverity: nil, schedule: .some("off"), groupID: nil)
                try await h.store.deleteSetting(Scheduler.lastSyncKey(ws.id))
                try await scheduler.tick(now: Date())
                #expect(try await h.store.jobs(type: "sync", payloadContains: nil, limit: 10).allSatisfy { $0.status != .queued })
            }
        }
    }

    @Test("as the group's Owner on Ultimate, Picket installs one group hook instead of project hooks, and its deliveries are accepted")
    func groupHook() async throws {
        try await Sim.with { sim in
            try await PlatformHarness.with(.sqlite, workers: 0) { h in
                let ws = try await Self.connect(h, sim, token: "glpat-SimAliceOwnerApiTok01")
                try await JobQueueing(services: h.services).enqueueSync(workspaceID: ws.id)
                try await Self.drain(h, types: ["sync"])
                let sync = try #require(try await h.store.jobs(type: "sync", payloadContains: nil, limit: 1).first)
                #expect(sync.result?.contains("\"hookMode\":\"group\"") == true, "\(sync.result ?? "") \(sync.lastError ?? "")")
                let api = TestClient(base: sim.apiURL)
                defer { Task { await api.shutdown() } }
                let hooks = try await api.get("/groups/10/hooks", headers: [("PRIVATE-TOKEN", "glpat-SimAliceOwnerApiTok01")])
                #expect((hooks.json as? [[String: Any]] ?? []).filter { $0["url"] as? String == h.services.publicURL.webhookURL }.count == 1)
                let projectHooks = try await api.get("/projects/101/hooks", headers: [("PRIVATE-TOKEN", EndToEndTests.adminToken)])
                #expect((projectHooks.json as? [[String: Any]] ?? []).isEmpty)
                #expect(try await h.store.setting(HookInstaller.groupHookKey(ws.id)) != nil)
                // A push delivered through the group hook is authenticated and queues a scan.
                let pushed = try await Sim.control(sim, .POST, "/-/sim/projects/101/push", ["branch": "main", "message": "x", "files": ["a.txt": "a\n"]]) as? [String: Any] ?? [:]
                let deliveries = pushed["deliveries"] as? [[String: Any]] ?? []
                #expect(deliveries.contains { $0["response_status"] as? Int == 202 }, "\(deliveries)")
                // The next sync finds the hook in place.
                try await JobQueueing(services: h.services).enqueueSync(workspaceID: ws.id)
                try await Self.drain(h, types: ["sync"])
                let again = try #require(try await h.store.jobs(type: "sync", payloadContains: nil, limit: 1).first)
                #expect(again.result?.contains("\"unchanged\":1") == true, "\(again.result ?? "")")
            }
        }
    }

    @Test("token page: facts and expiry warning; a failing replacement keeps the old token; check now; rotate now")
    func tokenPage() async throws {
        try await Sim.with { sim in
            try await PlatformHarness.with(.sqlite, workers: 0) { h in
                _ = try await h.makeAdmin()
                let ws = try await Self.connect(h, sim, token: Sim.serviceToken)
                let c = TestClient(base: h.baseURL)
                defer { Task { await c.shutdown() } }
                _ = try await c.login("root-admin", "correct horse battery")
                let page = try await c.get("/workspaces/\(ws.id)")
                #expect(page.body.contains("@service_account_group_10_picket (a service account)"))
                #expect(page.body.contains("api, read_repository"))
                #expect(page.body.contains("<dd id=\"token-expiry\">never</dd>"))
                #expect(!page.body.contains("expiry-warning"))
                let csrf = try #require(page.csrf)
                let before = try await h.store.workspaceTokenCiphertext(ws.id)

                // An expired token fails its check: nothing changes.
                let bad = try await c.postForm("/workspaces/\(ws.id)/token", [("_csrf", csrf), ("token", "glpat-SimBobExpiredToken001")])
                #expect(bad.status == 422)
                #expect(bad.body.contains("the current token stays"))
                #expect(try await h.store.workspaceTokenCiphertext(ws.id) == before)

                // A token expiring in ten days is accepted, with a warning.
                let soon = ISO8601.format(Date().addingTimeInterval(10 * 86_400)).prefix(10)
                let minted = try await Sim.control(sim, .POST, "/-/sim/tokens", ["user": "service_account_group_10_picket",
                                                                                 "scopes": ["api", "self_rotate"], "expires_at": String(soon)]) as? [String: Any] ?? [:]
                let newToken = try #require(minted["token"] as? String)
                let replaced = try await c.postForm("/workspaces/\(ws.id)/token", [("_csrf", csrf), ("token", newToken)])
                #expect(replaced.status == 200, "\(replaced.body.prefix(500))")
                #expect(replaced.body.contains("Token replaced"))
                #expect(replaced.body.contains("id=\"expiry-warning\""))
                #expect(!replaced.body.contains(newToken))
                #expect(try await h.store.workspaceTokenCiphertext(ws.id) != before)
                #expect(try await h.store.jobs(status: .queued, limit: 5).contains { $0.type == "sync" })

                // Check now records the result.
                let checked = try await c.postForm("/workspaces/\(ws.id)/token/check", [("_csrf", csrf)])
                #expect(checked.body.contains("passes every blocking check"))
                // Rotate: GitLab issues a new token (the old one is revoked) and Picket keeps working with it.
                let rotated = try await c.postForm("/workspaces/\(ws.id)/token/rotate", [("_csrf", csrf)])
                #expect(rotated.status == 200, "\(rotated.body.prefix(800))")
                #expect(rotated.body.contains("Token rotated and confirmed by GitLab"))
                let gitlab = try await WorkspaceGitLab(workspace: try await h.store.workspace(ws.id), services: h.services)
                #expect(gitlab.token.reveal != newToken)
                let me = try await gitlab.withClient { try await $0.tokenSelf() }
                #expect(me.active == true)
                await #expect(throws: GitLabError.self) {
                    _ = try await GitLabClient.with(configuration: gitlab.configuration, token: GitLabToken(newToken)!) { try await $0.tokenSelf() }
                }
            }
        }
    }

    @Test("a merge request into a branch other than the default is compared with a scan of that branch, recorded nowhere")
    func mergeRequestIntoFeatureBranch() async throws {
        try await Sim.with { sim in
            try await PlatformHarness.with(.sqlite, workers: 2) { h in
                let ws = try await Self.connect(h, sim, token: Sim.serviceToken)
                try await JobQueueing(services: h.services).enqueueSync(workspaceID: ws.id)
                try await h.waitUntil("sync and first scans") {
                    let queued = try await h.store.jobs(status: .queued, limit: 50)
                    let running = try await h.store.jobs(status: .running, limit: 50)
                    let sync = try await h.store.jobs(type: "sync", payloadContains: nil, limit: 1).first
                    return queued.isEmpty && running.isEmpty && sync?.status == .succeeded
                }
                // A release branch that already holds a secret, and a merge request into it that adds another.
                _ = try await Sim.control(sim, .POST, "/-/sim/projects/102/push", ["branch": "release", "from": "main", "message": "release",
                                                                                  "files": ["deploy.env": "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/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\n"]])
                let opened = try await Sim.control(sim, .POST, "/-/sim/projects/102/merge_requests", [
                    "title": "Hotfix", "source_branch": "hotfix", "target_branch": "release", "author": "bob",
                    "files": ["pay.py": "STRIPE_KEY = \"\(EndToEndTests.stripeKey)\"\n"]]) as? [String: Any] ?? [:]
                let iid = try #require((opened["merge_request"] as? [String: Any])?["iid"] as? Int)
                try await h.waitUntil("the note on the hotfix merge request", timeout: .seconds(240)) {
                    let all = try await Sim.control(sim, .GET, "/-/sim/notes") as? [[String: Any]] ?? []
                    return all.contains { $0["project_id"] as? Int == 102 && $0["merge_request_iid"] as? Int == iid }
                }
                let all = try await Sim.control(sim, .GET, "/-/sim/notes") as? [[String: Any]] ?? []
                let body = try #require(all.first { $0["project_id"] as? Int == 102 && $0["merge_request_iid"] as? Int == iid }?["body"] as? String)
                #expect(body.contains("1 new finding,"), "only the Stripe key is new: \(body)")
                #expect(body.contains("pay.py"))
                #expect(!body.contains("deploy.env"), "the release branch's own secret is not new")
                // Nothing of the release or hotfix branches became tracked findings.
                let ledger = try #require(try await h.store.repositories(workspaceID: ws.id, includeArchived: false).first { $0.gitlabProjectID == 102 })
                let tracked = try await h.store.findings(FindingQuery(repositoryIDs: [ledger.id], states: Set(FindingState.allCases)))
                #expect(tracked.findings.allSatisfy { $0.branch == "main" })
            }
        }
    }
}
