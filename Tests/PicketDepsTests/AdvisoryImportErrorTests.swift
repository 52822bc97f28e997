import Foundation
import PicketCore
import PicketTestSupport
import Testing
@testable import PicketDeps

/// Bad input to `db import`: every failure names the file or entry and leaves the previous database intact.
@Suite("Advisory import: bad input")
struct AdvisoryImportErrorTests {
    static let edge = SharedCorpus.fixtures + "/osv/edge"
    static let invalid = SharedCorpus.fixtures + "/osv/invalid"

    /// A data folder holding an imported copy of the edge fixtures (12 records).
    func baseline() throws -> (dir: String, importer: AdvisoryImporter) {
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-osv-bad")
        let importer = AdvisoryImporter(dataDirectory: DataDirectory(path: dir))
        let r = try importer.run([try AdvisorySource.resolve(Self.edge)])
        #expect(r.totalRecords == 12)
        return (dir, importer)
    }

    func status(_ dir: String) throws -> AdvisoryDatabaseStatus {
        try AdvisoryDatabase.open(dataDirectory: DataDirectory(path: dir)).status()
    }

    func expectIntact(_ dir: String) throws {
        let s = try status(dir)
        #expect(s.records == 12)
        #expect(s.sources.map(\.name) == ["folder:" + Self.edge])
    }

