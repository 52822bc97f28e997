import Foundation
@testable import PicketStore
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("migrates an empty database, and a second run changes nothing", arguments: Backend.allCases)
    func fromEmptyAndRerun(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let migrator = try Migrator()
            #expect(try await migrator.currentVersion(store.database) == Schema.migrations.last?.version)
            let again = try await migrator.migrate(store.database)
            #expect(again.applied.isEmpty)
            #expect(again.version == migrator.latestVersion)
            let rows = try await store.database.read { ex in try await ex.query("SELECT version FROM schema_migrations ORDER BY version") }
            #expect(try rows.map { try $0.int("version") } == Schema.migrations.map { Int64($0.version) })
            // Every table of the schema is there and usable.
            for table in ["settings", "users", "sessions", "api_tokens", "workspaces", "repositories", "scans", "findings",
                          "finding_events", "finding_occurrences", "jobs", "webhook_deliveries"] {
                let n = try await store.database.read { ex in try await ex.queryFirst("SELECT COUNT(*) AS n FROM \(table)")?.int("n") }
                #expect(n == 0, "table \(table)")
            }
        }
    }

    @Test("two processes starting at once both succeed and apply each migration once", arguments: Backend.allCases)
    func concurrentStartup(_ backend: Backend) async throws {
        let env = try await StoreFixture.makeEnvironment(backend)
        do {
            async let a = SQLStore.open(env.location)
            async let b = SQLStore.open(env.location)
            let (s1, s2) = try await (a, b)
            let n = try await s1.database.read { ex in try await ex.queryFirst("SELECT COUNT(*) AS n FROM schema_migrations")?.int("n") }
            #expect(n == Int64(Schema.migrations.count))
            await s1.close()
            await s2.close()
        } catch {
            try? await StoreFixture.dispose(env)
            throw error
        }
        try await StoreFixture.dispose(env)
    }

    @Test("refuses a database migrated by a newer Picket", arguments: Backend.allCases)
    func refusesNewerSchema(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, env in
            try await store.database.write { ex in
                try await ex.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                                     [.int(999), .text("from the future"), .int(0)])
            }
            await #expect(throws: StoreError.schemaTooNew(database: 999, supported: Schema.migrations.last?.version ?? 0)) {
                let other = try await SQLStore.open(env.location)
                await other.close()
            }
        }
    }

    @Test("applies only pending migrations; a failing one rolls back whole", arguments: Backend.allCases)
    func pendingAndFailing(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let next = (Schema.migrations.last?.version ?? 0) + 1
            let second = Migration(version: next, name: "notes", steps: [
                .both("CREATE TABLE test_notes (id {PK}, body TEXT NOT NULL, data {BLOB})"),
                .sqlite("CREATE INDEX test_notes_body ON test_notes (body)"),
                .postgres("CREATE INDEX test_notes_body ON test_notes USING btree (body)"),
            ])
            let r = try await Migrator(migrations: Schema.migrations + [second]).migrate(store.database)
            #expect(r.applied == [next])
            try await store.database.write { ex in
                try await ex.execute("INSERT INTO test_notes (body, data) VALUES (?, ?)", [.text("hello"), .blob([0, 1, 2])])
            }
            let row = try await store.database.read { ex in try await ex.queryFirst("SELECT id, body, data FROM test_notes") }
            #expect(try row?.int("id") == 1)
            #expect(try row?.optionalBlob("data") == [0, 1, 2])

            let broken = Migration(version: next + 1, name: "broken", steps: [
                .both("CREATE TABLE test_half (id {PK})"),
                .both("CREATE TABLE test_half_2 (id NOT A TYPE (("),
            ])
            await #expect(throws: StoreError.self) {
                try await Migrator(migrations: Schema.migrations + [second, broken]).migrate(store.database)
            }
            #expect(try await Migrator().currentVersion(store.database) == next)
            // The first statement of the failed migration was rolled back with it.
            await #expect(throws: StoreError.self) {
                _ = try await store.database.read { ex in try await ex.query("SELECT COUNT(*) AS n FROM test_half") }
            }
        }
    }

    @Test("a migration list out of order is refused")
    func orderValidated() throws {
        #expect(throws: StoreError.self) {
            _ = try Migrator(migrations: [Migration(version: 2, name: "b", steps: []), Migration(version: 1, name: "a", steps: [])])
        }
    }

    @Test("placeholders become $n for PostgreSQL, except inside quotes and comments")
    func placeholders() {
        #expect(SQLDialect.numberedPlaceholders("SELECT ? , '?', \"a?\" -- ?\n, ?") == "SELECT $1 , '?', \"a?\" -- ?\n, $2")
    }
}
