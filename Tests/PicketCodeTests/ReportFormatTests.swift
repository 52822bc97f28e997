import Foundation
import Testing
@testable import PicketCode
import PicketCore
import PicketReports

/// SAST, IaC and pipeline findings from the real scanners in every output format; GitLab's SAST report and
/// SARIF validated against the official schemas.
@Suite struct ReportFormatTests {
    static let files = [
        "app/run.py": "import os\n\ndef run(cmd):\n    os.system(cmd)\n",
        "Dockerfile": "FROM python:3.12\nENV DB_PASSWORD=Sup3r-S3cret-Value\nADD https://get.example.com/tool.tgz /opt/\n",
        ".gitlab-ci.yml": "build:\n  image: alpine:latest\n  script:\n    - curl -s https://get.example.com/i.sh | sh\n",
    ]

    func report() async throws -> (ScanReport, TempRepo) {
        let repo = try TempRepo(Self.files)
        try await repo.git("init", "-q", ".")
        try await repo.git("add", "-A")
        try await repo.git("commit", "-qm", "fixture")
        let env = ["PICKET_SEMGREP": try TestSupport.venvTool("semgrep"), "PICKET_CHECKOV": try TestSupport.venvTool("checkov")]
        let scanners: [any PicketCore.Scanner] = [
            SASTScanner(locator: TestSupport.locator(env), required: true, picketRuleFolders: [TestSupport.fixture("sast/rules")]),
            IaCScanner(locator: TestSupport.locator(env), required: true),
            PipelineScanner(),
        ]
        let target = try await TestSupport.target(repo.path)
        let r = await ScanRunner(scanners: scanners, policy: FindingPolicy(config: target.config)).run(target, context: TestSupport.context())
        return (r, repo)
    }

    @Test func everyFormatCarriesCodeFindingsAndTheSchemasAccept() async throws {
        let (report, repo) = try await report()
        #expect(!report.hasScannerFailure, "\(report.scanners.map { "\($0.id): \($0.error ?? "ok")" })")
        let kinds = Set(report.findings.map(\.kind))
        #expect(kinds == [.sast, .iac, .pipeline])
        let rules = Set(report.findings.map(\.ruleID))
        for r in ["picket.test.python.os-system", "picket.iac.dockerfile.secret-env", "picket.pipeline.curl-pipe-shell", "CKV_DOCKER_3"] {
            #expect(rules.contains(r), "\(rules)")
        }

        for w in ReportFormats.all {
            // `gitlab` infers one report type; these three scanners all map to SAST.
            let data = try w.render(report, options: ReportOptions())
            let text = String(decoding: data, as: UTF8.self)
            if w.format == "gitlab-secret-detection" || w.format == "gitlab-dependency-scanning" { continue }
            for r in ["picket.test.python.os-system", "picket.iac.dockerfile.secret-env", "picket.pipeline.curl-pipe-shell"] {
                #expect(text.contains(r), "format \(w.format) lacks \(r)")
            }
            // The Dockerfile password is never written out, in any format.
            #expect(!text.contains("Sup3r-S3cret-Value"), "format \(w.format) leaks the secret")
        }

        let sarifText = String(decoding: try ReportFormats.writer(named: "sarif").render(report, options: ReportOptions()), as: UTF8.self)
        #expect(sarifText.contains("external/cwe/cwe-78"))

        for (format, schema) in [("gitlab-sast", "gitlab-sast"), ("sarif", "sarif")] {
            let w = try ReportFormats.writer(named: format)
            let path = repo.path + "/report.\(format).json"
            try w.render(report, options: ReportOptions()).write(to: URL(fileURLWithPath: path))
            let v = try await TestSupport.validate(schema, path)
            #expect(v.ok, "\(format): \(v.output)")
        }
    }

    @Test func failedScannerShowsInGitLabAndSARIF() async throws {
        let repo = try TempRepo(Self.files)
        let fake = try repo.script("fake/semgrep", "exit 139")
        let sast = SASTScanner(locator: TestSupport.locator(["PICKET_SEMGREP": fake]), required: true, picketRuleFolders: [TestSupport.fixture("sast/rules")])
        let target = try await TestSupport.target(repo.path)
        let report = await ScanRunner(scanners: [sast, PipelineScanner()], policy: FindingPolicy(config: target.config)).run(target, context: TestSupport.context())
        let gl = try JSONSerialization.jsonObject(with: try ReportFormats.writer(named: "gitlab-sast").render(report, options: ReportOptions())) as? [String: Any]
        let scan = gl?["scan"] as? [String: Any]
        #expect(scan?["status"] as? String == "failure")
        #expect((scan?["messages"] as? [[String: Any]])?.contains { ($0["value"] as? String)?.contains("crashed") == true } == true)
        let sarif = try JSONSerialization.jsonObject(with: try ReportFormats.writer(named: "sarif").render(report, options: ReportOptions())) as? [String: Any]
        let inv = ((sarif?["runs"] as? [[String: Any]])?.first?["invocations"] as? [[String: Any]])?.first
        #expect(inv?["executionSuccessful"] as? Bool == false)
        let path = repo.path + "/gl.json"
        try ReportFormats.writer(named: "gitlab-sast").render(report, options: ReportOptions()).write(to: URL(fileURLWithPath: path))
        let v = try await TestSupport.validate("gitlab-sast", path)
        #expect(v.ok, "\(v.output)")
    }
}
