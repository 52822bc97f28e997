import Foundation
import PicketCore
import PicketTestSupport
import Testing
@testable import PicketDeps

/// The advisory database on the real OSV corpus (`shared/corpora/osv` folders and `osv-dumps` zips).
@Suite("Advisory database (real data)", .serialized)
struct AdvisoryDatabaseTests {
    static let corpus = SharedCorpus.path("corpora/osv")
    static let dumps = ["PyPI", "Go", "crates.io"].map { SharedCorpus.path("corpora/osv-dumps/\($0)/all.zip") }

    /// One database with everything, built once for the read-only tests of this suite.
    static let shared: (dir: String, db: AdvisoryDatabase, report: AdvisoryImportReport)? = {
        guard let dir = try? TestEnvironment.makeTemporaryDirectory("picket-osv") else { return nil }
        let importer = AdvisoryImporter(dataDirectory: DataDirectory(path: dir))
        guard let sources = try? ([corpus] + dumps).map(AdvisorySource.resolve),
              let report = try? importer.run(sources),
              let db = try? AdvisoryDatabase.open(dataDirectory: DataDirectory(path: dir)) else { return nil }
        return (dir, db, report)
    }()

    func database() throws -> AdvisoryDatabase { try #require(Self.shared?.db, "importing the corpus failed") }

    func lookup(_ eco: String, _ name: String, _ version: String) throws -> PackageMatch {
        let m = try database().matches(for: [PackageRef(ecosystem: Ecosystem(eco), name: name, version: version, file: "lock")])
        return try #require(m.first)
    }

    @Test func importsFoldersAndDumps() throws {
        let report = try #require(Self.shared?.report)
        #expect(report.sources.map(\.kind) == [.folder, .dump, .dump, .dump])
        #expect(report.sources.map(\.records) == [8158, 2661, 4291, 1206])
        #expect(report.sources.map(\.withdrawn) == [40, 10, 17, 13])
        #expect(report.totalRecords == 8158, "the dumps hold the same records as the folders")
        #expect(report.duplicateIDs.count == 8158)
        #expect(report.invalid.isEmpty)
        #expect(report.unknownEcosystems.isEmpty)
        let status = try database().status()
        #expect(status.records == 8158)
        #expect(status.withdrawn == 40)
        let byEco = Dictionary(uniqueKeysWithValues: status.ecosystems.map { ($0.ecosystem, $0.records) })
        #expect(byEco == ["Go": 4291, "PyPI": 2661, "crates.io": 1206])
        // The dumps imported last now own every record.
        let bySource = Dictionary(uniqueKeysWithValues: status.sources.map { ($0.name, $0.records) })
        #expect(bySource == ["folder:" + Self.corpus: 0, "dump:PyPI": 2661, "dump:Go": 4291, "dump:crates.io": 1206])
        #expect(status.sources.first { $0.name == "dump:crates.io" }?.newestModified == "2026-08-21T06:28:40Z")
    }

    @Test func pysec2007_1() throws {
        let m = try lookup("PyPI", "Django", "1.0.2")
        let v = try #require(m.vulnerabilities.first { $0.recordIDs.contains("PYSEC-2007-1") })
        #expect(v.id == "PYSEC-2007-1")
        #expect(v.aliases == ["CVE-2007-5712"])
        #expect(v.fixedVersions == ["1.1"])
        #expect(m.recommendedVersion != nil)
        #expect(try !lookup("PyPI", "django", "1.1").vulnerabilities.contains { $0.recordIDs.contains("PYSEC-2007-1") })
    }

    @Test func go2020_0001() throws {
        let m = try lookup("Go", "github.com/gin-gonic/gin", "v1.5.0")
        let v = try #require(m.vulnerabilities.first { $0.recordIDs.contains("GO-2020-0001") })
        #expect(v.aliases == ["CVE-2020-36567", "GHSA-6vm3-jj99-7229"])
        #expect(v.fixedVersions == ["1.6.0"])
        #expect(v.severity == nil, "Go records carry no severity")
        #expect(try !lookup("Go", "github.com/gin-gonic/gin", "v1.6.0").vulnerabilities.contains { $0.recordIDs.contains("GO-2020-0001") })
    }

    @Test func rustsecWithCVSS() throws {
        let m = try lookup("crates.io", "cookie", "0.7.5")
        let v = try #require(m.vulnerabilities.first { $0.recordIDs.contains("RUSTSEC-2017-0005") })
        #expect(v.severity == .high)
        #expect(v.cvssScore == 7.5)
        #expect(v.severitySource == "CVSS 3.0")
        #expect(v.fixedVersions == ["0.7.6"])
        let older = try lookup("crates.io", "cookie", "0.6.1")
        #expect(older.vulnerabilities.first { $0.recordIDs.contains("RUSTSEC-2017-0005") }?.fixedVersions == ["0.6.2", "0.7.6"])
        let v4 = try lookup("crates.io", "cap-primitives", "3.4.0").vulnerabilities.first { $0.recordIDs.contains("RUSTSEC-2024-0445") }
        #expect(v4?.severitySource == "CVSS 4.0")
        #expect(v4?.severity != nil)
    }

    @Test func aliasGroupsOnRealData() throws {
        let m = try lookup("PyPI", "distributed", "2021.9.1")
        let v = try #require(m.vulnerabilities.first { $0.recordIDs.contains("PYSEC-2021-871") })
        #expect(v.recordIDs == ["PYSEC-2021-871", "PYSEC-2021-872"])
        #expect(v.aliases == ["CVE-2021-42343", "GHSA-hwqr-f3v9-hwxr", "GHSA-j8fq-86c5-5v2r", "PYSEC-2021-872"])
    }

    @Test func withdrawnRecordsNeverMatch() throws {
        // RUSTSEC-2020-0053 (withdrawn) affects every version of `dirs`.
        let m = try lookup("crates.io", "dirs", "1.0.0")
        #expect(!m.vulnerabilities.contains { $0.recordIDs.contains("RUSTSEC-2020-0053") })
        #expect(try database().record(id: "RUSTSEC-2020-0053")?.isWithdrawn == true)
    }

    /// PYSEC records carry both ranges and the explicit version list osv.dev expanded from them: every listed
    /// version must fall in the ranges by our PEP 440 order.
    @Test func pysecRangesAgreeWithTheirVersionLists() throws {
        let dir = Self.corpus + "/PyPI"
        var checked = 0
        var disagreements: [String] = []
        let scheme = try #require(VersionSchemes.scheme(for: "PyPI"))
        for file in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() {
            let record = try OSVRecord.decode(try #require(FileManager.default.contents(atPath: dir + "/" + file)))
            for entry in record.affected {
                let ranges = try entry.ranges.filter { $0.type == "ECOSYSTEM" }.map { try AffectedEvaluator.CompiledRange($0, scheme: scheme) }
                guard !ranges.isEmpty else { continue }
                for listed in entry.versions {
                    guard let v = try? scheme.parse(listed), v.nonStandardReason == nil else { continue }
                    checked += 1
                    let inside = ranges.contains { $0.contains(v) }
                    if !inside { disagreements.append("\(record.id): \(listed)") }
                }
            }
        }
        print("PYSEC version lists vs ranges: \(checked - disagreements.count) of \(checked) listed versions inside the ranges")
        #expect(checked > 100_000)
        // Where the data contradicts the schema's algorithm (the version list wins for matching anyway):
        // PYSEC-2021-114 has overlapping intervals in one range (fixed 2.11.6 inside [2.11, 2.11.7));
        // PYSEC-2023-177 lists its own fixed version; PYSEC-2023-61 lists pre-releases below `introduced: 3.2`.
        #expect(disagreements == ["PYSEC-2021-114: 2.11.6", "PYSEC-2023-177: 23.9.0", "PYSEC-2023-177: 23.9.0.post1",
                                  "PYSEC-2023-61: 3.2a1", "PYSEC-2023-61: 3.2b1", "PYSEC-2023-61: 3.2rc1",
                                  "PYSEC-2023-61: 4.2a1", "PYSEC-2023-61: 4.2b1", "PYSEC-2023-61: 4.2rc1"])
    }

