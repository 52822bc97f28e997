import Foundation

/// Brings a database to the newest schema this build knows: each pending migration runs in its own
/// transaction together with its `schema_migrations` row, so a failure leaves the previous version intact.
/// Safe to run at every start and from several processes at once (PostgreSQL: advisory lock; SQLite: the write
/// lock of `BEGIN IMMEDIATE`). Refuses a database that a newer Picket already migrated.
public struct Migrator: Sendable {
    public let migrations: [Migration]
    /// Arbitrary constant naming Picket's migration lock on PostgreSQL.
    static let advisoryLockKey: Int64 = 0x5049_434B_4554

    public init(migrations: [Migration] = Schema.migrations) throws {
        for (a, b) in zip(migrations, migrations.dropFirst()) where b.version <= a.version {
            throw StoreError.configuration("migrations must have strictly increasing versions (\(a.version) then \(b.version))")
        }
        self.migrations = migrations
    }

    public var latestVersion: Int { migrations.last?.version ?? 0 }

    public struct Result: Sendable, Equatable {
        public var applied: [Int]
        public var version: Int
    }

    @discardableResult
    public func migrate(_ db: any SQLDatabase, now: Date = Date()) async throws -> Result {
        try await db.write { ex in
            try await Self.lock(ex)
            try await ex.execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version BIGINT PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL
                )
                """)
        }
        var applied: [Int] = []
        var current = try await currentVersion(db)
        if current > latestVersion { throw StoreError.schemaTooNew(database: current, supported: latestVersion) }
        for m in migrations where m.version > current {
            let done: Bool = try await db.write { ex in
                try await Self.lock(ex)
                // Another process may have applied it while we waited for the lock.
                let row = try await ex.queryFirst("SELECT COUNT(*) AS n FROM schema_migrations WHERE version = ?", [.int(m.version)])
                if try row?.int("n") ?? 0 > 0 { return false }
                do {
                    for statement in m.statements(for: ex.dialect) { try await ex.execute(statement) }
                } catch {
                    throw StoreError.migrationFailed(version: m.version, name: m.name, message: "\(error)")
                }
                try await ex.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                                     [.int(m.version), .text(m.name), .time(now)])
                return true
            }
            if done { applied.append(m.version) }
            current = m.version
        }
        return Result(applied: applied, version: try await currentVersion(db))
    }

    public func currentVersion(_ db: any SQLDatabase) async throws -> Int {
        try await db.read { ex in
            let row = try await ex.queryFirst("SELECT MAX(version) AS v FROM schema_migrations")
            return Int(try row?.optionalInt("v") ?? 0)
        }
    }

    private static func lock(_ ex: any SQLExecutor) async throws {
        if ex.dialect == .postgres {
            try await ex.execute("SELECT pg_advisory_xact_lock(?)", [.int(advisoryLockKey)])
        }
    }
}
