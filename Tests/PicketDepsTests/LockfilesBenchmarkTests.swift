import Foundation
import Testing
import PicketCore
@testable import PicketDeps

/// Parse throughput on generated lockfiles. Runs only when `PICKET_DEPS_BENCH` names a folder (the files are
/// written there so other tools can read the same bytes); `bench/deps/parse-throughput.sh` drives it in a
/// release build and collects the `BENCH` lines. It asserts nothing about speed: figures are not test results.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["PICKET_DEPS_BENCH"] != nil))
struct LockfilesBenchmarkTests {
    static var folder: String { ProcessInfo.processInfo.environment["PICKET_DEPS_BENCH"] ?? "" }
    static let runs = 3

    private func bench(_ name: String, file: String, data: Data, expected: Int) throws {
        let dir = Self.folder + "/" + name
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: dir + "/" + file))
        let files = LockfileFiles(root: dir)
        var best = Duration.seconds(1_000_000)
        for _ in 0..<Self.runs {
            let clock = ContinuousClock()
            var count = 0
            let t = try clock.measure { count = try LockfileRegistry.standard.parse(path: file, files: files).packages.count }
            #expect(count == expected)
            best = min(best, t)
        }
        report(name, bytes: data.count, packages: expected, seconds: best)
    }

    private func report(_ name: String, bytes: Int, packages: Int, seconds: Duration) {
        let s = Double(seconds.components.seconds) + Double(seconds.components.attoseconds) / 1e18
        print(String(format: "BENCH %@ bytes=%d packages=%d seconds=%.3f MB/s=%.1f packages/s=%.0f",
                     name, bytes, packages, s, Double(bytes) / 1e6 / s, Double(packages) / s))
    }

    @Test func packageLock100MB() throws {
        try bench("package-lock-100MB", file: "package-lock.json",
                  data: GeneratedLockfile.packageLock(count: 100_000, padding: 640), expected: 100_000)
    }

    @Test func packageLock100kPackages() throws {
        try bench("package-lock-100k", file: "package-lock.json", data: GeneratedLockfile.packageLock(count: 100_000), expected: 100_000)
    }

    @Test func yarnLock100kPackages() throws {
        try bench("yarn-100k", file: "yarn.lock", data: GeneratedLockfile.yarnLock(count: 100_000), expected: 100_000)
    }

    @Test func pnpmLock100kPackages() throws {
        try bench("pnpm-100k", file: "pnpm-lock.yaml", data: GeneratedLockfile.pnpmLock(count: 100_000), expected: 100_000)
    }

    /// Where the time goes: the document readers alone on the same inputs.
    @Test func readersAlone() throws {
        let json = GeneratedLockfile.packageLock(count: 100_000, padding: 640)
        try stage("stage-JSONParser-100MB", bytes: json.count) { _ = try JSONParser.parse(json) }
        let yaml = GeneratedLockfile.pnpmLock(count: 100_000)
        try stage("stage-YAMLReader-pnpm-100k", bytes: yaml.count) { _ = try YAMLReader.parse(yaml) }
        let text = GeneratedLockfile.yarnLock(count: 100_000)
        try stage("stage-TextLines-yarn-100k", bytes: text.count) { _ = try TextLines.lines(text) }
    }

    private func stage(_ name: String, bytes: Int, _ body: () throws -> Void) throws {
        var best = Duration.seconds(1_000_000)
        for _ in 0..<Self.runs {
            let clock = ContinuousClock()
            best = min(best, try clock.measure(body))
        }
        report(name, bytes: bytes, packages: 0, seconds: best)
    }

    @Test func foundationJSONSerializationBaseline() throws {
        // The same 100 MB document through Foundation, for comparison (no lines, no packages extracted).
        let data = GeneratedLockfile.packageLock(count: 100_000, padding: 640)
        var best = Duration.seconds(1_000_000)
        for _ in 0..<Self.runs {
            let clock = ContinuousClock()
            let t = try clock.measure { _ = try JSONSerialization.jsonObject(with: data) }
            best = min(best, t)
        }
        report("baseline-JSONSerialization-100MB", bytes: data.count, packages: 100_000, seconds: best)
    }
}
