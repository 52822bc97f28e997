import Foundation
import Testing
@testable import PicketCode
import PicketCore

/// Engines that are missing, wrong, crashing or hanging: every case is a clear error on the scan, the scan is
/// marked failed (never clean), and the other scanners' results are kept.
@Suite struct SASTFaultTests {
    static let repoFiles = [
        "a.py": "import os\nos.system(x)\n",
        ".gitlab-ci.yml": "build:\n  image: alpine:latest\n  script: [make]\n",
    ]

    /// Runs SAST (with the given environment) next to the pipeline scanner through `ScanRunner`.
    func run(_ env: [String: String], required: Bool = true, repo: TempRepo? = nil, config: String? = nil) async throws -> ScanReport {
        let repo = try repo ?? TempRepo(Self.repoFiles)
        let sast = SASTScanner(locator: TestSupport.locator(env), required: required, picketRuleFolders: [TestSupport.fixture("sast/rules")])
        let target = try await TestSupport.target(repo.path, config: config)
        return await ScanRunner(scanners: [PipelineScanner(), sast], policy: FindingPolicy(config: target.config))
            .run(target, context: TestSupport.context())
    }

    func sastRun(_ r: ScanReport) -> ScannerRun? { r.scanners.first { $0.id == "sast" } }

    func expectFailed(_ r: ScanReport, mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let run = sastRun(r)
        #expect(run?.status == .failed, sourceLocation: sourceLocation)
        #expect(r.hasScannerFailure, sourceLocation: sourceLocation)
        #expect(run?.error?.contains(text) == true, "\(run?.error ?? "no error")", sourceLocation: sourceLocation)
        #expect(r.diagnostics.contains { $0.level == .error && $0.scanner == "sast" && $0.message.contains(text) }, sourceLocation: sourceLocation)
        // The pipeline scanner's result survives.
        #expect(r.findings.contains { $0.kind == .pipeline && $0.ruleID == "picket.pipeline.image-unpinned" }, sourceLocation: sourceLocation)
        #expect(r.scanners.first { $0.id == "pipeline" }?.status == .ok, sourceLocation: sourceLocation)
    }

    @Test func missingEngineFailsWhenRequested() async throws {
        let r = try await run([:], required: true)
        expectFailed(r, mentioning: "semgrep is not installed")
        #expect(sastRun(r)?.error?.contains("scripts/python-venv.sh") == true)
    }

    @Test func missingEngineWarnsWhenByDefault() async throws {
        let r = try await run([:], required: false)
        #expect(sastRun(r)?.status == .ok)
        #expect(sastRun(r)?.stats["skipped"] == 1)
        #expect(r.diagnostics.contains { $0.level == .warning && $0.message.contains("SAST skipped") && $0.message.contains("make engines") })
    }

    @Test func overrideNamingNothingIsAnError() async throws {
        let r = try await run(["PICKET_SEMGREP": "/nonexistent/semgrep"], required: false)
        #expect(r.diagnostics.contains { $0.message.contains("PICKET_SEMGREP names /nonexistent/semgrep") })
    }

    @Test func crashingEngineFailsTheScan() async throws {
        let repo = try TempRepo(Self.repoFiles)
        let fake = try repo.script("fake/semgrep", "echo 'Segmentation fault in parser' >&2\nexit 139")
        let r = try await run(["PICKET_SEMGREP": fake], repo: repo)
        expectFailed(r, mentioning: "crashed with status 139 (signal 11)")
        #expect(sastRun(r)?.error?.contains("Segmentation fault in parser") == true)
    }

    @Test func engineKilledBySignalFailsTheScan() async throws {
        let repo = try TempRepo(Self.repoFiles)
        let fake = try repo.script("fake/semgrep", "kill -SEGV $$")
        let r = try await run(["PICKET_SEMGREP": fake], repo: repo)
        expectFailed(r, mentioning: "crashed")
    }

