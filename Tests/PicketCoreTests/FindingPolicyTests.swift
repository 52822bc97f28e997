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

    @Test func baselineFileErrorsNameTheFile() throws {
        let dir = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(dir) }
        try TestEnvironment.write(["b.json": "[1,2]"], under: dir)
        #expect { _ = try Baseline.load(path: dir + "/b.json") } throws: { "\($0)".contains(dir + "/b.json") }
        #expect { _ = try Baseline.load(path: dir + "/missing.json") } throws: { "\($0)".contains("missing.json") }
    }
}
