import Foundation
import PicketCore
import PicketTestSupport
@testable import PicketSecrets

/// Scans a folder the way the CLI does: config, walker, scanner, policy.
func scanFolder(_ root: String, mode: ScanTarget.Mode = .workingTree, scanner: SecretScanner = SecretScanner(),
                maxFileSize: Int? = nil, reveal: Bool = false, parallelism: Int = 2) async throws -> ScanReport {
    let config = try PicketConfig.load(root: root, explicit: nil)
    let target = try await ScanRunner.makeTarget(path: root, mode: mode, config: config, maxFileSize: maxFileSize)
    let dataDir = try TestEnvironment.makeTemporaryDirectory("picket-data")
    defer { TestEnvironment.remove(dataDir) }
    let context = ScanContext(revealSecrets: reveal, parallelism: parallelism, dataDirectory: DataDirectory(path: dataDir))
    return await ScanRunner(scanners: [scanner], policy: FindingPolicy(config: config)).run(target, context: context)
}

/// Fake but well-formed tokens for tests (checksums computed, never real).
enum Samples {
    static let gitlabPAT = "glpat-3Fq9vR2xKp7LmN4tYw8Z"
    static let githubPAT = "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"
}