    /// For every package of the corpus at every version its advisories name, the recommended upgrade is
    /// affected by none of them.
    @Test func recommendedVersionsAreClean() throws {
        let db = try database()
        var packages: [PackageRef] = []
        for eco in ["PyPI", "Go", "crates.io"] {
            let dir = Self.corpus + "/" + eco
            for file in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() {
                let record = try OSVRecord.decode(try #require(FileManager.default.contents(atPath: dir + "/" + file)))
                for entry in record.affected {
                    guard let p = entry.package else { continue }
                    for range in entry.ranges where range.type != "GIT" {
                        for event in range.events {
                            guard case .introduced(let v) = event, v != "0" else { continue }
                            packages.append(PackageRef(ecosystem: Ecosystem(p.ecosystem), name: p.name, version: v, file: "x"))
                        }
                    }
                }
            }
        }
        // Every seventh lookup keeps the debug-build run short while still covering every ecosystem.
        packages = packages.enumerated().filter { $0.offset % 7 == 0 }.map(\.element)
        let results = try db.matches(for: packages)
        var recommended: [PackageRef] = []
        for m in results where m.isVulnerable {
            if let r = m.recommendedVersion { recommended.append(PackageRef(ecosystem: m.package.ecosystem, name: m.package.name, version: r, file: "x")) }
        }
        let again = try db.matches(for: recommended)
        let dirty = again.filter(\.isVulnerable).map { "\($0.package.name)@\($0.package.version ?? ""): \($0.vulnerabilities.map(\.id))" }
        print("recommendations: \(results.filter(\.isVulnerable).count) vulnerable lookups, \(recommended.count) with an upgrade, \(dirty.count) dirty")
        #expect(recommended.count > 300)
        #expect(dirty.isEmpty, "\(dirty.prefix(10))")
    }

    /// The scan path (workers with their own connections, runs in name order, memoised versions and scores)
    /// answers exactly as matching one package at a time without any of that, in the callers' order.
    @Test func parallelMemoisedMatchingEqualsOneAtATime() async throws {
        let db = try database()
        try await TestEnvironment.offPool { try Self.compareParallelWithOneAtATime(db) }
    }

    static func compareParallelWithOneAtATime(_ db: AdvisoryDatabase) throws {
        var packages: [PackageRef] = []
        for eco in ["PyPI", "Go", "crates.io"] {
            let dir = Self.corpus + "/" + eco
            for (i, file) in try FileManager.default.contentsOfDirectory(atPath: dir).sorted().enumerated() where i % 23 == 0 {
                let record = try OSVRecord.decode(try #require(FileManager.default.contents(atPath: dir + "/" + file)))
                for entry in record.affected {
                    guard let p = entry.package else { continue }
                    for range in entry.ranges where range.type != "GIT" {
                        for event in range.events {
                            packages.append(PackageRef(ecosystem: Ecosystem(p.ecosystem), name: p.name, version: event.version, file: "a"))
                        }
                    }
                }
            }
        }
        // The same packages again from another lockfile, packages no advisory names, versions no scheme parses.
        packages += packages.prefix(100).map { PackageRef(ecosystem: $0.ecosystem, name: $0.name, version: $0.version, file: "b") }
        packages.append(PackageRef(ecosystem: .pypi, name: "no-such-package-anywhere", version: "1.0", file: "c"))
        packages.append(PackageRef(ecosystem: .pypi, name: "django", version: "not a version!", file: "c"))
        packages.shuffle()
        #expect(packages.count > 500)

        let parallel = try db.matches(for: packages)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var differing: [String] = []
        for (p, m) in zip(packages, parallel) {
            let alone = VulnerabilityMatcher().match(p, candidates: try db.records(ecosystem: p.ecosystem.rawValue, name: p.name))
            if try encoder.encode(m) != encoder.encode(alone) { differing.append("\(p.name)@\(p.version ?? "")") }
        }
        #expect(parallel.count == packages.count)
        #expect(differing.isEmpty, "\(differing.prefix(10))")
        // The transforming form hands each match to the caller's function, in the same order.
        let ids = try db.matches(for: packages) { m in "\(m.package.file)|\(m.package.name)|\(m.vulnerabilities.map(\.id))" }
        #expect(ids == parallel.map { "\($0.package.file)|\($0.package.name)|\($0.vulnerabilities.map(\.id))" })
    }
}
