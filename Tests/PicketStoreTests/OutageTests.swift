import Foundation
import Logging
import PicketSQLite
@testable import PicketStore
import PostgresNIO
import Testing

@Suite("Database outages")
struct OutageTests {
    private func isUnavailable(_ error: any Error) -> Bool {
        if case StoreError.unavailable? = error as? StoreError { return true }
        return false
    }

    /// A call that outlives the limit has its connection closed under it and ends as `unavailable`; the pool goes
    /// on with a fresh connection. (The limit is minutes in production; a lost reply must not hang a worker.)
    @Test("a PostgreSQL call past its time limit is abandoned with a typed error, and the next call works")
    func postgresCallTimeLimit() async throws {
        let env = try await StoreFixture.makeEnvironment(.postgres)
        guard case .postgres(let url) = env.location else { return }
        let db = try await PostgresDatabase(url: url, maxConnections: 1, callTimeout: .milliseconds(700))
        let started = ContinuousClock.now
        await #expect { try await db.read { ex in _ = try await ex.query("SELECT pg_sleep(30)") } } throws: {
            "\($0)".contains("took longer than") && isUnavailable($0)
        }
        #expect(ContinuousClock.now - started < .seconds(20))
        await #expect { try await db.write { ex in try await ex.execute("SELECT pg_sleep(30)") } } throws: { isUnavailable($0) }
        let one = try await db.read { ex in try await ex.query("SELECT 1 AS one") }
        #expect(one.count == 1)
        await db.close()
        try await StoreFixture.dispose(env)
    }

    /// A query on a connection that has closed, or that closes while the query runs, ends with `unavailable`
    /// at once: postgres-nio alone would leave such a query waiting forever (see `GuardedConnection`).
    @Test("a query on a closed or closing PostgreSQL connection ends at once with a typed error")
    func postgresQueryOnClosingConnection() async throws {
        let env = try await StoreFixture.makeEnvironment(.postgres)
        guard case .postgres(let url) = env.location else { return }
        let parsed = try PostgresURL(url)
        let config = PostgresConnection.Configuration(host: parsed.host, port: parsed.port, username: parsed.user,
                                                      password: parsed.password, database: parsed.database, tls: .disable)
        for closeFirst in [true, false] {
            let raw = try await PostgresConnection.connect(configuration: config, id: 1, logger: Logger(label: "test"))
            let guarded = GuardedConnection(raw)
            let ex = PostgresExecutor(connection: guarded, logger: Logger(label: "test"))
            if closeFirst {
                try await raw.close()
            } else {
                Task {
                    try await Task.sleep(for: .milliseconds(300))
                    try await raw.close()
                }
            }
            let started = ContinuousClock.now
            await #expect { _ = try await ex.query("SELECT pg_sleep(20)") } throws: { isUnavailable($0) }
            #expect(ContinuousClock.now - started < .seconds(10))
        }
        try await StoreFixture.dispose(env)
    }

    @Test("PostgreSQL going away and coming back: typed errors, then recovery")
    func postgresGoesAway() async throws {
        try await StoreFixture.withStore(.postgres) { store, env in
            let name = try #require(env.postgresDatabase)
            _ = try await store.enqueue(NewJob(type: "scan"))
            // The server drops every connection to this database and refuses new ones, as during a restart.
            try await StoreFixture.admin(env, "ALTER DATABASE \(name) ALLOW_CONNECTIONS false")
            try await StoreFixture.admin(env, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)' AND pid <> pg_backend_pid()")
            for _ in 0..<3 {
                do {
                    _ = try await store.enqueue(NewJob(type: "scan"))
                    Issue.record("a write succeeded while the database was away")
                } catch {
                    #expect(isUnavailable(error), "got \(error)")
                }
                do {
                    _ = try await store.jobs(status: nil, limit: 10)
                    Issue.record("a read succeeded while the database was away")
                } catch {
                    #expect(isUnavailable(error), "got \(error)")
                }
            }
            try await StoreFixture.admin(env, "ALTER DATABASE \(name) ALLOW_CONNECTIONS true")
            _ = try await store.enqueue(NewJob(type: "scan"))
            #expect(try await store.jobs(status: .queued, limit: 10).count == 2)
        }
    }

    @Test("an unreachable PostgreSQL server is a typed error at open")
    func postgresUnreachable() async throws {
        // A port nothing listens on: bind one, then close it.
        let url = "postgres://picket:x@127.0.0.1:1/picket?connect_timeout=2"
        do {
            let s = try await SQLStore.open(.postgres(url: url))
            await s.close()
            Issue.record("opened a store on a closed port")
        } catch {
            #expect(isUnavailable(error), "got \(error)")
            #expect(!"\(error)".contains(":x@"), "the password must not appear in errors")
        }
    }

    @Test("SQLite locked by another process: typed error, then recovery")
    func sqliteLocked() async throws {
        let options = StoreOptions(sqliteBusyTimeoutMilliseconds: 200)
        try await StoreFixture.withStore(.sqlite, options: options) { store, env in
            guard case .sqlite(let path) = env.location else { return }
            _ = try await store.enqueue(NewJob(type: "scan"))
            // Another process takes the write lock and holds it.
            let intruder = try SQLiteConnection(path: path, mode: .readWrite, busyTimeoutMilliseconds: 1_000)
            try intruder.execute("BEGIN EXCLUSIVE")
            do {
                _ = try await store.enqueue(NewJob(type: "scan"))
                Issue.record("a write succeeded while another process held the lock")
            } catch {
                #expect(isUnavailable(error), "got \(error)")
            }
            // Reads still work in WAL mode.
            #expect(try await store.jobs(status: nil, limit: 10).count == 1)
            try intruder.execute("COMMIT")
            _ = try await store.enqueue(NewJob(type: "scan"))
            #expect(try await store.jobs(status: .queued, limit: 10).count == 2)
        }
    }

    @Test("a closed store refuses calls with a typed error", arguments: Backend.allCases)
    func closedStore(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            await store.close()
            do {
                _ = try await store.jobs(status: nil, limit: 1)
                Issue.record("a closed store answered")
            } catch {
                #expect(isUnavailable(error))
            }
        }
    }

    @Test("a file that is not a database is refused naming the file")
    func notADatabase() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("picket-notdb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("picket.db")
        try Data(repeating: 0x41, count: 4096).write(to: file)
        await #expect(throws: StoreError.self) { _ = try await SQLStore.open(.sqlite(path: file.path)) }
    }

    @Test("database URLs parse; bad ones are configuration errors without the password")
    func urls() throws {
        #expect(try DatabaseLocation.parse("postgres://u:secret@db:6543/picket?sslmode=require") == .postgres(url: "postgres://u:secret@db:6543/picket?sslmode=require"))
        #expect(try DatabaseLocation.parse("/var/lib/picket/picket.db") == .sqlite(path: "/var/lib/picket/picket.db"))
        #expect(try DatabaseLocation.parse("sqlite:///tmp/x.db") == .sqlite(path: "/tmp/x.db"))
        #expect(DatabaseLocation.postgres(url: "postgres://u:secret@db:6543/picket").description == "postgres://u@db:6543/picket")
        #expect(throws: StoreError.self) { try DatabaseLocation.parse("mysql://u:p@h/db") }
        #expect(throws: StoreError.self) { try DatabaseLocation.parse("postgres://u:secret@db/picket?sslmode=bogus") }
        let u = try PostgresURL("postgresql://alice:p%40ss@localhost/data?host=/run/postgresql")
        #expect(u.password == "p@ss")
        #expect(u.socketDirectory == "/run/postgresql")
        #expect(u.database == "data")
    }
}
