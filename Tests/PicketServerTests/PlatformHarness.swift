import AsyncHTTPClient
import Foundation
import GitLabSimKit
import NIOCore
import NIOHTTP1
import PicketCore
import PicketServer
@testable import PicketStore
import PicketTestSupport
import Testing

/// The databases the server tests run against.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// A fresh database per test: a SQLite file in a temporary folder, or a new database on the PostgreSQL test
/// cluster (`scripts/postgres-test.sh`, started by `make test`), dropped afterwards.
struct TestDatabase: Sendable {
    var location: DatabaseLocation
    var postgresName: String?
    var adminURL: String?
    var folder: String

    static func postgresBaseURL() throws -> String {
        if let env = ProcessInfo.processInfo.environment["PICKET_TEST_DATABASE_URL"], !env.isEmpty { return env }
        let file = TestEnvironment.packageRoot + "/.build/pg-url"
        guard let text = try? String(contentsOfFile: file, encoding: .utf8), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw HarnessError("PostgreSQL test server not configured: run scripts/postgres-test.sh start (make test does) or set PICKET_TEST_DATABASE_URL")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func make(_ backend: Backend) async throws -> TestDatabase {
        let folder = try TestEnvironment.makeTemporaryDirectory("picket-server")
        switch backend {
        case .sqlite:
            return TestDatabase(location: .sqlite(path: folder + "/picket.db"), folder: folder)
        case .postgres:
            let base = try postgresBaseURL()
            let name = "picket_srv_\(getpid())_\(UUID().uuidString.prefix(8).lowercased())"
            try await admin(base, "CREATE DATABASE \(name) TEMPLATE template0")
            guard var c = URLComponents(string: base) else { throw HarnessError("bad PostgreSQL URL") }
            c.path = "/" + name
            return TestDatabase(location: .postgres(url: c.string ?? base), postgresName: name, adminURL: base, folder: folder)
        }
    }

    static func admin(_ url: String, _ sql: String) async throws {
        let db: PostgresDatabase
        do { db = try await PostgresDatabase(url: url, maxConnections: 1) } catch {
            throw HarnessError("PostgreSQL test server unreachable (\(error)); run scripts/postgres-test.sh start")
        }
        do {
            try await db.read { ex in _ = try await ex.query(sql) }
            await db.close()
        } catch {
            await db.close()
            throw error
        }
    }

    /// Runs SQL as the cluster's admin (PostgreSQL only).
    func admin(_ sql: String) async throws {
        guard let adminURL else { throw HarnessError("not a PostgreSQL database") }
        try await TestDatabase.admin(adminURL, sql)
    }

    func dispose() async {
        if let postgresName, let adminURL {
            try? await TestDatabase.admin(adminURL, "DROP DATABASE IF EXISTS \(postgresName) WITH (FORCE)")
        }
        TestEnvironment.remove(folder)
    }

    var databaseURLArgument: String {
        switch location {
        case .sqlite(let p): return p
        case .postgres(let u): return u
        }
    }
}

/// A Picket server running in-process on 127.0.0.1 (ephemeral port) over a fresh database, with its logs
/// captured so tests can check what was written.
final class PlatformHarness: Sendable {
    let platform: PicketPlatform
    let baseURL: String
    let port: Int
    let database: TestDatabase
    let logs: LogSink
    let dataDirectory: String
    private let task: Task<Void, Error>

    var services: PlatformServices { platform.services }
    var store: SQLStore { platform.services.store }

    private init(platform: PicketPlatform, baseURL: String, port: Int, database: TestDatabase, logs: LogSink, dataDirectory: String,
                 task: Task<Void, Error>) {
        self.platform = platform
        self.baseURL = baseURL
        self.port = port
        self.database = database
        self.logs = logs
        self.dataDirectory = dataDirectory
        self.task = task
    }

