import Foundation
import PicketCore
@testable import PicketServer
@testable import PicketStore
import Testing

@Suite("Database outages", .serialized)
struct OutageTests {
    @Test("PostgreSQL goes away: requests answer 503 cleanly, liveness stays up; it comes back: requests and workers resume")
    func postgresAway() async throws {
        try await PlatformHarness.with(.postgres, workers: 1) { h in
            let admin = try await h.makeAdmin()
            let token = try await h.apiToken(for: admin)
            let auth = [("Authorization", "Bearer \(token)")]
            let c = TestClient(base: h.baseURL)
            defer { Task { await c.shutdown() } }
            _ = try await c.login("root-admin", "correct horse battery")
            #expect(try await c.get("/api/v1/jobs", headers: auth).status == 200)
            #expect(try await c.get("/readyz").status == 200)
            let name = try #require(h.database.postgresName)

            try await h.database.admin("ALTER DATABASE \(name) ALLOW_CONNECTIONS false")
            try await h.database.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)' AND pid <> pg_backend_pid()")
            let api = try await c.get("/api/v1/jobs", headers: auth)
            #expect(api.status == 503, "\(api.status) \(api.body)")
            #expect(api.header("Retry-After") == "5")
            #expect((api.object["error"] as? [String: Any])?["message"] as? String == "the database is unavailable; try again shortly")
            let page = try await c.get("/repositories")
            #expect(page.status == 503)
            #expect(page.body.contains("database is unavailable"))
            let hook = try await c.postJSON("/webhooks/gitlab", WebhookTests.push(), headers: WebhookTests.headers())
            #expect(hook.status == 503, "GitLab sees a clean failure it can report")
            #expect(try await c.get("/readyz").status == 503)
            #expect(try await c.get("/healthz").status == 200)
            let metrics = try await c.get("/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.body.contains("picket_database_up 0"))
            // Give the worker time to hit the outage in its claim loop.
            try await Task.sleep(for: .seconds(1))

            try await h.database.admin("ALTER DATABASE \(name) ALLOW_CONNECTIONS true")
            try await h.waitUntil("requests succeed again", timeout: .seconds(120)) {
                try await c.get("/api/v1/jobs", headers: auth).status == 200
            }
            #expect(try await c.get("/readyz").status == 200)
            #expect(try await c.get("/repositories").status == 200)
            // The worker survived: a job queued now is processed (a sync of a workspace that does not exist fails
            // at once, permanently, with its error kept).
            let job = try await h.store.enqueue(NewJob(type: "sync", payload: #"{"workspace":4242}"#, maxAttempts: 1)).job
            h.services.doorbell.ring()
            try await h.waitUntil("the worker takes the job", timeout: .seconds(120)) { try await h.store.job(job.id).status == .failed }
            #expect(try await h.store.job(job.id).lastError?.contains("was deleted") == true)
            let failed = try await c.get("/api/v1/jobs/\(job.id)", headers: auth)
            #expect(failed.object["lastError"] as? String == "workspace 4242 was deleted")
            #expect(try await c.get("/jobs?status=failed").body.contains("workspace 4242 was deleted"))
        }
    }
}
