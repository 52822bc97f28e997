import Foundation
import Testing
import PicketTestSupport
@testable import PicketCore

@Suite struct FindingPolicyTests {
    func finding(_ rule: String, _ path: String, _ identity: String = "x", severity: Severity = .high) -> Finding {
        Finding(kind: .secret, ruleID: rule, title: rule, message: "", severity: severity,
                location: Location(path: path, startLine: 3), fingerprint: Fingerprint(kind: .secret, rule: rule, path: path, identity: identity))
    }

    @Test func appliesIgnoresOverridesAndBaseline() throws {
        let f1 = finding("gitlab-pat", "src/a.env")
        let f2 = finding("generic-password", "src/b.py", severity: .medium)
        let f3 = finding("aws-key", "vendor/c.txt")
        let f4 = finding("jwt", "src/d.txt")
        let f5 = finding("slack-token", "src/e.txt")
        var cfg = try PicketConfig.parse(yaml: """
        ignore:
          paths: [vendor]
          rules: [jwt]
          findings:
            - fingerprint: \(f5.fingerprint.value)
              reason: rotated already
        severity:
          generic-*: low
        """, file: ".picket.yml")
        cfg.source = ".picket.yml"
        let policy = FindingPolicy(config: cfg, baseline: Baseline(source: "old.json", fingerprints: [f1.fingerprint.value]))
        let out = policy.apply([f1, f2, f3, f4, f5])
        #expect(out.count == 4, "disabled rule dropped")
        #expect(out.first { $0.ruleID == "gitlab-pat" }?.suppression?.kind == .baseline)
        #expect(out.first { $0.ruleID == "generic-password" }?.severity == .low)
        #expect(out.first { $0.ruleID == "generic-password" }?.suppression == nil)
        #expect(out.first { $0.ruleID == "aws-key" }?.suppression?.reason.contains("'vendor'") == true)
        #expect(out.first { $0.ruleID == "slack-token" }?.suppression?.reason == "rotated already")
    }

    @Test func fingerprintIgnoresLineAndSeparatesParts() {
        var a = finding("r", "p")
        a.location.startLine = 99
        #expect(a.fingerprint == finding("r", "p").fingerprint)
        #expect(Fingerprint(kind: .secret, rule: "a|b", path: "c", identity: "") != Fingerprint(kind: .secret, rule: "a", path: "b|c", identity: ""))
    }

    /// Fingerprints are stored in databases, baselines and `.picket.yml`: their value may never drift. Expected
    /// values computed independently: SHA-256 of the parts (U+001F doubled inside) joined by U+001F "|".
    @Test func fingerprintValuesAreStable() {
        #expect(Fingerprint(kind: .dependency, rule: "GHSA-abcd-efgh-ijkl", path: "web/package-lock.json",
                            identity: "npm|lodash|4.17.20|").value
                == "bea853a3bf102ef1eddf08687bc3beed643065a14bc1f64ce4c33ae5bedf155f")
        #expect(Fingerprint(kind: .secret, rule: "gen\u{1F}ric", path: "é/ü.txt", identity: "x\u{1F}").value
                == "d680d8b8e15251fac9b4394f9adb51edf33a10598e76680615907b0de8528511")
    }

    /// The gate reads findings in place: suppressed ones never count.
    @Test func activeCountAndGateSkipSuppressedFindings() {
        var quiet = finding("r1", "a")
        quiet.severity = .critical
        quiet.suppression = Suppression(kind: .config, reason: "x")
        var loud = finding("r2", "b")
        loud.severity = .medium
        let report = ScanReport(target: TargetInfo(root: "/r", mode: .workingTree, origin: ScanOrigin()), startedAt: Date(),
                                finishedAt: Date(), scanners: [], findings: [quiet, loud], diagnostics: [])
        #expect(report.activeCount == 1)
        #expect(report.hasActiveFinding(atLeast: .medium))
        #expect(!report.hasActiveFinding(atLeast: .high))
    }

    @Test func reportOrderSortsByPathLineRuleAndKeepsSortedInputAsIs() {
        var a = finding("r2", "b.txt"); a.location.startLine = 3
        var b = finding("r1", "b.txt"); b.location.startLine = 3
        var c = finding("r9", "a.txt"); c.location.startLine = 50
        var d = finding("r1", "b.txt"); d.location.startLine = 1
        let sorted = Finding.inReportOrder([a, b, c, d])
        #expect(sorted.map(\.ruleID) == ["r9", "r1", "r1", "r2"])
        #expect(sorted.map(\.location.startLine) == [50, 1, 3, 3])
        #expect(Finding.inReportOrder(sorted) == sorted)
        #expect(Finding.inReportOrder([]).isEmpty)
    }

    @Test func baselineFileErrorsNameTheFile() throws {
        let dir = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(dir) }
        try TestEnvironment.write(["b.json": "[1,2]"], under: dir)
        #expect { _ = try Baseline.load(path: dir + "/b.json") } throws: { "\($0)".contains(dir + "/b.json") }
        #expect { _ = try Baseline.load(path: dir + "/missing.json") } throws: { "\($0)".contains("missing.json") }
    }
}