    @Test func wrongVersionFailsTheScan() async throws {
        let repo = try TempRepo(Self.repoFiles)
        let fake = try repo.script("fake/semgrep", #"echo '{"version": "0.42.0", "results": [], "errors": []}'"#)
        let r = try await run(["PICKET_SEMGREP": fake], repo: repo)
        expectFailed(r, mentioning: "semgrep 0.42.0")
        #expect(sastRun(r)?.error?.contains("not supported") == true)
    }

    @Test func oldEngineWithoutJSONIsAWrongVersion() async throws {
        let repo = try TempRepo(Self.repoFiles)
        let fake = try repo.script("fake/semgrep", "echo 'semgrep 0.12.1: unknown option --metrics' >&2\nexit 2")
        let r = try await run(["PICKET_SEMGREP": fake], repo: repo)
        expectFailed(r, mentioning: "0.12.1")
    }

    @Test func garbageOutputFailsTheScan() async throws {
        let repo = try TempRepo(Self.repoFiles)
        let fake = try repo.script("fake/semgrep", "echo 'not json at all'\nexit 0")
        let r = try await run(["PICKET_SEMGREP": fake], repo: repo)
        expectFailed(r, mentioning: "without readable JSON")
    }

    @Test func fatalEngineErrorFailsTheScan() async throws {
        let repo = try TempRepo(Self.repoFiles)
        let fake = try repo.script("fake/semgrep", #"echo '{"version":"1.185.0","results":[],"errors":[{"code":7,"level":"error","type":"MissingConfig","message":"no rules"}]}'; exit 7"#)
        let r = try await run(["PICKET_SEMGREP": fake], repo: repo)
        expectFailed(r, mentioning: "MissingConfig")
    }

    @Test func hangingEngineIsKilledWithItsChildren() async throws {
        let repo = try TempRepo(Self.repoFiles)
        let pidFile = repo.path + "/child.pid"
        // The engine forks a worker and both hang; the wall-clock limit must kill the whole process group.
        let fake = try repo.script("fake/semgrep", "sleep 300 &\necho $! > \(pidFile)\nwait")
        let started = ContinuousClock.now
        let r = try await run(["PICKET_SEMGREP": fake], repo: repo, config: "sast:\n  timeout: 2\n")
        #expect(ContinuousClock.now - started < .seconds(60))
        expectFailed(r, mentioning: "wall-clock limit of 2 s")
        let pid = try #require(Int32(String(decoding: FileManager.default.contents(atPath: pidFile) ?? Data(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        try await Task.sleep(for: .milliseconds(200))
        #expect(!Self.alive(pid), "the engine's child process survived the timeout")
    }

    /// Running or sleeping; a killed process waiting to be reaped (zombie) or gone is not.
    static func alive(_ pid: Int32) -> Bool {
        guard let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return false }
        let text = String(decoding: stat, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return false }
        let state = text[text.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z" && state != "X"
    }

    @Test func engineRunsIsolatedAndOffline() async throws {
        // A fake engine that records its environment and arguments, then answers with valid empty JSON.
        let repo = try TempRepo(Self.repoFiles)
        let log = repo.path + "/engine.log"
        let fake = try repo.script("fake/semgrep", """
        env > \(log).env
        for a in "$@"; do echo "$a"; done > \(log).args
        ulimit -v > \(log).ulimit
        pwd > \(log).pwd
        echo '{"version":"1.185.0","results":[],"errors":[]}'
        """)
        setenv("PICKET_TEST_SECRET_SHOULD_NOT_LEAK", "x", 1)
        let r = try await run(["PICKET_SEMGREP": fake], repo: repo)
        #expect(sastRun(r)?.status == .ok)
        let env = String(decoding: FileManager.default.contents(atPath: log + ".env") ?? Data(), as: UTF8.self)
        let args = String(decoding: FileManager.default.contents(atPath: log + ".args") ?? Data(), as: UTF8.self).split(separator: "\n").map(String.init)
        let ulimit = String(decoding: FileManager.default.contents(atPath: log + ".ulimit") ?? Data(), as: UTF8.self)
        let pwd = String(decoding: FileManager.default.contents(atPath: log + ".pwd") ?? Data(), as: UTF8.self)
        #expect(!env.contains("PICKET_TEST_SECRET_SHOULD_NOT_LEAK"))
        #expect(env.contains("SEMGREP_SEND_METRICS=off"))
        #expect(env.split(separator: "\n").contains { $0.hasPrefix("HOME=") && $0.contains("picket-semgrep-") })
        #expect(env.split(separator: "\n").contains { $0.hasPrefix("XDG_CONFIG_HOME=") })
        #expect(args.contains("--metrics=off") && args.contains("--disable-version-check") && args.contains("--json"))
        #expect(args.contains("--max-memory") && args.contains("--timeout") && args.contains("--max-target-bytes"))
        let configs = args.enumerated().filter { $0.element == "--config" }.map { args[$0.offset + 1] }
        #expect(configs == [TestSupport.fixture("sast/rules")])
        #expect(!args.contains { $0.hasPrefix("p/") || $0 == "auto" || $0.hasPrefix("http") })
        #expect(args.last == "a.py")
        #expect(Int(ulimit.trimmingCharacters(in: .whitespacesAndNewlines)) == (4096 << 10) + (3 << 20))
        #expect(pwd.trimmingCharacters(in: .whitespacesAndNewlines) == repo.path)
    }

    @Test func opengrepFromItsVariable() async throws {
        // Opengrep speaks Semgrep's CLI; a wrapper named opengrep that runs the pinned semgrep stands in for it.
        let repo = try TempRepo(Self.repoFiles)
        let semgrep = try TestSupport.venvTool("semgrep")
        let wrapper = try repo.script("tools/opengrep", "exec \"\(semgrep)\" \"$@\"")
        let sast = SASTScanner(locator: TestSupport.locator(["PICKET_OPENGREP": wrapper]), required: true,
                               picketRuleFolders: [TestSupport.fixture("sast/rules")])
        let target = try await TestSupport.target(repo.path, config: "sast:\n  engine: opengrep\n")
        let out = try await sast.scan(target, context: TestSupport.context())
        #expect(out.findings.map(\.ruleID) == ["picket.test.python.os-system"])
        #expect(out.findings.first?.code?.engine == "opengrep")

        // Without PICKET_OPENGREP, asking for opengrep fails and says how to get it.
        let none = SASTScanner(locator: TestSupport.locator(["PICKET_SEMGREP": semgrep]), required: true,
                               picketRuleFolders: [TestSupport.fixture("sast/rules")])
        await #expect(throws: ScannerFailure.self) { _ = try await none.scan(target, context: TestSupport.context()) }
    }
}
