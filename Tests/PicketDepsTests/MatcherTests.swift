import Foundation
import PicketCore
import Testing
@testable import PicketDeps

/// The matcher on hand-written records (`Fixtures/osv/edge`), one OSV rule per test.
@Suite("OSV matching rules")
struct MatcherTests {
    static let records: [OSVRecord] = {
        let dir = SharedCorpus.fixtures + "/osv/edge"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return files.sorted().compactMap { f in
            FileManager.default.contents(atPath: dir + "/" + f).flatMap { try? OSVRecord.decode($0) }
        }
    }()

    func match(_ eco: Ecosystem, _ name: String, _ version: String?) -> PackageMatch {
        VulnerabilityMatcher().match(PackageRef(ecosystem: eco, name: name, version: version, file: "lock"), candidates: Self.records)
    }

    func ids(_ m: PackageMatch) -> [String] { m.vulnerabilities.flatMap(\.recordIDs).sorted() }

    @Test func fixturesLoad() { #expect(Self.records.count == 12) }

    @Test func lastAffectedIsInclusiveAndLimitBounds() {
        #expect(ids(match(.npm, "pkg-a", "0.9.0")) == ["TEST-LIMIT-1"])
        #expect(ids(match(.npm, "pkg-a", "1.2.0")) == ["TEST-LAST-1", "TEST-LIMIT-1"])
        #expect(ids(match(.npm, "pkg-a", "1.2.1")) == ["TEST-LIMIT-1"])
        // At the limit and above: outside; the withdrawn record (introduced 0, no fix) never matches.
        #expect(ids(match(.npm, "pkg-a", "2.0.0")) == [])
        #expect(ids(match(.npm, "pkg-a", "9.9.9")) == [])
    }

    @Test func severalAffectedEntriesAndGitRangesSkipped() {
        // The second entry lists a GIT range before its ECOSYSTEM range; names match after PEP 503 folding.
        #expect(ids(match(.pypi, "multi-pkg", "1.3")) == ["TEST-MULTI-1"])
        #expect(ids(match(.pypi, "Multi.Pkg", "1.4")) == [])
        #expect(ids(match(.pypi, "MULTI_PKG", "2.2.9")) == ["TEST-MULTI-1"])
        #expect(ids(match(.pypi, "multi-pkg", "2.3")) == [])
        let m = match(.pypi, "multi-pkg", "2.0")
        #expect(m.vulnerabilities.first?.fixedVersions == ["2.3"])
        #expect(m.recommendedVersion == "2.3")
        #expect(m.warnings.isEmpty)
    }

    @Test func eventsAreSortedBeforeEvaluation() {
        #expect(ids(match(.pypi, "unsorted", "1.0")) == ["TEST-UNSORTED-1"])
        #expect(ids(match(.pypi, "unsorted", "1.5")) == [])
        #expect(ids(match(.pypi, "unsorted", "2.5")) == ["TEST-UNSORTED-1"])
        #expect(ids(match(.pypi, "unsorted", "3.0")) == [])
        #expect(match(.pypi, "unsorted", "1.0").recommendedVersion == "1.5")
        #expect(match(.pypi, "unsorted", "2.1").recommendedVersion == "3.0")
    }

    @Test func aliasesGroupTransitively() throws {
        let m = match(.npm, "pkg-b", "1.0.0")
        try #require(m.vulnerabilities.count == 1)
        let v = m.vulnerabilities[0]
        #expect(v.recordIDs == ["TEST-ALIAS-A", "TEST-ALIAS-B", "TEST-ALIAS-C"])
        #expect(v.id == "TEST-ALIAS-A")
        #expect(v.aliases == ["TEST-ALIAS-B", "TEST-ALIAS-C", "X-1", "Y-1"])
        // CVSS wins over the database's word: 5.3 → medium.
        #expect(v.severity == .medium)
        #expect(v.severitySource == "CVSS 3.1")
        #expect(v.cvssScore == 5.3)
        #expect(v.fixedVersions == ["2.2.0"], "2.0.0 and 2.1.0 are still affected by other records of the group")
        #expect(v.references.count == 3)
        #expect(m.recommendedVersion == "2.2.0")
        // Past the first fix only B and C remain, still one vulnerability.
        #expect(match(.npm, "pkg-b", "2.0.5").vulnerabilities.map(\.recordIDs) == [["TEST-ALIAS-B", "TEST-ALIAS-C"]])
    }

    @Test func recommendationAvoidsOtherAdvisoriesAndPrefersReleases() {
        let m = match(.npm, "pkg-c", "1.2.0")
        #expect(ids(m) == ["TEST-REC-A"])
        #expect(m.vulnerabilities.first?.fixedVersions == ["1.5.0"], "the fixes its own record names")
        #expect(m.recommendedVersion == "1.8.0", "1.5.0 is in TEST-REC-B's range; 1.7.0-rc.1 is a pre-release")
        #expect(match(.npm, "pkg-c", "1.2.0-beta.1").recommendedVersion == "1.7.0-rc.1")
        #expect(match(.npm, "pkg-c", "1.6.0").recommendedVersion == "1.8.0")
        #expect(match(.npm, "pkg-c", "1.8.0").vulnerabilities.isEmpty)
    }

    @Test func unparseableVersionsAreReportedNotMatched() {
        let bad = match(.npm, "pkg-a", "latest")
        #expect(bad.vulnerabilities.isEmpty)
        #expect(bad.unmatchedReason?.contains("'latest' is not a valid npm version") == true)
        #expect(bad.unevaluatedAdvisories == ["TEST-LAST-1", "TEST-LIMIT-1"])
        let none = match(.npm, "pkg-a", nil)
        #expect(none.unmatchedReason?.hasPrefix("no exact version") == true)
        // A package nothing names: nothing to report.
        #expect(match(.npm, "unknown-pkg", "latest").unmatchedReason == nil)
    }

    @Test func badAdvisoryEventsBecomeWarnings() {
        let m = match(.pypi, "pkg-d", "1.0")
        #expect(m.vulnerabilities.isEmpty)
        #expect(m.unevaluatedAdvisories == ["TEST-BADEVENT-1"])
        #expect(m.warnings.count == 1)
        #expect(m.warnings.first?.contains("'two point oh' is not a valid PyPI version") == true)
    }

    @Test func unknownEcosystemsUseVersionListsOnly() {
        let listed = match(Ecosystem("FooBarOS:3"), "thing", "1.0-r1")
        #expect(ids(listed) == ["TEST-UNKNOWN-1"])
        let other = match(Ecosystem("FooBarOS:3"), "thing", "1.5-r0")
        #expect(other.vulnerabilities.isEmpty)
        #expect(other.unmatchedReason == "Picket has no version order for ecosystem 'FooBarOS:3'")
        #expect(other.unevaluatedAdvisories == ["TEST-UNKNOWN-1"])
        // A different release suffix is a different ecosystem.
        #expect(match(Ecosystem("FooBarOS:4"), "thing", "1.0-r1").vulnerabilities.isEmpty)
    }

    @Test func legacyPythonVersionsAreNotEvaluated() {
        let m = match(.pypi, "unsorted", "1.0-foo-bar")
        #expect(m.vulnerabilities.isEmpty)
        #expect(m.unmatchedReason?.contains("not a PEP 440 version") == true)
    }
}
