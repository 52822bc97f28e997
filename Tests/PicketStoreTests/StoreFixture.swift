import Foundation
import PicketCore
@testable import PicketStore
import Testing

/// The two databases every store suite runs against.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

/// A controllable clock for lease and backoff tests.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = start }

    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
    var function: @Sendable () -> Date { { [self] in self.now } }
}

/// A fresh, migrated store per test: a SQLite file in a new temporary folder, or a uniquely named PostgreSQL
/// database on the test cluster (`scripts/postgres-test.sh`), dropped afterwards. Without a reachable
/// PostgreSQL the PostgreSQL half of every suite fails with a message saying how to start one.
enum StoreFixture {
    struct Environment: Sendable {
        var location: DatabaseLocation
        /// For PostgreSQL: the database's name and an admin URL on the same server.
        var postgresDatabase: String?
        var adminURL: String?
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `PICKET_TEST_DATABASE_URL`, else the URL `scripts/postgres-test.sh` wrote to `.build/pg-url`.
    static func postgresURL() throws -> String {
        if let env = ProcessInfo.processInfo.environment["PICKET_TEST_DATABASE_URL"], !env.isEmpty { return env }
        let file = packageRoot.appendingPathComponent(".build/pg-url")
        guard let text = try? String(contentsOf: file, encoding: .utf8), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw FixtureError("PostgreSQL test server not configured: run scripts/postgres-test.sh (make test does) or set PICKET_TEST_DATABASE_URL")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func url(_ base: String, database: String) throws -> String {
        guard var c = URLComponents(string: base) else { throw FixtureError("bad PostgreSQL URL in the test configuration") }
        c.path = "/" + database
        guard let u = c.string else { throw FixtureError("cannot build the test database URL") }
        return u
    }

    static func withStore<T: Sendable>(_ backend: Backend, options: StoreOptions = StoreOptions(),
                                       _ body: (SQLStore, Environment) async throws -> T) async throws -> T {
        let env = try await makeEnvironment(backend)
        do {
            let store = try await SQLStore.open(env.location, options: options)
            do {
                let r = try await body(store, env)
                await store.close()
                try await dispose(env)
                return r
            } catch {
                await store.close()
                try? await dispose(env)
                throw error
            }
        } catch {
            try? await dispose(env)
            throw error
        }
    }

    static func makeEnvironment(_ backend: Backend) async throws -> Environment {
        switch backend {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("picket-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return Environment(location: .sqlite(path: dir.appendingPathComponent("picket.db").path))
        case .postgres:
            let base = try postgresURL()
            let name = "picket_test_\(getpid())_\(UUID().uuidString.prefix(8).lowercased())"
            let admin: PostgresDatabase
            do {
                admin = try await PostgresDatabase(url: base, maxConnections: 1)
            } catch {
                throw FixtureError("PostgreSQL test server unreachable (\(error)); run scripts/postgres-test.sh")
            }
            do {
                try await admin.read { ex in try await ex.execute("CREATE DATABASE \(name) TEMPLATE template0") }
            } catch {
                await admin.close()
                throw error
            }
            await admin.close()
            return Environment(location: .postgres(url: try url(base, database: name)), postgresDatabase: name, adminURL: base)
        }
    }

    static func dispose(_ env: Environment) async throws {
        switch env.location {
        case .sqlite(let path):
            try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
        case .postgres:
            guard let name = env.postgresDatabase, let adminURL = env.adminURL else { return }
            let admin = try await PostgresDatabase(url: adminURL, maxConnections: 1)
            try? await admin.read { ex in try await ex.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
            await admin.close()
        }
    }

    /// Runs SQL as the server's admin (PostgreSQL only), e.g. to cut a test database off.
    static func admin(_ env: Environment, _ sql: String) async throws {
        guard let adminURL = env.adminURL else { throw FixtureError("not a PostgreSQL environment") }
        let admin = try await PostgresDatabase(url: adminURL, maxConnections: 1)
        do {
            try await admin.read { ex in _ = try await ex.query(sql) }
            await admin.close()
        } catch {
            await admin.close()
            throw error
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

// MARK: building scan data

enum Sample {
    static func finding(rule: String = "gitlab-pat", kind: FindingKind = .secret, path: String = "config/app.env",
                        line: Int = 3, identity: String = "value-1", severity: Severity = .high,
                        title: String? = nil, suppression: Suppression? = nil, revealed: String? = nil) -> Finding {
        Finding(kind: kind, ruleID: rule, title: title ?? "\(rule) in \(path)", message: "Rotate it.", severity: severity,
                location: Location(path: path, startLine: line),
                evidence: Evidence(snippet: "TOKEN=glpat-****", preview: "glpat-ab…", sha256: Hashing.sha256Hex(identity), revealed: revealed),
                fingerprint: Fingerprint(kind: kind, rule: rule, path: path, identity: identity),
                identifiers: [Identifier(type: "cwe", name: "CWE-798", value: "798")], suppression: suppression)
    }

    static func report(_ findings: [Finding], scanners: [(String, ScannerRun.Status)] = [("secrets", .ok), ("deps", .ok)]) -> ScanReport {
        let t = Date(timeIntervalSince1970: 1_800_000_000)
        return ScanReport(target: TargetInfo(root: "/tmp/repo", mode: .workingTree, origin: ScanOrigin(branch: "main")),
                          startedAt: t, finishedAt: t.addingTimeInterval(1),
                          scanners: scanners.map { ScannerRun(id: $0.0, name: $0.0, status: $0.1, error: $0.1 == .failed ? "boom" : nil,
                                                              durationSeconds: 0.5, stats: [:]) },
                          findings: findings, diagnostics: [])
    }

    /// A workspace with one repository whose default branch is `main`.
    static func repository(_ store: SQLStore, projectID: Int64 = 1, path: String = "acme/api") async throws -> Repository {
        let ws: Workspace
        if let existing = try await store.workspaces().first {
            ws = existing
        } else {
            ws = try await store.createWorkspace(NewWorkspace(name: "Acme", gitlabURL: "https://gitlab.example.com", groupPath: "acme"))
        }
        return try await store.upsertRepository(workspaceID: ws.id, RepositoryInfo(gitlabProjectID: projectID, path: path, defaultBranch: "main"))
    }
}
