import Foundation
import GitLabSimKit
import PicketCore
import PicketGitLab
@testable import PicketServer
@testable import PicketStore
import PicketTestSupport
import Testing

/// The platform against the simulated GitLab: the wizard over HTTP, the first sync (repositories, webhooks),
/// the first scans, findings over time, and merge request feedback through real webhook deliveries.
@Suite("Platform end to end against gitlab-sim", .serialized)
struct EndToEndTests {
    static let adminToken = "glpat-SimRootAdminToken001"
    static let stripeKey = "sk_live_51Hx9QeLmT4vZ8rK2pW7nB3cY6dF1gJ0aS5uE9iO"

    /// The wizard, step by step, as a browser would post it. Returns the workspace id.
    static func connectThroughWizard(_ h: PlatformHarness, _ sim: GitLabSimulator, _ c: TestClient) async throws -> Int64 {
        #expect(try await c.get("/").header("Location") == "/setup", "no workspace yet: the wizard")
        let start = try await c.get("/setup")
        #expect(start.status == 200)
        let tokenPage = try await c.get("/setup/token?url=\(TestClient.encode(sim.baseURL))&group=acme")
        #expect(tokenPage.status == 200)
        #expect(tokenPage.body.contains("Invite it as Maintainer"))
        #expect(tokenPage.body.contains("\(sim.baseURL)/groups/acme/-/group_members"))
        let csrf = try #require(tokenPage.csrf)

        // A token that fails a blocking step: every step's result and fix is shown, nothing is stored.
        let expired = try await c.postForm("/setup/check", [("_csrf", csrf), ("url", sim.baseURL), ("group", "acme"),
                                                            ("token", "glpat-SimBobExpiredToken001")])
        #expect(expired.status == 422)
        #expect(expired.body.contains("data-step=\"token\""))
        #expect(expired.body.contains("expired"))
        #expect(expired.body.contains("Fix:"))
        #expect(!expired.body.contains("glpat-SimBobExpiredToken001"), "the token is never echoed")
        #expect(try await h.store.workspaces().isEmpty)

        let ok = try await c.postForm("/setup/check", [("_csrf", csrf), ("url", sim.baseURL), ("group", "acme"), ("token", Sim.serviceToken)])
        #expect(ok.status == 200, "\(ok.body.prefix(2000))")
        #expect(ok.body.contains("Every blocking step passed"))
        for step in ["url", "token", "scopes", "expiry", "account", "group", "role", "tier", "projects", "git"] {
            #expect(ok.body.contains("data-step=\"\(step)\""), "step \(step) shown")
        }
        #expect(!ok.body.contains(Sim.serviceToken))
        guard let r = ok.body.range(of: "name=\"workspace\" value=\""), let end = ok.body[r.upperBound...].firstIndex(of: "\""),
              let wid = Int64(ok.body[r.upperBound..<end]) else { throw HarnessError("no workspace id on the gate step") }
        let gate = try await c.postForm("/setup/gate", [("_csrf", csrf), ("workspace", String(wid)), ("gate", "high"), ("schedule", "daily")])
        #expect(gate.status == 303)
        #expect(gate.header("Location") == "/setup/progress?workspace=\(wid)")
        return wid
    }

    /// Waits until the sync succeeded and every repository with a branch has a finished scan.
    static func waitForFirstScan(_ h: PlatformHarness, workspace wid: Int64) async throws {
        try await h.waitUntil("the first sync and scans", timeout: .seconds(240)) {
            let syncs = try await h.store.jobs(type: "sync", payloadContains: nil, limit: 5)
            if let failed = syncs.first(where: { $0.status == .failed }) { throw HarnessError("sync failed: \(failed.lastError ?? "")") }
            guard syncs.contains(where: { $0.status == .succeeded }) else { return false }
            let repos = try await h.store.repositories(workspaceID: wid, includeArchived: false)
            for r in repos where r.defaultBranch != nil && r.path != "acme/web/empty-project" {
                guard let s = try await h.store.scans(repositoryID: r.id, limit: 1).first, s.status == .succeeded else { return false }
            }
            let active = try await h.store.jobs(status: .queued, limit: 50) + (try await h.store.jobs(status: .running, limit: 50))
            return !repos.isEmpty && !active.contains { $0.type == "scan" || $0.type == "sync" }
        }
    }