    static func start(_ backend: Backend, workers: Int = 2, scheduler: Bool = false, publicURL: String? = nil,
                      storeOptions: StoreOptions = PlatformHarness.storeOptions,
                      database: TestDatabase? = nil,
                      configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> PlatformHarness {
        let db: TestDatabase
        if let database { db = database } else { db = try await TestDatabase.make(backend) }
        let data = db.folder + "/data"
        var config = ServerConfiguration(
            host: "127.0.0.1", port: 0, publicURL: publicURL, dataDirectory: DataDirectory(path: data), database: db.location,
            storeOptions: storeOptions, workers: workers, leaseSeconds: 10, pollInterval: .milliseconds(200), runScheduler: scheduler,
            schedulerInterval: .milliseconds(500),
            gitlabRetry: .init(maxAttempts: 2, baseDelay: 0.05, maxDelay: 1), logLevel: .debug,
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        configure(&config)
        let logs = LogSink.capturing()
        let platform: PicketPlatform
        do { platform = try await PicketPlatform.open(config, logSink: logs) } catch {
            if database == nil { await db.dispose() }
            throw error
        }
        let (ports, cont) = AsyncStream<Int>.makeStream()
        let task = Task {
            try await platform.serve { running in
                cont.yield(running.port)
                cont.finish()
            }
        }
        var bound: Int?
        for await p in ports { bound = p; break }
        guard let port = bound else {
            task.cancel()
            await platform.close()
            throw HarnessError("the server did not start")
        }
        return PlatformHarness(platform: platform, baseURL: "http://127.0.0.1:\(port)", port: port, database: db, logs: logs,
                               dataDirectory: data, task: task)
    }

    /// Short backoffs; a PostgreSQL call abandoned after 2 minutes (a lost reply fails the test, it does not hang it).
    static let storeOptions = StoreOptions(jobBackoffBaseSeconds: 0.2, jobBackoffMaxSeconds: 2, postgresCallTimeout: .seconds(120))

    /// Stops the server and its workers, closes the store, removes the database (unless `keepDatabase`).
    func stop(keepDatabase: Bool = false) async {
        task.cancel()
        _ = try? await task.value
        await platform.close()
        if !keepDatabase { await database.dispose() }
    }

    /// Runs `body` with a started harness, stopping it afterwards whatever happens.
    static func with<R>(_ backend: Backend, workers: Int = 2, scheduler: Bool = false, publicURL: String? = nil,
                        storeOptions: StoreOptions = PlatformHarness.storeOptions,
                        configure: (inout ServerConfiguration) -> Void = { _ in },
                        _ body: (PlatformHarness) async throws -> R) async throws -> R {
        let h = try await start(backend, workers: workers, scheduler: scheduler, publicURL: publicURL, storeOptions: storeOptions,
                                configure: configure)
        do {
            let r = try await body(h)
            await h.stop()
            return r
        } catch {
            await h.stop()
            throw error
        }
    }

    /// The first administrator with a known password (the one-time password step is tested on its own).
    func makeAdmin(username: String = "root-admin", password: String = "correct horse battery") async throws -> User {
        try await store.createUser(username: username, password: password, role: .admin, displayName: nil)
    }

    func apiToken(for user: User) async throws -> String {
        try await store.createAPIToken(userID: user.id, name: "test", scopes: ["read", "write"], expiresAt: nil).token
    }

    /// Polls `condition` until it holds or `timeout` passes.
    func waitUntil(_ what: String, timeout: Duration = .seconds(240), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw HarnessError("timed out after \(timeout) waiting for: \(what)\nrecent logs:\n\(logs.lines.suffix(30).joined())")
    }
}

/// A tiny HTTP client for tests: keeps cookies like a browser, never follows redirects, reads the CSRF token
/// out of pages.
final class TestClient: @unchecked Sendable {
    let http: HTTPClient
    let base: String
    private let lock = NSLock()
    private var jar: [String: String] = [:]

    struct Answer: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: String

        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        func headers(_ name: String) -> [String] { headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1) }
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8)) }
        var object: [String: Any] { (json as? [String: Any]) ?? [:] }
        /// The `_csrf` hidden field of the page.
        var csrf: String? {
            guard let r = body.range(of: "name=\"_csrf\" value=\"") else { return nil }
            let rest = body[r.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            let v = String(rest[..<end])
            return v.isEmpty ? nil : v
        }
    }

    init(base: String) {
        self.base = base
        var conf = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(120)))
        conf.connectionPool.idleTimeout = .seconds(5)
        http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: conf)
    }

    func shutdown() async { try? await http.shutdown() }

    var cookies: [String: String] { lock.withLock { jar } }

    func setCookie(_ name: String, _ value: String?) { lock.withLock { jar[name] = value } }

    func request(_ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: Data? = nil,
                 contentType: String? = nil, cookies useCookies: Bool = true) async throws -> Answer {
        var req = HTTPClientRequest(url: path.hasPrefix("http") ? path : base + path)
        req.method = method
        for (k, v) in headers { req.headers.add(name: k, value: v) }
        if useCookies {
            let c = lock.withLock { jar.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
            if !c.isEmpty { req.headers.add(name: "Cookie", value: c) }
        }
        if let body {
            req.body = .bytes(ByteBuffer(bytes: body))
            if let contentType { req.headers.add(name: "Content-Type", value: contentType) }
        }
        let resp = try await http.execute(req, timeout: .seconds(120))
        let buf = try await resp.body.collect(upTo: 64 << 20)
        let hs = resp.headers.map { ($0.name, $0.value) }
        for (k, v) in hs where k.lowercased() == "set-cookie" {
            let pair = v.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard kv.count == 2 else { continue }
            let value = String(kv[1])
            let expired = v.lowercased().contains("max-age=0")
            lock.withLock { jar[String(kv[0])] = (value.isEmpty || expired) ? nil : value }
        }
        return Answer(status: Int(resp.status.code), headers: hs, body: String(buffer: buf))
    }

    func get(_ path: String, headers: [(String, String)] = []) async throws -> Answer {
        try await request(.GET, path, headers: headers)
    }

    func postForm(_ path: String, _ fields: [(String, String)], headers: [(String, String)] = []) async throws -> Answer {
        let body = fields.map { "\(TestClient.encode($0.0))=\(TestClient.encode($0.1))" }.joined(separator: "&")
        return try await request(.POST, path, headers: headers, body: Data(body.utf8), contentType: "application/x-www-form-urlencoded")
    }

    func postJSON(_ path: String, _ object: Any, headers: [(String, String)] = [], method: HTTPMethod = .POST) async throws -> Answer {
        let data = try JSONSerialization.data(withJSONObject: object)
        return try await request(method, path, headers: headers, body: data, contentType: "application/json")
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// Signs in through the login form (fetching the pre-session CSRF token first).
    func login(_ username: String, _ password: String) async throws -> Answer {
        let page = try await get("/login")
        guard let csrf = page.csrf else { throw HarnessError("no CSRF token on the login page") }
        return try await postForm("/login", [("_csrf", csrf), ("username", username), ("password", password), ("next", "/")])
    }

    /// A page's CSRF token (fetching `path`).
    func csrf(from path: String = "/account") async throws -> String {
        let page = try await get(path)
        guard let t = page.csrf else { throw HarnessError("no CSRF token on \(path) (status \(page.status))") }
        return t
    }
}

/// The simulated GitLab for a test, from the sample world (or another world file).
enum Sim {
    static let sampleWorld = TestEnvironment.packageRoot + "/samples/gitlab-world/world.yml"
    static let serviceToken = "glpat-SimPicketServiceTok01"
    static let readOnlyToken = "glpat-SimPicketReadOnlyTok1"

    static func with<R>(world: String = sampleWorld, _ body: (GitLabSimulator) async throws -> R) async throws -> R {
        let sim = try await GitLabSimulator.start(worldFile: world)
        do {
            let r = try await body(sim)
            await sim.stop()
            return r
        } catch {
            await sim.stop()
            throw error
        }
    }

    /// A control-API call (`/-/sim/...`); answers the JSON body.
    static func control(_ sim: GitLabSimulator, _ method: HTTPMethod, _ path: String, _ body: Any? = nil) async throws -> Any {
        let c = TestClient(base: sim.baseURL)
        defer { Task { await c.shutdown() } }
        let a: TestClient.Answer
        if let body {
            a = try await c.postJSON(path, body, method: method)
        } else {
            a = try await c.request(method, path)
        }
        guard (200..<300).contains(a.status) else { throw HarnessError("sim \(method) \(path): \(a.status) \(a.body)") }
        return a.json ?? [:]
    }
}
