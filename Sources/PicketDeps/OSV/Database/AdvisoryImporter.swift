import Foundation
import PicketCore
import PicketSQLite

/// Options of `picket db import`.
public struct AdvisoryImportOptions: Sendable {
    /// false (default): the first record that is not valid OSV aborts the import and nothing changes.
    /// true: invalid records are skipped and every one is listed in the report.
    public var skipInvalid: Bool
    /// Start from an empty database instead of adding to it.
    public var replaceAll: Bool

    public init(skipInvalid: Bool = false, replaceAll: Bool = false) {
        self.skipInvalid = skipInvalid
        self.replaceAll = replaceAll
    }
}

/// What an import did.
public struct AdvisoryImportReport: Sendable {
    public struct SourceReport: Sendable {
        public var name: String
        public var kind: AdvisorySource.Kind
        public var path: String
        public var records: Int
        public var withdrawn: Int
        /// Records this source had before (replaced by this import).
        public var replaced: Int
    }

    public struct InvalidRecord: Sendable, CustomStringConvertible {
        public var location: String
        public var message: String
        public var description: String { "\(location): \(message)" }
    }

    public var sources: [SourceReport] = []
    /// Records skipped because they are not valid OSV (only with `skipInvalid`).
    public var invalid: [InvalidRecord] = []
    /// Files or zip entries that are not `.json` and were not read.
    public var ignored: [String] = []
    /// Ids met more than once in this import (the last one read is kept).
    public var duplicateIDs: [String] = []
    /// Records naming ecosystems Picket has no version order for (kept; only their explicit version lists can
    /// match), per base ecosystem.
    public var unknownEcosystems: [String: Int] = [:]
    /// Records without any package (e.g. CVE mirrors with an empty `affected`): kept, never matched.
    public var recordsWithoutPackages = 0
    /// Records in the database after the import.
    public var totalRecords = 0
    public var seconds = 0.0
    public var databasePath = ""
}

/// Loads OSV records into the advisory database. An import is one SQLite transaction: a corrupt zip, an
/// unreadable file or (unless skipping is asked for) an invalid record rolls it back, so the previous database
/// stays exactly as it was, and the error names the file or zip entry.
public struct AdvisoryImporter: Sendable {
    public let dataDirectory: DataDirectory

    public init(dataDirectory: DataDirectory) { self.dataDirectory = dataDirectory }

    public var databasePath: String { AdvisoryStore.path(in: dataDirectory) }

