import Foundation
import PicketCore
import PicketSQLite

/// The on-disk layout of the advisory database, `<data dir>/osv/osv.sqlite`:
///
/// - `records`: one row per OSV record (by id): the source that brought it, `modified`, whether withdrawn, and
///   the original JSON, zlib-compressed.
/// - `packages`: (base ecosystem, normalised name) → record, the index a scan looks packages up in, so it reads
///   only the records of the packages it has.
/// - `sources`: what was imported from where and when (a dump, a folder), with the newest `modified` seen
///   (the cursor for incremental updates).
/// - `meta`: schema version.
enum AdvisoryStore {
    static let schemaVersion = 1

    static func path(in dataDirectory: DataDirectory) -> String { dataDirectory.path + "/osv/osv.sqlite" }

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
        CREATE TABLE IF NOT EXISTS packages(
            ecosystem TEXT NOT NULL,
            name TEXT NOT NULL,
            record INTEGER NOT NULL,
            PRIMARY KEY (ecosystem, name, record)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS packages_record ON packages(record);
        """

    /// Opens (creating when asked) and checks the schema version.
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
                try conn.execute(schema)
                let stmt = try conn.prepare("SELECT value FROM meta WHERE key = 'schema_version'")
                let found = try stmt.query { $0.text(0) }.first ?? nil
                if let found, Int(found) != schemaVersion {
                    throw PicketError.runtime("advisory database \(path) has schema version \(found), this Picket expects \(schemaVersion): delete it and import again")
                }
                try conn.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)").run([.text(String(schemaVersion))])
            } else {
                let stmt = try conn.prepare("SELECT value FROM meta WHERE key = 'schema_version'")
                let found = try stmt.query { $0.text(0) }.first ?? nil
                guard let found, Int(found) == schemaVersion else {
                    throw PicketError.runtime("advisory database \(path) has schema version \(found ?? "none"), this Picket expects \(schemaVersion): run `picket db import` or `picket db update` again")
                }
            }
        } catch let e as PicketError {
            throw e
        } catch {
            throw PicketError.runtime("advisory database \(path) is not usable: \(error)")
        }
        return conn
    }

    /// The lookup key of a package: base ecosystem and normalised name.
    static func key(ecosystem: String, name: String) -> (String, String) {
        (VersionSchemes.baseEcosystem(ecosystem), PackageNames.normalise(name, ecosystem: ecosystem))
    }
}