    func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return "no error"
    }

    @Test func corruptZipEntry() throws {
        let (dir, importer) = try baseline()
        defer { TestEnvironment.remove(dir) }
        let src = SharedCorpus.path("corpora/osv-dumps/crates.io/all.zip")
        let entry = try #require(try ZipArchive(path: src).entries.dropFirst(100).first)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: src)))
        let dataStart = Int(entry.localHeaderOffset) + 30 + entry.name.utf8.count
        for i in 0..<8 { bytes[dataStart + 20 + i] ^= 0x5A }
        let bad = dir + "/crates.io/all.zip"
        try FileManager.default.createDirectory(atPath: dir + "/crates.io", withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: bad))
        let msg = message { _ = try importer.run([try AdvisorySource.resolve(bad)]) }
        #expect(msg.contains(bad))
        #expect(msg.contains("entry \(entry.name)"))
        #expect(msg.contains("CRC-32 mismatch") || msg.contains("corrupt compressed data") || msg.contains("inflate"))
        try expectIntact(dir)
    }

    @Test func truncatedZip() throws {
        let (dir, importer) = try baseline()
        defer { TestEnvironment.remove(dir) }
        let data = try Data(contentsOf: URL(fileURLWithPath: SharedCorpus.path("corpora/osv-dumps/PyPI/all.zip")))
        let cut = dir + "/PyPI-all.zip"
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: cut))
        let msg = message { _ = try importer.run([try AdvisorySource.resolve(cut)]) }
        #expect(msg.contains(cut))
        #expect(msg.contains("not a zip archive, or truncated"))
        try expectIntact(dir)
    }

    /// A zip whose central directory is intact but whose last entries' data is missing.
    @Test func zipMissingEntryData() throws {
        let (dir, importer) = try baseline()
        defer { TestEnvironment.remove(dir) }
        let src = SharedCorpus.path("corpora/osv-dumps/Go/all.zip")
        let zip = try ZipArchive(path: src)
        let last = try #require(zip.entries.last)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: src)))
        // Zero the last entry's local header: its data can no longer be found.
        for i in 0..<30 { bytes[Int(last.localHeaderOffset) + i] = 0 }
        let bad = dir + "/go.zip"
        try Data(bytes).write(to: URL(fileURLWithPath: bad))
        let msg = message { _ = try importer.run([try AdvisorySource.resolve(bad)]) }
        #expect(msg.contains("entry \(last.name): local header is damaged"))
        try expectIntact(dir)
    }

    @Test func invalidRecordAbortsByDefault() throws {
        let (dir, importer) = try baseline()
        defer { TestEnvironment.remove(dir) }
        let msg = message { _ = try importer.run([try AdvisorySource.resolve(Self.invalid)]) }
        #expect(msg.contains(Self.invalid + "/TEST-NOID.json"))
        #expect(msg.contains("'id': required field missing"))
        #expect(msg.contains("the previous database is unchanged"))
        try expectIntact(dir)
    }

    @Test func skipInvalidImportsTheRestAndListsEveryBadRecord() throws {
        let (dir, importer) = try baseline()
        defer { TestEnvironment.remove(dir) }
        let mixed = dir + "/mixed"
        try FileManager.default.createDirectory(atPath: mixed, withIntermediateDirectories: true)
        for f in ["truncated.json", "TEST-TWOKEYS-1.json", "TEST-NOID.json"] {
            try FileManager.default.copyItem(atPath: Self.invalid + "/" + f, toPath: mixed + "/" + f)
        }
        try FileManager.default.copyItem(atPath: Self.edge + "/TEST-LAST-1.json", toPath: mixed + "/good.json")
        let r = try importer.run([try AdvisorySource.resolve(mixed)], options: AdvisoryImportOptions(skipInvalid: true))
        #expect(r.sources.first?.records == 1)
        #expect(r.invalid.count == 3)
        let byFile = Dictionary(uniqueKeysWithValues: r.invalid.map { (($0.location as NSString).lastPathComponent, $0.message) })
        #expect(byFile["TEST-NOID.json"] == "'id': required field missing")
        #expect(byFile["TEST-TWOKEYS-1.json"]?.hasPrefix("'affected[0].ranges[0].events[0]': an event needs exactly one of") == true)
        #expect(byFile["truncated.json"]?.hasPrefix("not valid JSON") == true)
        #expect(try status(dir).sources.first { $0.name == "folder:" + mixed }?.skipped == 3)
    }

    @Test func unknownEcosystemsAreKeptAndReported() throws {
        let (dir, importer) = try baseline()
        defer { TestEnvironment.remove(dir) }
        let r = try importer.run([try AdvisorySource.resolve(Self.edge)])
        #expect(r.unknownEcosystems == ["FooBarOS": 1])
        #expect(r.sources.first?.replaced == 12, "importing a source again replaces it")
        #expect(r.totalRecords == 12)
        let db = try AdvisoryDatabase.open(dataDirectory: DataDirectory(path: dir))
        let m = try db.matches(for: [PackageRef(ecosystem: Ecosystem("FooBarOS:3"), name: "thing", version: "1.0-r1", file: "x")])
        #expect(m.first?.vulnerabilities.map(\.id) == ["TEST-UNKNOWN-1"])
        let eco = try db.status().ecosystems.first { $0.ecosystem == "FooBarOS" }
        #expect(eco?.versionOrderKnown == false)
    }

    @Test func versionsNoComparatorUnderstands() throws {
        let (dir, _) = try baseline()
        defer { TestEnvironment.remove(dir) }
        let db = try AdvisoryDatabase.open(dataDirectory: DataDirectory(path: dir))
        let m = try db.matches(for: [
            PackageRef(ecosystem: .npm, name: "pkg-b", version: "^1.2.0", file: "package.json"),
            PackageRef(ecosystem: .pypi, name: "multi-pkg", version: "1.0 final", file: "requirements.txt"),
        ])
        #expect(m.map(\.isVulnerable) == [false, false])
        #expect(m[0].unmatchedReason == "'^1.2.0' is not a valid npm version: expected a number (after an optional 'v')")
        #expect(m[0].unevaluatedAdvisories == ["TEST-ALIAS-A", "TEST-ALIAS-B", "TEST-ALIAS-C"])
        #expect(m[1].unmatchedReason == "'1.0 final' is not a valid PyPI version: contains whitespace")
    }

    @Test func pathsThatAreNotSources() throws {
        #expect(message { _ = try AdvisorySource.resolve("/no/such/place") } == "/no/such/place: no such file or folder")
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-osv-src")
        defer { TestEnvironment.remove(dir) }
        try Data("hello".utf8).write(to: URL(fileURLWithPath: dir + "/notes.txt"))
        #expect(message { _ = try AdvisorySource.resolve(dir + "/notes.txt") }.contains("not an OSV source"))
        #expect(message { _ = try AdvisoryDatabase.open(dataDirectory: DataDirectory(path: dir)) }.contains("no advisory database at"))
    }
}
