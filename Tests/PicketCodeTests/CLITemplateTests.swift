import Foundation
import Testing
@testable import PicketCode
import PicketCore
import Yams

/// The built `picket` executable: exit codes when engines are missing or broken, and the GitLab CI template's
/// own script run locally in a git repository.
@Suite struct CLITemplateTests {
    static var picket: String { TestSupport.packageRoot + "/.build/debug/picket" }

    static let vulnerableRepo = [
        "app/run.py": "import os\n\ndef run(cmd):\n    os.system(cmd)\n",
        "Dockerfile": "FROM python:3.12\nENV DB_PASSWORD=Sup3r-S3cret-Value\n",
        ".gitlab-ci.yml": "build:\n  image: alpine:latest\n  script:\n    - curl -s https://get.example.com/i.sh | sh\n",
    ]

    func run(_ args: [String], in dir: String, env extra: [String: String] = [:]) async throws -> ProcessRunner.Result {
        guard FileManager.default.isExecutableFile(atPath: Self.picket) else {
            throw PicketError.runtime("\(Self.picket) is missing; run `swift build --build-tests` first")
        }
        var env = ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": dir, "PICKET_DATA_DIR": dir + "/.picket-data"]
        env.merge(extra) { _, b in b }
        return try await ProcessRunner(Self.picket, args, environment: env, workingDirectory: dir, timeout: .seconds(600)).run()
    }

    @Test func requestedScannerWithoutEngineExitsTwo() async throws {
        let repo = try TempRepo(Self.vulnerableRepo)
        // PICKET_VENV set: only that venv is consulted; PATH has no semgrep.
        let r = try await run(["scan", ".", "--scanners", "sast,pipeline", "--no-progress", "--format", "json"], in: repo.path,
                              env: ["PICKET_VENV": repo.path + "/no-venv"])
        #expect(r.status == 2, "\(r.stderrText)")
        #expect(r.stderrText.contains("semgrep is not installed") && r.stderrText.contains("scripts/python-venv.sh"))
        // The pipeline scanner's findings are still in the report.
        let json = try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any]
        let findings = json?["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { $0["rule_id"] as? String == "picket.pipeline.curl-pipe-shell" })
    }

    @Test func defaultRunWithoutEngineWarnsAndKeepsGoing() async throws {
        let repo = try TempRepo(Self.vulnerableRepo)
        let r = try await run(["scan", ".", "--no-progress", "--no-color"], in: repo.path,
                              env: ["PICKET_VENV": repo.path + "/no-venv"])
        #expect(r.status == 1, "\(r.stderrText)\(r.stdoutText)")
        #expect(r.stdoutText.contains("SAST skipped") && r.stdoutText.contains("make engines"))
        #expect(r.stdoutText.contains("picket.pipeline.curl-pipe-shell"))
        #expect(r.stdoutText.contains("picket.iac.dockerfile.secret-env"))
    }

    @Test func crashingEngineExitsTwo() async throws {
        let repo = try TempRepo(Self.vulnerableRepo)
        let fake = try repo.script("fake/semgrep", "exit 139")
        let r = try await run(["scan", ".", "--no-progress", "--no-color"], in: repo.path, env: ["PICKET_SEMGREP": fake])
        #expect(r.status == 2)
        #expect((r.stdoutText + r.stderrText).contains("crashed with status 139"))
    }

    /// The `picket` job's script from templates/Picket.gitlab-ci.yml, as GitLab would run it (one shell).
    static func templateScript() throws -> (script: String, artifacts: [String: String]) {
        let text = try String(contentsOfFile: TestSupport.packageRoot + "/templates/Picket.gitlab-ci.yml", encoding: .utf8)
        let doc = try #require(try Yams.compose(yaml: text))
        let job = try #require(doc.mapping?["picket"]?.mapping)
        let items = try #require(job["script"]?.sequence)
        // Every item must be a string: an unquoted `: ` turns a line into a mapping, which GitLab rejects.
        let lines = items.compactMap(\.string)
        #expect(lines.count == items.count, "a script item of the template is not a plain string")
        var reports: [String: String] = [:]
        for (k, v) in job["artifacts"]?.mapping?["reports"]?.mapping ?? [:] { reports[k.string ?? ""] = v.string }
        return (lines.joined(separator: "\n"), reports)
    }

