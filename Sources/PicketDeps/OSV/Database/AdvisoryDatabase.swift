import Foundation
import PicketCore
import PicketSQLite
import Synchronization

/// The local OSV advisory database, read side. Open once per scan:
///
/// ```swift
/// let db = try AdvisoryDatabase.open(dataDirectory: dataDir)
/// let results = try db.matches(for: packages)   // one PackageMatch per package, same order
/// ```
///
/// Lookups go through the (ecosystem, normalised name) index and decode only the records of the packages
/// asked about, so memory follows the scan, not the database. Safe to share between tasks (calls are
/// serialised on the one connection).
public final class AdvisoryDatabase: Sendable {
    public let path: String
    private let connection: Mutex<SQLiteConnection>
    private let matcher = VulnerabilityMatcher()

    private init(path: String, connection: sending SQLiteConnection) {
        self.path = path
        self.connection = Mutex(connection)
    }

    /// Opens `<data dir>/osv/osv.sqlite` read-only. Fails with a message saying how to create it.
    public static func open(dataDirectory: DataDirectory) throws -> AdvisoryDatabase {
        try open(path: AdvisoryStore.path(in: dataDirectory))
    }

    public static func open(path: String) throws -> AdvisoryDatabase {
        guard FileManager.default.fileExists(atPath: path) else {
            throw PicketError.runtime("no advisory database at \(path): run `picket db update` (needs network) or `picket db import <Ecosystem/all.zip | folder>`")
        }
        return AdvisoryDatabase(path: path, connection: try AdvisoryStore.open(path, create: false))
    }

    /// Matches every package; the result has one entry per package, in the same order.
    public func matches(for packages: [PackageRef]) throws -> [PackageMatch] {
        try connection.withLock { conn in
            let lookup = try Lookup(conn)
            return try packages.map { package in
                let records = try lookup.records(ecosystem: package.ecosystem.rawValue, name: package.name)
                return matcher.match(package, candidates: records)
            }
        }
    }

    /// True when any record (withdrawn or not) names a package of the base ecosystem. One index probe.
    public func hasRecords(ecosystem: String) throws -> Bool {
        try connection.withLock { conn in
            let stmt = try conn.prepare("SELECT 1 FROM packages WHERE ecosystem = ? LIMIT 1")
            return try !stmt.query([.text(VersionSchemes.baseEcosystem(ecosystem))]) { _ in true }.isEmpty
        }
    }

    /// The non-withdrawn records indexed under a package (for inspection and tests).
    public func records(ecosystem: String, name: String) throws -> [OSVRecord] {
        try connection.withLock { conn in try Lookup(conn).records(ecosystem: ecosystem, name: name) }
    }

    /// One record by id, withdrawn or not.
    public func record(id: String) throws -> OSVRecord? {
        try connection.withLock { conn in
            let stmt = try conn.prepare("SELECT size, body FROM records WHERE id = ?")
            return try stmt.query([.text(id)]) { row in try Lookup.decode(size: row.int(0), body: row.blob(1), id: id) }.first
        }
    }

    /// Counts per ecosystem and per source, for `picket db status`.
    public func status() throws -> AdvisoryDatabaseStatus {
        try connection.withLock { conn in
            var s = AdvisoryDatabaseStatus(path: path)
            let attrs = try? FileManager.default.attributesOfItem(atPath: path)
            s.sizeBytes = (attrs?[.size] as? NSNumber)?.int64Value ?? 0
            let totals = try conn.prepare("SELECT COUNT(*), COALESCE(SUM(withdrawn), 0) FROM records").query { ($0.int(0), $0.int(1)) }
            s.records = Int(totals.first?.0 ?? 0)
            s.withdrawn = Int(totals.first?.1 ?? 0)
            s.ecosystems = try conn.prepare("""
                SELECT p.ecosystem, COUNT(DISTINCT p.record), COUNT(DISTINCT CASE WHEN r.withdrawn = 1 THEN p.record END),
                       COUNT(DISTINCT p.name)
                FROM packages p JOIN records r ON r.rowid = p.record GROUP BY p.ecosystem ORDER BY p.ecosystem
                """).query { row in
                let eco = row.text(0) ?? ""
                return AdvisoryDatabaseStatus.EcosystemCount(ecosystem: eco, records: Int(row.int(1)), withdrawn: Int(row.int(2)),
                                                             packages: Int(row.int(3)),
                                                             versionOrderKnown: VersionSchemes.scheme(for: eco) != nil)
            }
            s.sources = try conn.prepare("""
                SELECT name, kind, location, imported_at, records, skipped, newest_modified FROM sources ORDER BY name
                """).query { row in
                AdvisoryDatabaseStatus.SourceInfo(name: row.text(0) ?? "", kind: row.text(1) ?? "", location: row.text(2) ?? "",
                                                  importedAt: Date(timeIntervalSince1970: row.double(3)), records: Int(row.int(4)),
                                                  skipped: Int(row.int(5)), newestModified: row.text(6))
            }
            return s
        }
    }

    /// Prepared lookup of one call. Decoded records are cached so a record naming several packages of the scan
    /// is decoded once; the cache is bounded so memory stays flat however many packages a scan has.
    final class Lookup {
        static let cacheLimit = 2048
        let stmt: SQLiteStatement
        var cache: [Int64: OSVRecord] = [:]

        init(_ conn: SQLiteConnection) throws {
            stmt = try conn.prepare("""
                SELECT r.rowid, r.id, r.size, r.body FROM packages p JOIN records r ON r.rowid = p.record
                WHERE p.ecosystem = ? AND p.name = ? AND r.withdrawn = 0
                """)
        }

        func records(ecosystem: String, name: String) throws -> [OSVRecord] {
            let (eco, key) = AdvisoryStore.key(ecosystem: ecosystem, name: name)
            var rows: [(Int64, String, Int64, [UInt8]?)] = []
            stmt.reset()
            try stmt.bind([.text(eco), .text(key)])
            while try stmt.step() {
                let rowid = stmt.int(0)
                // The body is only read for records not decoded yet in this call.
                rows.append((rowid, stmt.text(1) ?? "", stmt.int(2), cache[rowid] == nil ? stmt.blob(3) : nil))
            }
            return try rows.map { rowid, id, size, body in
                if let r = cache[rowid] { return r }
                let r = try Self.decode(size: size, body: body ?? [], id: id)
                if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
                cache[rowid] = r
                return r
            }
        }

        static func decode(size: Int64, body: [UInt8], id: String) throws -> OSVRecord {
            do {
                let json = try Zlib.uncompress(body, size: Int(size))
                return try OSVRecord.decode(Data(json))
            } catch {
                throw PicketError.runtime("advisory database: record \(id) is damaged (\(error)); import the data again")
            }
        }
    }
}

/// `picket db status` data.
public struct AdvisoryDatabaseStatus: Sendable {
    public struct EcosystemCount: Sendable {
        public var ecosystem: String
        public var records: Int
        public var withdrawn: Int
        public var packages: Int
        /// False for ecosystems whose versions Picket cannot order (only explicit version lists match).
        public var versionOrderKnown: Bool
    }

    public struct SourceInfo: Sendable {
        public var name: String
        public var kind: String
        public var location: String
        public var importedAt: Date
        public var records: Int
        public var skipped: Int
        public var newestModified: String?
    }

    public var path: String
    public var sizeBytes: Int64 = 0
    public var records = 0
    public var withdrawn = 0
    public var ecosystems: [EcosystemCount] = []
    public var sources: [SourceInfo] = []

    public var lastImport: Date? { sources.map(\.importedAt).max() }
}