    static func notes(_ sim: GitLabSimulator, iid: Int) async throws -> [[String: Any]] {
        let all = try await Sim.control(sim, .GET, "/-/sim/notes") as? [[String: Any]] ?? []
        return all.filter { $0["project_id"] as? Int == 101 && $0["merge_request_iid"] as? Int == iid }
    }

    static func statuses(_ sim: GitLabSimulator, sha: String) async throws -> [[String: Any]] {
        let all = try await Sim.control(sim, .GET, "/-/sim/statuses") as? [[String: Any]] ?? []
        return all.filter { $0["sha"] as? String == sha && $0["name"] as? String == "picket/security" }
    }

    @Test("wizard, first sync and scans, webhooks, findings, merge request note and status", arguments: Backend.allCases)
    func fullCycle(_ backend: Backend) async throws {
        try await Sim.with { sim in
            try await PlatformHarness.with(backend, workers: 2, configure: { $0.rateLimitRetrySeconds = 1 }) { h in
                _ = try await h.makeAdmin()
                let c = TestClient(base: h.baseURL)
                defer { Task { await c.shutdown() } }
                #expect(try await c.login("root-admin", "correct horse battery").status == 303)
                let wid = try await Self.connectThroughWizard(h, sim, c)
                try await Self.waitForFirstScan(h, workspace: wid)

                // Repositories: the group's own projects (subgroups included, the shared-in one left out), archived marked.
                let repos = try await h.store.repositories(workspaceID: wid, includeArchived: true)
                let paths = Set(repos.map(\.path))
                #expect(paths == ["acme/platform/backend/payments/payments-api", "acme/platform/backend/ledger", "acme/web/storefront",
                                  "acme/platform/infra", "acme/legacy/old-portal", "acme/web/empty-project"])
                #expect(repos.first { $0.path.hasSuffix("old-portal") }?.archived == true)

                // Webhooks on every active project, pointing here, secrets known only as hashes.
                let api = TestClient(base: sim.apiURL)
                defer { Task { await api.shutdown() } }
                for r in repos where !r.archived {
                    #expect(r.hookID != nil && r.hasHookSecret, "\(r.path) has a hook")
                    let hooks = try await api.get("/projects/\(r.gitlabProjectID)/hooks", headers: [("PRIVATE-TOKEN", Self.adminToken)])
                    let list = hooks.json as? [[String: Any]] ?? []
                    #expect(list.filter { $0["url"] as? String == h.services.publicURL.webhookURL }.count == 1, "\(r.path): \(hooks.body)")
                }

                // Findings: the planted Slack webhook in storefront's .env, redacted.
                let storefront = try #require(repos.first { $0.path == "acme/web/storefront" })
                let token = try await h.apiToken(for: try #require(try await h.store.user(username: "root-admin")))
                let auth = [("Authorization", "Bearer \(token)")]
                let page = try await c.get("/api/v1/findings?repository=\(storefront.id)&kind=secret", headers: auth)
                #expect(page.status == 200)
                let items = page.object["items"] as? [[String: Any]] ?? []
                let slack = try #require(items.first { ($0["path"] as? String) == ".env" }, "findings: \(page.body.prefix(1500))")
                #expect(slack["state"] as? String == "open")
                #expect(!page.body.contains("q8W9e0R1t2Y3u4I5o6P7a8S9"), "the secret's value never leaves Picket")
                let fid = try #require(slack["id"] as? Int)
                let detail = try await c.get("/findings/\(fid)")
                #expect(detail.status == 200)
                #expect(detail.body.contains("/-/blob/"))
                #expect(!detail.body.contains("q8W9e0R1t2Y3u4I5o6P7a8S9"))
                // Dependencies: the worker's scan recorded storefront's lockfile packages.
                let deps = try await c.get("/api/v1/components?repository=\(storefront.id)", headers: auth)
                #expect(deps.status == 200)
                let names = (deps.object["items"] as? [[String: Any]] ?? []).map { "\($0["name"] ?? "")@\($0["version"] ?? "")" }
                #expect(names.contains { $0.hasPrefix("lodash@") } && names.contains { $0.hasPrefix("minimist@") }, "\(deps.body.prefix(800))")
                let progress = try await c.get("/setup/progress?workspace=\(wid)")
                #expect(progress.body.contains("data-finished=\"true\""))

                // Merge request: a new secret fails the gate, with one note and a failed status.
                let opened = try await Sim.control(sim, .POST, "/-/sim/projects/101/merge_requests", [
                    "title": "Add billing", "source_branch": "feature/billing", "target_branch": "main", "author": "bob",
                    "files": ["app/billing.py": "STRIPE_KEY = \"\(Self.stripeKey)\"\n"]]) as? [String: Any] ?? [:]
                let mr = try #require(opened["merge_request"] as? [String: Any])
                let iid = try #require(mr["iid"] as? Int)
                let deliveries = opened["deliveries"] as? [[String: Any]] ?? []
                #expect(deliveries.contains { $0["response_status"] as? Int == 202 },
                        "the webhook reached Picket: \(deliveries)")
                let sha1 = try #require(mr["sha"] as? String)
                try await h.waitUntil("the MR note and failed status", timeout: .seconds(240)) {
                    let n = try await Self.notes(sim, iid: iid)
                    let s = try await Self.statuses(sim, sha: sha1)
                    return n.count == 1 && s.contains { $0["status"] as? String == "failed" }
                }
                let note1 = try #require(try await Self.notes(sim, iid: iid).first)
                let body1 = note1["body"] as? String ?? ""
                #expect(body1.contains(MergeRequestNote.marker))
                #expect(body1.contains("**failed**"))
                #expect(body1.contains("app/billing.py"))
                #expect(!body1.contains(Self.stripeKey), "secrets are redacted in the note")

                // A push that removes the key: the same note is edited, the new head gets a success status.
                let pushed = try await Sim.control(sim, .POST, "/-/sim/projects/101/push", [
                    "branch": "feature/billing", "message": "Read the key from the environment",
                    "files": ["app/billing.py": "import os\nSTRIPE_KEY = os.environ[\"STRIPE_KEY\"]\n"]]) as? [String: Any] ?? [:]
                let sha2 = try #require(pushed["after"] as? String)
                try await h.waitUntil("the MR note updated and a success status", timeout: .seconds(240)) {
                    let s = try await Self.statuses(sim, sha: sha2)
                    let n = try await Self.notes(sim, iid: iid)
                    return s.contains { $0["status"] as? String == "success" } && (n.first?["body"] as? String)?.contains(String(sha2.prefix(8))) == true
                }
                let notes2 = try await Self.notes(sim, iid: iid)
                #expect(notes2.count == 1, "one note per merge request, edited in place")
                #expect(notes2.first?["id"] as? Int == note1["id"] as? Int)
                #expect((notes2.first?["body"] as? String)?.contains("**passed**") == true)

                // GitLab throttles the note: the feedback job comes back later and the note is not lost. The quota is
                // one note per window of 2^40 s: GitLab's windows are fixed and epoch-aligned, and even an hour-long one
                // rolled over between our note and Picket's in a run that crossed 12:00 (Picket's note then went
                // through and no 429 ever came); this window never ends during a test. It is lifted once Picket's
                // attempt has been refused.
                _ = try await Sim.control(sim, .PUT, "/-/sim/rate-limits", ["enabled": true, "endpoints": ["notes_create": ["limit": 1, "period": 1 << 40]]])
                // Use up the quota with a note of our own (same account), so Picket's first note on the next MR is refused.
                let quota = try await api.postJSON("/projects/101/merge_requests/\(iid)/notes", ["body": "quota"], headers: [("PRIVATE-TOKEN", Sim.serviceToken)])
                #expect(quota.status == 201, "the quota note: \(quota.status)")
                let opened2 = try await Sim.control(sim, .POST, "/-/sim/projects/101/merge_requests", [
                    "title": "Docs", "source_branch": "feature/docs", "target_branch": "main", "author": "bob",
                    "files": ["docs/setup.md": "Set STRIPE_KEY in the environment.\n"]]) as? [String: Any] ?? [:]
                let iid2 = try #require((opened2["merge_request"] as? [String: Any])?["iid"] as? Int)
                try await h.waitUntil("Picket's note refused with a 429", timeout: .seconds(300)) {
                    let jobs = try await h.store.jobs(type: "mr-feedback", payloadContains: "\"iid\":\(iid2),", limit: 5)
                    return jobs.first?.lastError?.contains("429") == true
                }
                _ = try await Sim.control(sim, .DELETE, "/-/sim/rate-limits")
                try await h.waitUntil("the throttled note written on a later attempt", timeout: .seconds(300)) {
                    let n = try await Self.notes(sim, iid: iid2).count
                    let jobs = try await h.store.jobs(type: "mr-feedback", payloadContains: "\"iid\":\(iid2),", limit: 5)
                    return n == 1 && jobs.first?.status == .succeeded
                }
                let feedbackJobs = try await h.store.jobs(type: "mr-feedback", payloadContains: "\"iid\":\(iid2),", limit: 5)
                let fj = try #require(feedbackJobs.first)
                #expect(fj.status == .succeeded)
                #expect(fj.attempts >= 2, "retried through the queue")
                #expect(fj.lastError?.contains("429") == true, "\(fj.lastError ?? "")")
                #expect(h.services.metrics.value("picket_gitlab_writes_total", [("kind", "note"), ("outcome", "rate_limited")]) >= 1)

                // A hook deleted in GitLab is repaired by the next sync.
                let payments = try #require(repos.first { $0.gitlabProjectID == 101 })
                let hookID = try #require(payments.hookID)
                let del = try await api.request(.DELETE, "/projects/101/hooks/\(hookID)", headers: [("PRIVATE-TOKEN", Self.adminToken)])
                #expect(del.status == 204)
                let sync = try await c.postJSON("/api/v1/workspaces/\(wid)/sync", [:], headers: auth)
                #expect(sync.status == 202)
                let syncJob = try #require((sync.object["job"] as? [String: Any])?["id"] as? Int)
                try await h.waitUntil("the repair sync") { try await h.store.job(Int64(syncJob)).status == .succeeded }
                let repaired = try await h.store.repository(payments.id)
                #expect(repaired.hookID != nil && repaired.hookID != hookID)
                let after = try await api.get("/projects/101/hooks", headers: [("PRIVATE-TOKEN", Self.adminToken)])
                #expect((after.json as? [[String: Any]] ?? []).filter { $0["url"] as? String == h.services.publicURL.webhookURL }.count == 1)

                // The GitLab token is nowhere in clear: not in the logs, not in the database.
                let logText = h.logs.lines.joined()
                #expect(!logText.contains(Sim.serviceToken))
                #expect(!logText.contains(Self.stripeKey))
                if case .sqlite(let path) = h.database.location {
                    var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                    bytes += (try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data()
                    #expect(bytes.range(of: Data(Sim.serviceToken.utf8)) == nil)
                    #expect(bytes.range(of: Data(Self.stripeKey.utf8)) == nil)
                }
            }
        }
    }
}