    /// Imports `sources`; each replaces what the same source imported before.
    public func run(_ sources: [AdvisorySource], options: AdvisoryImportOptions = AdvisoryImportOptions(),
                    progress: (@Sendable (String) -> Void)? = nil) throws -> AdvisoryImportReport {
        let started = Date()
        _ = try dataDirectory.directory("osv")
        let conn = try AdvisoryStore.open(databasePath, create: true)
        let writer = try Writer(conn)
        var report = AdvisoryImportReport()
        report.databasePath = databasePath
        try wrap {
            try conn.transaction {
                if options.replaceAll { try conn.execute("DELETE FROM packages; DELETE FROM records; DELETE FROM sources;") }
                for source in sources {
                    progress?("importing \(source.path)")
                    let replaced = try writer.deleteSource(source.name)
                    var summary = AdvisoryImportReport.SourceReport(name: source.name, kind: source.kind, path: source.path,
                                                                    records: 0, withdrawn: 0, replaced: replaced)
                    var newest: (Double, String)?
                    let invalidBefore = report.invalid.count
                    report.ignored += try source.forEachDocument { doc in
                        let record: OSVRecord
                        do throws(OSVDecodingError) {
                            record = try OSVRecord.decodeForImport(doc.bytes)
                        } catch {
                            guard options.skipInvalid else {
                                throw PicketError.input(file: doc.location, message: "not a valid OSV record: \(error.message). Nothing was imported; the previous database is unchanged (--skip-invalid imports the rest and lists the bad records)")
                            }
                            report.invalid.append(.init(location: doc.location, message: error.message))
                            return
                        }
                        if writer.seen.contains(record.id) { report.duplicateIDs.append(record.id) }
                        try writer.put(record, body: doc.bytes, source: source.name, report: &report)
                        summary.records += 1
                        if record.isWithdrawn { summary.withdrawn += 1 }
                        if let m = record.modified, let t = OSVTimestamp.seconds(m), t > (newest?.0 ?? -.infinity) { newest = (t, m) }
                    }
                    try writer.saveSource(source, records: summary.records, skipped: report.invalid.count - invalidBefore, newest: newest?.1)
                    report.sources.append(summary)
                }
                // A record another source brought again now belongs to that one: keep the counts true.
                try conn.execute("UPDATE sources SET records = (SELECT COUNT(*) FROM records WHERE records.source = sources.name)")
            }
        }
        try? conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        report.totalRecords = (try? writer.count()) ?? 0
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Adds or replaces individual records of an existing source (incremental update), in one transaction.
    func upsert(_ documents: [(location: String, bytes: [UInt8])], into source: AdvisorySource) throws -> AdvisoryImportReport {
        let conn = try AdvisoryStore.open(databasePath, create: true)
        let writer = try Writer(conn)
        var report = AdvisoryImportReport()
        report.databasePath = databasePath
        try wrap {
            try conn.transaction {
                var summary = AdvisoryImportReport.SourceReport(name: source.name, kind: source.kind, path: source.path,
                                                                records: 0, withdrawn: 0, replaced: 0)
                for doc in documents {
                    let record: OSVRecord
                    do throws(OSVDecodingError) { record = try OSVRecord.decodeForImport(doc.bytes) } catch {
                        throw PicketError.input(file: doc.location, message: "not a valid OSV record: \(error.message); the update was not applied")
                    }
                    try writer.put(record, body: doc.bytes, source: source.name, report: &report)
                    summary.records += 1
                    if record.isWithdrawn { summary.withdrawn += 1 }
                }
                try writer.refreshSource(source.name)
                report.sources.append(summary)
            }
        }
        try? conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        report.totalRecords = (try? writer.count()) ?? 0
        return report
    }

    /// SQLite errors become runtime errors naming the database; Picket errors pass through.
    private func wrap(_ body: () throws -> Void) throws {
        do { try body() } catch let e as PicketError { throw e } catch {
            throw PicketError.runtime("advisory database \(databasePath): \(error); nothing was changed")
        }
    }

    /// Prepared statements of one import.
    final class Writer {
        let conn: SQLiteConnection
        let upsertRecord: SQLiteStatement
        let deletePackages: SQLiteStatement
        let insertPackage: SQLiteStatement
        var seen = Set<String>()
        let compressor = Deflate.Compressor()

        init(_ conn: SQLiteConnection) throws {
            self.conn = conn
            upsertRecord = try conn.prepare("""
                INSERT INTO records(id, source, modified, withdrawn, size, body) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET source = excluded.source, modified = excluded.modified,
                    withdrawn = excluded.withdrawn, size = excluded.size, body = excluded.body
                RETURNING rowid
                """)
            deletePackages = try conn.prepare("DELETE FROM packages WHERE record = ?")
            insertPackage = try conn.prepare("INSERT OR IGNORE INTO packages(ecosystem, name, record, entries) VALUES (?, ?, ?, ?)")
        }

        /// Removes a source's records; returns how many there were.
        func deleteSource(_ name: String) throws -> Int {
            let n = try conn.prepare("SELECT COUNT(*) FROM records WHERE source = ?").query([.text(name)]) { Int($0.int(0)) }.first ?? 0
            try conn.prepare("DELETE FROM packages WHERE record IN (SELECT rowid FROM records WHERE source = ?)").run([.text(name)])
            try conn.prepare("DELETE FROM records WHERE source = ?").run([.text(name)])
            try conn.prepare("DELETE FROM sources WHERE name = ?").run([.text(name)])
            return n
        }

        func put(_ record: OSVRecord, body: [UInt8], source: String, report: inout AdvisoryImportReport) throws {
            seen.insert(record.id)
            let compressed = compressor.zlib(body)
            let rowid = try upsertRecord.query([.text(record.id), .text(source), .text(record.modified),
                                                .integer(record.isWithdrawn ? 1 : 0), .integer(Int64(body.count)),
                                                .blob(compressed)]) { $0.int(0) }.first ?? 0
            try deletePackages.run([.integer(rowid)])
            let keys = MatchIndexEntry.entries(of: record)
            for k in keys { try insertPackage.run([.text(k.ecosystem), .text(k.name), .integer(rowid), .blob(k.entries)]) }
            if keys.isEmpty { report.recordsWithoutPackages += 1 }
            for u in Set(keys.map(\.ecosystem)) where VersionSchemes.scheme(for: u) == nil {
                report.unknownEcosystems[u, default: 0] += 1
            }
        }

        func saveSource(_ source: AdvisorySource, records: Int, skipped: Int, newest: String?) throws {
            try conn.prepare("""
                INSERT OR REPLACE INTO sources(name, kind, location, imported_at, records, skipped, newest_modified)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).run([.text(source.name), .text(source.kind.rawValue), .text(source.path),
                          .real(Date().timeIntervalSince1970), .integer(Int64(records)), .integer(Int64(skipped)), .text(newest)])
        }

        /// After an incremental update: recount and move the cursor to the newest `modified` now present.
        func refreshSource(_ name: String) throws {
            var count = 0
            var newest: (Double, String)?
            let stmt = try conn.prepare("SELECT modified FROM records WHERE source = ?")
            for m in try stmt.query([.text(name)], { $0.text(0) }) {
                count += 1
                if let m, let t = OSVTimestamp.seconds(m), t > (newest?.0 ?? -.infinity) { newest = (t, m) }
            }
            try conn.prepare("UPDATE sources SET records = ?, imported_at = ?, newest_modified = ? WHERE name = ?")
                .run([.integer(Int64(count)), .real(Date().timeIntervalSince1970), .text(newest?.1), .text(name)])
        }

        func count() throws -> Int {
            try conn.prepare("SELECT COUNT(*) FROM records").query { Int($0.int(0)) }.first ?? 0
        }
    }
}

/// RFC 3339 timestamps as OSV writes them (`2024-05-01T12:00:00Z`, with or without fractions or an offset).
enum OSVTimestamp {
    /// Seconds since 1970, or nil when the string is not such a timestamp.
    static func seconds(_ s: String) -> Double? {
        let b = Array(s.utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= b.count else { return nil }
            var v = 0
            for i in from..<(from + len) {
                guard VersionBytes.isDigit(b[i]) else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard b.count >= 19, let y = num(0, 4), b[4] == 45, let mo = num(5, 2), b[7] == 45, let d = num(8, 2),
              b[10] == 84 || b[10] == 116 || b[10] == 32, let h = num(11, 2), b[13] == 58, let mi = num(14, 2),
              b[16] == 58, let sec = num(17, 2), (1...12).contains(mo), (1...31).contains(d) else { return nil }
        var i = 19
        var fraction = 0.0
        if i < b.count, b[i] == 46 {
            i += 1
            var scale = 0.1
            while i < b.count, VersionBytes.isDigit(b[i]) { fraction += Double(b[i] - 48) * scale; scale /= 10; i += 1 }
        }
        var offset = 0
        if i < b.count {
            if b[i] == 90 || b[i] == 122 { i += 1 } else if b[i] == 43 || b[i] == 45, let oh = num(i + 1, 2), b.count > i + 5, let om = num(i + 4, 2) {
                offset = (oh * 60 + om) * 60 * (b[i] == 43 ? 1 : -1)
                i += 6
            } else { return nil }
        }
        guard i == b.count else { return nil }
        // Days from the civil date (Howard Hinnant's algorithm).
        let yy = mo <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Double(days * 86_400 + h * 3600 + mi * 60 + sec - offset) + fraction
    }
}
