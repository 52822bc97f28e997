import Foundation
import PicketCore
import PicketTestSupport
import Testing

/// The dashboard in a real browser: `gitlab-sim` and `picket serve` run as subprocesses on 127.0.0.1 ephemeral
/// ports, and headless Chromium (Selenium, JavaScript off) walks the first run. Screenshots land in
/// `.build/test-artifacts/browser/`.
@Suite("Dashboard in a real browser", .serialized)
struct BrowserTests {
    /// Waits until `process`'s output contains `marker`, returning the output.
    static func waitForOutput(_ process: BackgroundProcess, _ marker: String, timeout: Duration = .seconds(60)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let out = process.output
            if out.contains(marker) { return out }
            guard process.process.isRunning else { throw HarnessError("process exited early:\n\(out)") }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw HarnessError("no '\(marker)' within \(timeout):\n\(process.output)")
    }

    static func value(after prefix: String, in text: String) -> String? {
        guard let r = text.range(of: prefix) else { return nil }
        let rest = text[r.upperBound...]
        return String(rest.prefix { !$0.isWhitespace && $0 != ")" })
    }

    @Test("first run in headless Chromium: one-time password, wizard, first scan, ignore a finding")
    func firstRun() async throws {
        let root = TestEnvironment.packageRoot
        let python = root + "/.venv/bin/python"
        #expect(FileManager.default.isExecutableFile(atPath: python), "run scripts/python-venv.sh (make test does)")
        #expect(FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "install chromium (scripts/install-deps.sh test)")
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-browser")
        defer { TestEnvironment.remove(dir) }
        let sim = try BackgroundProcess(TestEnvironment.productsDirectory + "/gitlab-sim",
                                        ["--world", root + "/samples/gitlab-world/world.yml", "--port", "0", "--state-dir", dir + "/sim"])
        defer { sim.stop() }
        let simOut = try await Self.waitForOutput(sim, "http://127.0.0.1:")
        let simURL = try #require(Self.value(after: "http://127.0.0.1:", in: simOut).map { "http://127.0.0.1:" + $0 })
        let picket = try BackgroundProcess(TestEnvironment.picketBinary,
                                           ["serve", "--port", "0", "--data-dir", dir + "/data", "--workers", "2", "--log-level", "info"])
        defer { picket.stop() }
        let out = try await Self.waitForOutput(picket, "Picket is listening on ")
        let url = try #require(Self.value(after: "Picket is listening on ", in: out))
        let password = try #require(Self.value(after: "One-time password:   ", in: out))
        let artifacts = root + "/.build/test-artifacts/browser"
        try? FileManager.default.removeItem(atPath: artifacts)
        let r = try await ProcessRunner(python, [root + "/Tests/PicketServerTests/Fixtures/browser_walk.py", "--picket", url, "--gitlab", simURL,
                                                 "--password", password, "--token", "glpat-SimPicketServiceTok01", "--artifacts", artifacts],
                                        timeout: .seconds(600)).run()
        #expect(r.status == 0, "\(r.stdoutText)\n\(r.stderrText)\n--- picket ---\n\(picket.output.suffix(4000))")
        #expect(r.stdoutText.contains("browser walk passed"))
        let shots = (try? FileManager.default.contentsOfDirectory(atPath: artifacts)) ?? []
        #expect(shots.filter { $0.hasSuffix(".png") }.count >= 10, "screenshots: \(shots)")
        // The server never logged the token or the one-time password.
        #expect(!picket.output.contains("glpat-SimPicketServiceTok01"))
        #expect(picket.output.components(separatedBy: password).count == 2, "the one-time password is printed once")
    }
}
