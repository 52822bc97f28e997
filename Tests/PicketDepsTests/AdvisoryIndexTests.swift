import Foundation
import PicketCore
import PicketSQLite
import PicketTestSupport
import Testing
@testable import PicketDeps

/// The package index keeps each record's entries for each package it names, so a scan reads whole records only
/// for the ones that affect a package; databases written before it are upgraded by the next import.
@Suite("Advisory database: package index")
struct AdvisoryIndexTests {
    static let corpus = SharedCorpus.path("corpora/osv/Go")

    static func record(_ json: String) throws -> OSVRecord { try OSVRecord.decode(Data(json.utf8)) }

    @Test func entriesKeepOnlyWhatMatchingReadsPerPackage() throws {
        let r = try Self.record(#"""
        {"id": "X-1", "summary": "long text", "details": "more", "aliases": ["CVE-1"],
         "affected": [
           {"package": {"ecosystem": "PyPI", "name": "Django_Thing"}, "versions": ["1.0"],
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.2"}]}],
            "database_specific": {"severity": "HIGH"}},
           {"package": {"ecosystem": "PyPI", "name": "other"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "2"}, {"last_affected": "3"}]}]},
           {"package": {"ecosystem": "PyPI", "name": "django-thing"}, "ranges": [{"type": "GIT", "repo": "https://code.example/x", "events": [{"introduced": "abc"}, {"limit": "def"}]}]}
         ]}
        """#)
        let entries = MatchIndexEntry.entries(of: r)
        #expect(entries.map(\.name) == ["django-thing", "other"], "keys are normalised, each once, in order")
        let first = try #require(MatchIndexEntry.decode(entries[0].entries))
        #expect(first.id == "X-1")
        #expect(first.affected.count == 2, "both spellings of the package, nothing of the other")
        #expect(first.affected[0].versions == ["1.0"])
        #expect(first.affected[0].ranges[0].events == [.introduced("0"), .fixed("1.2")])
        #expect(first.affected[1].ranges[0].repo == "https://code.example/x")
        #expect(first.affected[1].ranges[0].events == [.introduced("abc"), .limit("def")])
        #expect(first.summary == nil && first.aliases.isEmpty, "text and aliases stay in the whole record")
        let text = String(decoding: entries[1].entries, as: UTF8.self)
        #expect(!text.contains("\n") && !text.contains(" : "), "stored compact")
    }

    /// A database written before the index (schema 1) is refused by scans with what to do, and upgraded by the
    /// next import; matching then answers as before the downgrade.
    @Test func aVersionOneDatabaseIsUpgradedByTheNextImport() throws {
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-osv-v1")
        defer { TestEnvironment.remove(dir) }
        let data = DataDirectory(path: dir)
        _ = try AdvisoryImporter(dataDirectory: data).run([try AdvisorySource.resolve(Self.corpus)])
        let probe = [PackageRef(ecosystem: .go, name: "github.com/gin-gonic/gin", version: "1.6.0", file: "go.mod"),
                     PackageRef(ecosystem: .go, name: "stdlib", version: "1.20.1", file: "go.mod"),
                     PackageRef(ecosystem: .go, name: "golang.org/x/crypto", version: "0.0.0-20200220183623-bac4c82f6975", file: "go.mod")]
        let before = try AdvisoryDatabase.open(dataDirectory: data).matches(for: probe)
        #expect(before.contains { $0.isVulnerable })

        // Back to the old layout: the index without entries, schema version 1.
        let path = AdvisoryStore.path(in: data)
        let conn = try SQLiteConnection(path: path)
        try conn.execute("""
            CREATE TABLE old_packages(ecosystem TEXT NOT NULL, name TEXT NOT NULL, record INTEGER NOT NULL,
                                      PRIMARY KEY (ecosystem, name, record)) WITHOUT ROWID;
            INSERT INTO old_packages SELECT ecosystem, name, record FROM packages;
            DROP TABLE packages;
            ALTER TABLE old_packages RENAME TO packages;
            CREATE INDEX packages_record ON packages(record);
            UPDATE meta SET value = '1' WHERE key = 'schema_version';
            """)
        #expect { _ = try AdvisoryDatabase.open(dataDirectory: data) } throws: {
            $0 is AdvisoryStore.OutdatedSchema && "\($0)".contains("older Picket") && "\($0)".contains("picket db import")
        }
        // A scan names the problem and the fix, not "no database".
        let scanError = DependencyScanner.noDatabaseMessage(path: AdvisoryStore.path(in: data),
                                                            error: AdvisoryStore.OutdatedSchema(path: "x"), packages: probe, lockfiles: 1)
        #expect(scanError.hasPrefix("3 packages in 1 lockfile were not checked for vulnerabilities: advisory database x was written by an older Picket"))

        _ = try AdvisoryImporter(dataDirectory: data).run([])
        let after = try AdvisoryDatabase.open(dataDirectory: data).matches(for: probe)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(after) == encoder.encode(before))
    }
}
