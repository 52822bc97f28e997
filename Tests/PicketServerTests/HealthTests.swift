import Foundation
import PicketCore
@testable import PicketServer
@testable import PicketStore
import Testing

@Suite("Health, readiness, metrics, security headers")
struct HealthTests {
    @Test("healthz, readyz (database reachable and migrated), metrics in the Prometheus text format", arguments: Backend.allCases)
    func probes(_ backend: Backend) async throws {
        try await PlatformHarness.with(backend, workers: 0) { h in
            let c = TestClient(base: h.baseURL)
            defer { Task { await c.shutdown() } }
            let live = try await c.get("/healthz")
            #expect(live.status == 200)
            #expect(live.body == "ok\n")
            let ready = try await c.get("/readyz")
            #expect(ready.status == 200)
            #expect(ready.object["status"] as? String == "ready")
            #expect(ready.object["schemaVersion"] as? Int == SQLStore.latestSchemaVersion)
            #expect(ready.object["database"] as? String == (backend == .sqlite ? "sqlite" : "postgresql"))
            _ = try await h.store.enqueue(NewJob(type: "scan"))
            _ = try await c.get("/findings/123")
            _ = try await c.postJSON("/webhooks/gitlab", ["object_kind": "push"], headers: [("X-Gitlab-Event", "Push Hook")])
            let m = try await c.get("/metrics")
            #expect(m.status == 200)
            #expect(m.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            let text = m.body
            #expect(text.contains("# TYPE picket_http_requests_total counter"))
            #expect(text.contains("picket_http_requests_total{method=\"GET\",route=\"/findings/{id}\",status=\"303\"} 1"), "routes are labelled by pattern, never by id")
            #expect(text.contains("picket_http_request_duration_seconds_bucket{route=\"/readyz\",le=\"+Inf\"} 1"))
            #expect(text.contains("picket_jobs{state=\"queued\"} 1"))
            #expect(text.contains("picket_scans{status=\"running\"} 0"))
            #expect(text.contains("picket_webhook_deliveries_total{event=\"push\",outcome=\"unauthorized\"} 1"))
            #expect(text.contains("picket_database_up 1"))
            #expect(text.contains("picket_build_info{version=\"\(PicketVersion.string)\"} 1"))
            // Every sample line is `name{labels} value`.
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let parts = line.split(separator: " ")
                #expect(parts.count == 2 && Double(parts[1]) != nil, "bad line: \(line)")
            }
        }
    }

    @Test("pages carry security headers and a script-free content security policy; logs are JSON lines")
    func headersAndLogs() async throws {
        try await PlatformHarness.with(.sqlite, workers: 0) { h in
            let c = TestClient(base: h.baseURL)
            defer { Task { await c.shutdown() } }
            let login = try await c.get("/login")
            #expect(login.header("X-Content-Type-Options") == "nosniff")
            #expect(login.header("X-Frame-Options") == "DENY")
            let csp = try #require(login.header("Content-Security-Policy"))
            #expect(csp.contains("default-src 'none'"))
            #expect(!csp.contains("script-src"))
            #expect(!login.body.contains("<script"))
            let css = try await c.get("/static/app.css")
            #expect(css.status == 200)
            #expect(css.body.contains(".sev-critical"))
            #expect(try await c.get("/no/such/page").status == 404)
            for line in h.logs.lines {
                let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
                #expect(obj["ts"] != nil && obj["level"] != nil && obj["msg"] != nil)
            }
            #expect(h.logs.lines.contains { $0.contains("\"route\":\"/login\"") })
        }
    }
}
