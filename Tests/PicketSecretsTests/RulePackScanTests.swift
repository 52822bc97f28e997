import Foundation
import PicketCore
import Testing
@testable import PicketSecrets

/// The rule pack through the same path as `picket scan`: every example written to its own file in a temporary
/// folder, the folder walked and scanned by `SecretScanner` under `ScanRunner`, findings read from the report.
@Suite struct RulePackScanTests {
    @Test func examplesThroughTheScanner() async throws {
        let set = try SecretRuleSet.builtIn()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("picket-rulepack-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        var expected: [String: String] = [:]   // path -> rule that must be found there
        var forbidden: [String: String] = [:]  // path -> rule that must not be found there
        for rule in set.rules {
            for (i, text) in rule.examples.positive.enumerated() {
                let path = "positive/\(rule.id)-\(i + 1).txt"
                try write(text, to: root + "/" + path)
                expected[path] = rule.id
            }
            for (i, text) in rule.examples.negative.enumerated() {
                let path = "negative/\(rule.id)-\(i + 1).txt"
                try write(text, to: root + "/" + path)
                forbidden[path] = rule.id
            }
        }
        let config = PicketConfig()
        let target = try await ScanRunner.makeTarget(path: root, mode: .workingTree, config: config)
        let context = ScanContext(dataDirectory: DataDirectory(path: root + "-data"))
        defer { try? FileManager.default.removeItem(atPath: root + "-data") }
        let report = await ScanRunner(scanners: [SecretScanner()], policy: FindingPolicy(config: config)).run(target, context: context)
        #expect(report.scanners.allSatisfy { $0.status == .ok }, "\(report.scanners.compactMap(\.error))")

        var foundAt: [String: Set<String>] = [:]
        for f in report.findings where f.suppression == nil {
            for loc in [f.location] + f.additionalLocations { foundAt[loc.path, default: []].insert(f.ruleID) }
        }
        let missed = expected.filter { !(foundAt[$0.key]?.contains($0.value) ?? false) }.map(\.key).sorted()
        let falseHits = forbidden.filter { foundAt[$0.key]?.contains($0.value) ?? false }.map(\.key).sorted()
        #expect(missed.isEmpty, "positive examples the scanner did not report: \(missed)")
        #expect(falseHits.isEmpty, "negative examples the scanner reported: \(falseHits)")
        #expect(expected.count >= 440)
    }

    private func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}
