import Foundation
import PicketCore

/// The store over SQLite or PostgreSQL: one set of queries, the dialect filling in the differences.
public final class SQLStore: Store {
    public let database: any SQLDatabase
    public let options: StoreOptions

    public var dialect: SQLDialect { database.dialect }

    /// Wraps an open database without touching its schema (see `migrate`).
    public init(database: any SQLDatabase, options: StoreOptions = StoreOptions()) {
        self.database = database
        self.options = options
    }

    /// Opens the database, then brings its schema up to date (refusing one newer than this build knows).
    public static func open(_ location: DatabaseLocation, options: StoreOptions = StoreOptions(),
                            migrations: [Migration] = Schema.migrations) async throws -> SQLStore {
        let db: any SQLDatabase
        switch location {
        case .sqlite(let path):
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty && !FileManager.default.fileExists(atPath: dir) {
                do {
                    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                            attributes: [.posixPermissions: 0o700])
                } catch {
                    throw StoreError.unavailable("cannot create the folder for the SQLite database \(path): \(error.localizedDescription)")
                }
            }
            db = try await SQLiteDatabase(path: path, readerCount: options.sqliteReaderCount,
                                          busyTimeoutMilliseconds: options.sqliteBusyTimeoutMilliseconds)
        case .postgres(let url):
            db = try await PostgresDatabase(url: url, maxConnections: options.postgresMaxConnections,
                                            callTimeout: options.postgresCallTimeout)
        }
        let store = SQLStore(database: db, options: options)
        // Several processes may start on one SQLite file at once: while another one migrates, wait for it
        // (bounded) instead of failing on its write lock.
        var attempt = 0
        while true {
            do {
                try await Migrator(migrations: migrations).migrate(db, now: options.now())
                break
            } catch StoreError.unavailable(let m) where db.dialect == .sqlite && m.contains("locked") && attempt < 10 {
                attempt += 1
                try? await Task.sleep(for: .milliseconds(250 * attempt))
            } catch {
                await db.close()
                throw error
            }
        }
        return store
    }

    public func close() async { await database.close() }

    // MARK: helpers shared by the extensions

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    static func json<T: Encodable>(_ value: T) throws -> String {
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw StoreError.invalidInput("cannot encode \(T.self) as JSON: \(error)")
        }
    }

    static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String?, column: String) throws -> T? {
        guard let text, !text.isEmpty else { return nil }
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError.database("column '\(column)' holds JSON that does not decode as \(T.self)")
        }
    }

    /// Runs `body` over `items` in slices small enough for any database's parameter limit.
    static func chunks<T>(_ items: [T], size: Int = 400) -> [ArraySlice<T>] {
        stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }

    static func nonEmpty(_ value: String, _ field: String, max: Int = 1_000) throws -> String {
        let v = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !v.isEmpty else { throw StoreError.invalidInput("\(field) must not be empty") }
        guard v.count <= max else { throw StoreError.invalidInput("\(field) is longer than \(max) characters") }
        return v
    }

    /// Keeps error texts bounded in the database.
    static func clip(_ s: String, _ n: Int = 4_000) -> String { s.count <= n ? s : String(s.prefix(n)) + "…" }
}

extension SQLStore {
    /// Refreshes the query planner's statistics (SQLite `ANALYZE` with a bounded sample; PostgreSQL `ANALYZE`).
    /// Call after large imports and periodically (e.g. daily); without statistics SQLite may pick a slower index.
    public func maintain() async throws {
        try await database.write { ex in
            if ex.dialect == .sqlite { try await ex.execute("PRAGMA analysis_limit=2000") }
            try await ex.execute("ANALYZE")
        }
    }
}
