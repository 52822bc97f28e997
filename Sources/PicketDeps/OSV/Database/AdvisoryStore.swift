import Foundation
import PicketCore
import PicketSQLite

/// The on-disk layout of the advisory database, `<data dir>/osv/osv.sqlite`:
///
/// - `records`: one row per OSV record (by id): the source that brought it, `modified`, whether withdrawn, and
///   the original JSON, zlib-compressed.
/// - `packages`: (base ecosystem, normalised name) → record, the index a scan looks packages up in, so it reads
///   only the records of the packages it has; each row also keeps the record's `affected` entries for that
///   package (`MatchIndexEntry`), uncompressed, so a scan decompresses only the records that affect a package.
/// - `sources`: what was imported from where and when (a dump, a folder), with the newest `modified` seen
///   (the cursor for incremental updates).
/// - `meta`: schema version.
///
/// Version 1 had no entries in `packages`; opening it for writing (`picket db import`, `picket db update`)
/// rebuilds the index from the stored records.
enum AdvisoryStore {
    static let schemaVersion = 2

    static func path(in dataDirectory: DataDirectory) -> String { dataDirectory.path + "/osv/osv.sqlite" }

    static let packagesTable = """
        CREATE TABLE IF NOT EXISTS packages(
            ecosystem TEXT NOT NULL,
            name TEXT NOT NULL,
            record INTEGER NOT NULL,
            entries BLOB NOT NULL,
            PRIMARY KEY (ecosystem, name, record)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS packages_record ON packages(record);
        """

    static let schema = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS sources(
            name TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            location TEXT NOT NULL,
            imported_at REAL NOT NULL,
            records INTEGER NOT NULL,
            skipped INTEGER NOT NULL,
            newest_modified TEXT
        );
        CREATE TABLE IF NOT EXISTS records(
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            modified TEXT,
            withdrawn INTEGER NOT NULL,
            size INTEGER NOT NULL,
            body BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS records_source ON records(source);
        """ + packagesTable

    /// Opens (creating when asked) and checks the schema version; opening for writing upgrades version 1.
    static func open(_ path: String, create: Bool) throws -> SQLiteConnection {
        let conn: SQLiteConnection
        do {
            conn = try SQLiteConnection(path: path, mode: create ? .readWriteCreate : .readOnly)
        } catch {
            throw PicketError.runtime("cannot open the advisory database \(path): \(error)")
        }
        do {
            if create {
                try conn.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
                let found = try version(conn)
                if let found, found > schemaVersion {
                    throw PicketError.runtime("advisory database \(path) has schema version \(found), newer than this Picket's \(schemaVersion): use a newer Picket, or delete it and import again")
                }
                if found == 1 {
                    try upgradeFromVersion1(conn, path: path)
                }
                try conn.execute(schema)
                try conn.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)").run([.text(String(schemaVersion))])
            } else {
                let found = try version(conn)
                if found == 1 { throw OutdatedSchema(path: path) }
                guard found == schemaVersion else {
                    throw PicketError.runtime("advisory database \(path) has schema version \(found.map(String.init) ?? "none"), this Picket expects \(schemaVersion): run `picket db import` or `picket db update` again")
                }
            }
        } catch let e as PicketError {
            throw e
        } catch let e as OutdatedSchema {
            throw e
        } catch {
            throw PicketError.runtime("advisory database \(path) is not usable: \(error)")
        }
        return conn
    }

    /// A database an older Picket wrote (schema 1): readable again once an import or update has upgraded it.
    public struct OutdatedSchema: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            "advisory database \(path) was written by an older Picket (schema version 1, this one reads \(AdvisoryStore.schemaVersion)): "
                + "run `picket db update` (online) or `picket db import` with any dump or folder (offline) once; either upgrades it in place"
        }
    }

    /// The stored schema version; nil for a file without one (new, or not a Picket database).
    private static func version(_ conn: SQLiteConnection) throws -> Int? {
        let hasMeta = try !conn.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").query { _ in true }.isEmpty
        guard hasMeta else { return nil }
        let found = try conn.prepare("SELECT value FROM meta WHERE key = 'schema_version'").query { $0.text(0) }.first ?? nil
        return found.flatMap { Int($0) }
    }

    /// Version 1 → 2: the package index gains each record's entries, rebuilt from the stored records in one
    /// transaction (a damaged record stops it and names the record; the old database stays as it was).
    private static func upgradeFromVersion1(_ conn: SQLiteConnection, path: String) throws {
        try conn.transaction {
            try conn.execute("""
                DROP TABLE IF EXISTS packages_v2;
                CREATE TABLE packages_v2(
                    ecosystem TEXT NOT NULL, name TEXT NOT NULL, record INTEGER NOT NULL, entries BLOB NOT NULL,
                    PRIMARY KEY (ecosystem, name, record)
                ) WITHOUT ROWID;
                """)
            let insert = try conn.prepare("INSERT OR IGNORE INTO packages_v2(ecosystem, name, record, entries) VALUES (?, ?, ?, ?)")
            let decompressor = Deflate.Decompressor()
            // Row by row, so memory holds one record at a time.
            _ = try conn.prepare("SELECT rowid, id, size, body FROM records").query { row in
                let record = try AdvisoryDatabase.Lookup.decode(size: row.int(2), body: row.blob(3), id: row.text(1) ?? "",
                                                                using: decompressor)
                for e in MatchIndexEntry.entries(of: record) {
                    try insert.run([.text(e.ecosystem), .text(e.name), .integer(row.int(0)), .blob(e.entries)])
                }
            }
            try conn.execute("DROP TABLE packages; ALTER TABLE packages_v2 RENAME TO packages;")
        }
    }

    /// The lookup key of a package: base ecosystem and normalised name.
    static func key(ecosystem: String, name: String) -> (String, String) {
        (VersionSchemes.baseEcosystem(ecosystem), PackageNames.normalise(name, ecosystem: ecosystem))
    }
}
