import Foundation
import PicketCore
import Testing
@testable import PicketSecrets

/// The rule pack on whole files: decoys that look like secrets but are documentation examples, placeholders or
/// code must stay silent, and each snapshot of the demo repository (`samples/demo`) must yield exactly the secrets
/// planted in it.
@Suite struct RulePackSampleTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func scan(_ path: String) async throws -> ScanReport {
        let config = PicketConfig()
        let target = try await ScanRunner.makeTarget(path: path, mode: .workingTree, config: config)
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("picket-sample-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let report = await ScanRunner(scanners: [SecretScanner()], policy: FindingPolicy(config: config))
            .run(target, context: ScanContext(dataDirectory: DataDirectory(path: data)))
        #expect(report.scanners.allSatisfy { $0.status == .ok }, "\(report.scanners.compactMap(\.error))")
        return report
    }

    @Test func decoysYieldNoFinding() async throws {
        let dir = try #require(Bundle.module.url(forResource: "Fixtures/decoys", withExtension: nil))
        let report = try await Self.scan(dir.path)
        let found = report.findings.map { "\($0.location.path):\($0.location.startLine) \($0.ruleID)" }
        #expect(found.isEmpty, "decoys reported: \(found)")
        #expect(report.scanners.first?.stats["files"] ?? 0 >= 9)
    }

    static let demoExpectations: [(step: String, rules: [String: String])] = [
        ("step-1", [".env": "aws-access-key-id aws-secret-access-key postgres-connection-string sendgrid-api-key",
                    "app/config.py": "stripe-secret-key", "Dockerfile": "datadog-api-key"]),
        ("step-2", ["app/notify.py": "slack-webhook-url", "scripts/sync-mirror.sh": "github-pat",
                    "deploy/id_ed25519": "private-key-openssh", "Dockerfile": "datadog-api-key"]),
        ("step-3", ["app/notify.py": "slack-webhook-url", "scripts/sync-mirror.sh": "github-pat", "Dockerfile": "datadog-api-key",
                    ".gitlab-ci.yml": "gitlab-pat-routable", "app/summarize.py": "anthropic-api-key", "web/.npmrc": "npm-access-token"]),
    ]

    @Test(arguments: demoExpectations.map(\.step))
    func demoSnapshotYieldsItsPlantedSecrets(_ step: String) async throws {
        let expected = try #require(Self.demoExpectations.first { $0.step == step }).rules
        let report = try await Self.scan(Self.packageRoot + "/samples/demo/" + step)
        var found: [String: [String]] = [:]
        for f in report.findings { found[f.location.path, default: []].append(f.ruleID) }
        let got = found.mapValues { $0.sorted().joined(separator: " ") }
        #expect(got == expected)
    }
}
