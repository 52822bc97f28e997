import Foundation
import GitLabSimKit
import Testing

/// Runs python-gitlab (an independent client, pinned in scripts/requirements-test.txt) against the simulator.
@Suite("python-gitlab fidelity")
struct PythonGitLabTests {
    @Test func pythonGitLabAgreesWithTheSimulator() async throws {
        let python = SimHarness.packageRoot.appendingPathComponent(".venv/bin/python").path
        try #require(FileManager.default.isExecutableFile(atPath: python), "missing \(python): run scripts/python-venv.sh (make test does)")
        guard let script = Bundle.module.url(forResource: "check_python_gitlab", withExtension: "py", subdirectory: "python") else {
            Issue.record("python script resource missing")
            return
        }
        try await SimHarness.with() { h async throws in
            let result = try await run(python, [script.path], env: [
                "GITLAB_SIM_URL": h.sim.baseURL, "GITLAB_SIM_TOKEN": Tok.picket, "GITLAB_SIM_ROTATE_TOKEN": Tok.bob,
                "GITLAB_SIM_EXPIRED_TOKEN": Tok.bobExpired,
            ])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains(" passed, 0 failed"), "\(result.output)")
            // The notes and statuses python-gitlab wrote are recorded by the simulator.
            let notes = try await h.get("/-/sim/notes")
            #expect(notes.json.arrayValue?.map { $0["body"] } == ["Picket found 0 secrets"])
            let statuses = try await h.get("/-/sim/statuses")
            #expect(statuses.json.arrayValue?.first?["name"] == "picket")
        }
    }
}
