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
        let workers = ProcessInfo.processInfo.activeProcessorCount
        let matcher = self.matcher
        var out: [PackageMatch] = []
        out.reserveCapacity(packages.count)
        var start = 0
        // In batches, so memory holds one batch's decoded records, not every record the scan touches.
        while start < packages.count {
            let batch = Array(packages[start..<min(start + Self.matchBatch, packages.count)])
            start += batch.count
            // Compressed rows are read under the connection's lock; decoding and matching (the costly part) run
            // on every core. A record naming several packages of the batch is decoded once.
            let rows: [[Lookup.Row]] = try connection.withLock { conn in
                let lookup = try Lookup(conn)
                return try batch.map { try lookup.rows(ecosystem: $0.ecosystem.rawValue, name: $0.name) }
            }
            var unique: [Int64: Lookup.Row] = [:]
            for list in rows { for r in list where unique[r.rowid] == nil { unique[r.rowid] = r } }
            let distinct = Array(unique.values)
            let decoded = parallelMap(distinct, workers: workers) { r in
                Result { try Lookup.decode(size: r.size, body: r.body, id: r.id) }
            }
            var records: [Int64: OSVRecord] = [:]
            records.reserveCapacity(distinct.count)
            for (r, d) in zip(distinct, decoded) { records[r.rowid] = try d.get() }
            let pairs = zip(batch, rows).map { package, list in (package, list.compactMap { records[$0.rowid] }) }
            out += parallelMap(pairs, workers: workers) { package, candidates in matcher.match(package, candidates: candidates) }
        }
        return out
    }

    static let matchBatch = 1024

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

        /// One record row of a package: still compressed, decoded by `decode`.
        struct Row: Sendable {
            var rowid: Int64
            var id: String
            var size: Int64
            var body: [UInt8]
        }

        func rows(ecosystem: String, name: String) throws -> [Row] {
            let (eco, key) = AdvisoryStore.key(ecosystem: ecosystem, name: name)
            var rows: [Row] = []
            stmt.reset()
            try stmt.bind([.text(eco), .text(key)])
            while try stmt.step() {
                rows.append(Row(rowid: stmt.int(0), id: stmt.text(1) ?? "", size: stmt.int(2), body: stmt.blob(3)))
            }
            return rows
        }

        func records(ecosystem: String, name: String) throws -> [OSVRecord] {
            try rows(ecosystem: ecosystem, name: name).map { r in
                if let cached = cache[r.rowid] { return cached }
                let record = try Self.decode(size: r.size, body: r.body, id: r.id)
                if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
                cache[r.rowid] = record
                return record
            }
        }

        static func decode(size: Int64, body: [UInt8], id: String) throws -> OSVRecord {
            do {
                let json = Data(try Zlib.uncompress(body, size: Int(size)))
                return try OSVRecord.decodeFast(json) ?? OSVRecord.decode(json)
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
