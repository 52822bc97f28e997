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
        try matches(for: packages) { $0 }
    }

    /// Matches every package and turns each match into a `T` (findings, say) on the same worker, so the whole
    /// per-package path runs on every core. The result has one entry per package, in the same order.
    ///
    /// Each worker has its own read-only connection and takes runs of packages in (ecosystem, name) order, so
    /// the same package listed by several lockfiles is looked up and decoded once, and memory holds one run's
    /// records, not every record the scan touches.
    public func matches<T: Sendable>(for packages: [PackageRef], _ transform: @Sendable (PackageMatch) -> T) throws -> [T] {
        guard !packages.isEmpty else { return [] }
        // A scan this large touches pages all over the file: when the file is not in memory, reading it through
        // once beats thousands of scattered reads (a cold worst-case monorepo scan: 2.7 s → see BENCHMARKS.md).
        if packages.count >= Self.readThroughPackages {
            PageCache.warm(path: path)
        }
        let keys = packages.map { AdvisoryStore.key(ecosystem: $0.ecosystem.rawValue, name: $0.name) }
        let order = packages.indices.sorted { a, b in
            keys[a].0 != keys[b].0 ? keys[a].0 < keys[b].0 : (keys[a].1 != keys[b].1 ? keys[a].1 < keys[b].1 : a < b)
        }
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, (packages.count + Self.runLength - 1) / Self.runLength)
        let results = MatchSlots<T>(count: packages.count, runLength: Self.runLength)
        let matcher = self.matcher
        let path = self.path
        @Sendable func work() {
            do {
                let conn = try AdvisoryStore.open(path, create: false)
                // One read transaction per worker: one snapshot, and the file locks taken once, not per lookup.
                try conn.execute("BEGIN")
                defer { try? conn.execute("COMMIT") }
                let lookup = try Lookup(conn)
                let memo = MatchMemo()
                while let run = results.claimRun() {
                    var lastKey: (String, String)?
                    var candidates = Lookup.Candidates()
                    for position in run {
                        let i = order[position]
                        let key = keys[i]
                        if lastKey.map({ $0 != key }) ?? true {
                            candidates = try lookup.candidates(key: key)
                            lastKey = key
                        }
                        let m = try matcher.match(packages[i], candidates: candidates.records, memo: memo) { partial in
                            try lookup.full(rowid: candidates.rowids[partial.id] ?? -1, id: partial.id)
                        }
                        results.store(transform(m), at: i)
                    }
                }
            } catch {
                results.fail(error)
            }
        }
        if workers > 1 {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in work() }
        } else {
            work()
        }
        return try results.results()
    }

    /// Packages a worker takes at a time.
    static let runLength = 256
    /// From this many packages on, a database mostly out of memory is read through before matching.
    static let readThroughPackages = 4_096

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
            return try stmt.query([.text(id)]) { row in try Lookup.decode(size: row.int(0), body: row.blob(1), id: id, using: Deflate.Decompressor()) }.first
        }
    }

    /// Counts per ecosystem and per source, for `picket db status`.
    /// When the newest import or update finished; nil for a database nothing was imported into.
    public func lastUpdate() throws -> Date? {
        try connection.withLock { conn in
            try conn.prepare("SELECT MAX(imported_at) FROM sources").query { $0.isNull(0) ? nil : Date(timeIntervalSince1970: $0.double(0)) }
                .first ?? nil
        }
    }

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
        let entriesStmt: SQLiteStatement
        let recordStmt: SQLiteStatement
        var cache: [Int64: OSVRecord] = [:]
        let decompressor = Deflate.Decompressor()

        init(_ conn: SQLiteConnection) throws {
            stmt = try conn.prepare("""
                SELECT r.rowid, r.id, r.size, r.body FROM packages p JOIN records r ON r.rowid = p.record
                WHERE p.ecosystem = ? AND p.name = ? AND r.withdrawn = 0
                """)
            entriesStmt = try conn.prepare("""
                SELECT p.record, p.entries FROM packages p JOIN records r ON r.rowid = p.record
                WHERE p.ecosystem = ? AND p.name = ? AND r.withdrawn = 0
                """)
            recordStmt = try conn.prepare("SELECT id, size, body FROM records WHERE rowid = ?")
        }

        /// A package's candidate records as the index keeps them (id and the entries naming the package), and
        /// where each whole record is.
        struct Candidates {
            var records: [OSVRecord] = []
            var rowids: [String: Int64] = [:]
        }

        func candidates(key: (String, String)) throws -> Candidates {
            var out = Candidates()
            entriesStmt.reset()
            try entriesStmt.bind([.text(key.0), .text(key.1)])
            while try entriesStmt.step() {
                let rowid = entriesStmt.int(0)
                // Written by MatchIndexEntry; should it not read, the whole record serves. (Not cached by row: a
                // record naming several packages has other entries under each.)
                let record = try MatchIndexEntry.decode(entriesStmt.blob(1)) ?? full(rowid: rowid, id: "")
                out.records.append(record)
                out.rowids[record.id] = rowid
            }
            return out
        }

        /// One whole record by row (decoded once per lookup while it stays in the cache).
        func full(rowid: Int64, id: String) throws -> OSVRecord {
            if let cached = cache[rowid] { return cached }
            recordStmt.reset()
            try recordStmt.bind([.integer(rowid)])
            guard try recordStmt.step() else {
                throw PicketError.runtime("advisory database: record \(id) is indexed but missing; import the data again")
            }
            let record = try Self.decode(size: recordStmt.int(1), body: recordStmt.blob(2), id: recordStmt.text(0) ?? id,
                                         using: decompressor)
            if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[rowid] = record
            return record
        }

        /// One record row of a package: still compressed, decoded by `decode`.
        struct Row: Sendable {
            var rowid: Int64
            var id: String
            var size: Int64
            var body: [UInt8]
        }

        func rows(ecosystem: String, name: String) throws -> [Row] {
            try rows(key: AdvisoryStore.key(ecosystem: ecosystem, name: name))
        }

        func rows(key: (String, String)) throws -> [Row] {
            let (eco, key) = key
            var rows: [Row] = []
            stmt.reset()
            try stmt.bind([.text(eco), .text(key)])
            while try stmt.step() {
                rows.append(Row(rowid: stmt.int(0), id: stmt.text(1) ?? "", size: stmt.int(2), body: stmt.blob(3)))
            }
            return rows
        }

        func records(ecosystem: String, name: String) throws -> [OSVRecord] {
            try records(key: AdvisoryStore.key(ecosystem: ecosystem, name: name))
        }

        /// The package's records, each decoded once per lookup (a record naming several packages is cached).
        func records(key: (String, String)) throws -> [OSVRecord] {
            try rows(key: key).map { r in
                if let cached = cache[r.rowid] { return cached }
                let record = try Self.decode(size: r.size, body: r.body, id: r.id, using: decompressor)
                if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
                cache[r.rowid] = record
                return record
            }
        }

        static func decode(size: Int64, body: [UInt8], id: String, using decompressor: Deflate.Decompressor) throws -> OSVRecord {
            do {
                let json = try decompressor.zlibUncompress(body, size: Int(size))
                if let fast = json.withUnsafeBufferPointer(OSVRecord.decodeFast) { return fast }
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

/// Hands runs of positions to the workers of `AdvisoryDatabase.matches` and collects their results.
private final class MatchSlots<T: Sendable>: Sendable {
    private struct State {
        var next = 0
        var slots: [T?]
        var error: (any Error)?
    }
    private let state: Mutex<State>
    private let count: Int
    private let runLength: Int

    init(count: Int, runLength: Int) {
        self.count = count
        self.runLength = runLength
        state = Mutex(State(slots: Array(repeating: nil, count: count)))
    }

    /// The next run of positions in lookup order; nil when all are taken or a worker failed.
    func claimRun() -> Range<Int>? {
        state.withLock { s in
            guard s.error == nil, s.next < count else { return nil }
            let start = s.next
            s.next = min(count, start + runLength)
            return start..<s.next
        }
    }

    func store(_ value: T, at index: Int) { state.withLock { $0.slots[index] = value } }

    func fail(_ error: any Error) { state.withLock { s in if s.error == nil { s.error = error } } }

    func results() throws -> [T] {
        try state.withLock { s in
            if let e = s.error { throw e }
            return s.slots.map { $0! }
        }
    }
}
