import Foundation
import Hummingbird
import PicketCore
import PicketStore

/// Liveness (`/healthz`: the process answers), readiness (`/readyz`: the database answers and is migrated to
/// this build's schema), Prometheus metrics (`/metrics`), and the stylesheet.
struct HealthRoutes: Sendable {
    let services: PlatformServices

    func register(_ router: Router<AppContext>) {
        router.get("/healthz") { _, _ in Responses.text("ok\n") }
        router.get("/readyz") { _, _ in try await self.ready() }
        router.get("/metrics") { _, _ in try await self.metrics() }
        router.get("/static/app.css") { _, _ in Self.stylesheet() }
    }

    private func ready() async throws -> Response {
        struct Ready: Encodable { var status: String; var database: String; var schemaVersion: Int; var expectedSchemaVersion: Int }
        let expected = SQLStore.latestSchemaVersion
        let version: Int
        do { version = try await services.store.schemaVersion() } catch {
            return try Responses.json(Ready(status: "unavailable", database: "unreachable", schemaVersion: 0, expectedSchemaVersion: expected),
                                      status: .serviceUnavailable)
        }
        guard version == expected else {
            return try Responses.json(Ready(status: "unavailable", database: "schema \(version), expected \(expected)", schemaVersion: version,
                                            expectedSchemaVersion: expected), status: .serviceUnavailable)
        }
        return try Responses.json(Ready(status: "ready", database: services.store.dialect == .sqlite ? "sqlite" : "postgresql",
                                        schemaVersion: version, expectedSchemaVersion: expected))
    }

    private func metrics() async throws -> Response {
        var gauges: [Metrics.Gauge] = [Metrics.Gauge("picket_build_info", help: "Picket version.", labels: [("version", PicketVersionInfo.version)], value: 1)]
        // Database gauges; a database that is away leaves them out rather than failing the scrape.
        if let jobs = try? await services.store.jobCounts() {
            for s in JobStatus.allCases {
                gauges.append(Metrics.Gauge("picket_jobs", help: "Jobs in the queue by state.", labels: [("state", s.rawValue)], value: Double(jobs[s] ?? 0)))
            }
        }
        if let scans = try? await services.store.scanCounts() {
            for s in ScanStatus.allCases {
                gauges.append(Metrics.Gauge("picket_scans", help: "Scans by status.", labels: [("status", s.rawValue)], value: Double(scans[s] ?? 0)))
            }
        }
        gauges.append(Metrics.Gauge("picket_database_up", help: "1 when the database answered this scrape.", value: (try? await services.store.schemaVersion()) != nil ? 1 : 0))
        return Responses.text(services.metrics.render(gauges: gauges), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }

    static let css: String = {
        guard let url = Bundle.module.url(forResource: "app", withExtension: "css", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "" }
        return text
    }()

    static func stylesheet() -> Response {
        var r = Responses.text(css, contentType: "text/css; charset=utf-8")
        r.headers[.cacheControl] = "public, max-age=3600"
        return r
    }
}

enum PicketVersionInfo {
    static var version: String { PicketVersion.string }
}