    func runTemplate(failOn: String, scanners: String = "") async throws -> (ProcessRunner.Result, TempRepo) {
        let repo = try TempRepo(Self.vulnerableRepo)
        try await repo.git("init", "-q", ".")
        try await repo.git("add", "-A")
        try await repo.git("commit", "-qm", "fixture")
        let (script, _) = try Self.templateScript()
        let bin = URL(fileURLWithPath: Self.picket).deletingLastPathComponent().path
        let env = ["PATH": "\(bin):/usr/local/bin:/usr/bin:/bin", "HOME": repo.path, "PICKET_DATA_DIR": repo.path + "/.picket-data",
                   "PICKET_FAIL_ON": failOn, "PICKET_SCANNERS": scanners, "PICKET_ARGS": "",
                   "CI_PROJECT_DIR": repo.path, "CI_PIPELINE_SOURCE": "merge_request_event"]
        let r = try await ProcessRunner("/bin/bash", ["-eo", "pipefail", "-c", script], environment: env,
                                        workingDirectory: repo.path, timeout: .seconds(900)).run()
        return (r, repo)
    }

    @Test func templateScriptGatesAndPublishesValidReports() async throws {
        _ = try TestSupport.venvTool("semgrep")
        let (script, reports) = try Self.templateScript()
        #expect(script.contains("--report gitlab-sast=gl-sast-report.json"))
        #expect(reports == ["secret_detection": "gl-secret-detection-report.json",
                            "dependency_scanning": "gl-dependency-scanning-report.json",
                            "sast": "gl-sast-report.json"])

        let (gated, repo) = try await runTemplate(failOn: "high")
        #expect(gated.status == 1, "\(gated.stdoutText)\n\(gated.stderrText)")
        #expect(gated.stdoutText.contains("findings at or above high"))
        let schemas = ["gl-secret-detection-report.json": "gitlab-secret-detection",
                       "gl-dependency-scanning-report.json": "gitlab-dependency-scanning",
                       "gl-sast-report.json": "gitlab-sast", "picket.sarif": "sarif"]
        for (file, schema) in schemas {
            let path = repo.path + "/" + file
            #expect(FileManager.default.fileExists(atPath: path), "\(file) missing")
            let v = try await TestSupport.validate(schema, path)
            #expect(v.ok, "\(file): \(v.output)")
        }
        let sast = String(decoding: FileManager.default.contents(atPath: repo.path + "/gl-sast-report.json") ?? Data(), as: UTF8.self)
        #expect(sast.contains("picket.pipeline.curl-pipe-shell") && sast.contains("picket.iac.dockerfile.secret-env"))
        #expect(sast.contains("\"status\" : \"success\""))

        let (open, _) = try await runTemplate(failOn: "never")
        #expect(open.status == 0, "\(open.stdoutText)\n\(open.stderrText)")
        #expect(open.stdoutText.contains("reports written"))
    }

    @Test func templatePassesPicketsOwnPipelineChecks() async throws {
        let repo = try TempRepo()
        try repo.write(".gitlab-ci.yml", try String(contentsOfFile: TestSupport.packageRoot + "/templates/Picket.gitlab-ci.yml", encoding: .utf8))
        let out = try await PipelineScanner().scan(try await TestSupport.target(repo.path), context: TestSupport.context())
        #expect(out.findings.isEmpty, "\(out.findings.map { "\($0.ruleID):\($0.location.startLine)" })")
        #expect(out.diagnostics.isEmpty)
    }
}
