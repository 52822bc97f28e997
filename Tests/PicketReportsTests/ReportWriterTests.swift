import Foundation
import Testing
import PicketCore
import PicketTestSupport
@testable import PicketReports

@Suite struct ReportWriterTests {
    static func sampleReport(commit: Bool = true) -> ScanReport {
        let c = CommitInfo(sha: "4b825dc642cb6eb9a060e54bf8d69288fbee4904", author: "Dana", email: "d@example.com", date: "2026-01-02T10:00:00Z", message: "add")
        let secret = Finding(kind: .secret, ruleID: "gitlab-pat", title: "GitLab personal access token", message: "Revoke it.",
                             severity: .critical, location: Location(path: "config/dev.env", startLine: 2, startColumn: 14, endLine: 2, endColumn: 40),
                             additionalLocations: [Location(path: "b b/x.env", startLine: 1, commit: commit ? c : nil)],
                             evidence: Evidence(snippet: "T=glpat-3F…", preview: "glpat-3F…", sha256: String(repeating: "a", count: 64)),
                             fingerprint: Fingerprint(value: "f1"),
                             identifiers: [Identifier(type: "cwe", name: "CWE-798", value: "798", url: "https://cwe.mitre.org/data/definitions/798.html")],
                             secret: SecretDetails(checksumValid: nil, entropy: 4.1))
        let dep = Finding(kind: .dependency, ruleID: "GHSA-xxxx-yyyy-zzzz", title: "Prototype pollution in lodash", message: "Details.",
                          severity: .high, location: Location(path: "package-lock.json", startLine: 10), fingerprint: Fingerprint(value: "f2"),
                          identifiers: [Identifier(type: "cve", name: "CVE-2020-8203", value: "CVE-2020-8203", url: "https://nvd.nist.gov/vuln/detail/CVE-2020-8203")],
                          dependency: DependencyDetails(ecosystem: "npm", name: "lodash", version: "4.17.15", purl: "pkg:npm/lodash@4.17.15",
                                                        direct: true, aliases: ["CVE-2020-8203"], fixedVersions: ["4.17.19"], recommendedVersion: "4.17.19",
                                                        cvssVectors: ["CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H"]))
        let sast = Finding(kind: .sast, ruleID: "picket.python.injection.sql-format", title: "SQL built with string formatting", message: "Use parameters.",
                           severity: .high, confidence: .medium, location: Location(path: "app/db.py", startLine: 7, endLine: 8),
                           fingerprint: Fingerprint(value: "f3"), identifiers: [Identifier(type: "cwe", name: "CWE-89", value: "89")],
                           code: CodeDetails(engine: "semgrep", fix: "Use a parameterised query.", references: ["https://owasp.org/Top10/A03_2021-Injection/"]))
        var ignored = secret
        ignored.fingerprint = Fingerprint(value: "f4")
        ignored.suppression = Suppression(kind: .baseline, reason: "in baseline old.json")
        let start = Date(timeIntervalSince1970: 1_767_000_000)
        return ScanReport(target: TargetInfo(root: "/tmp/repo", mode: .workingTree,
                                             origin: ScanOrigin(commit: commit ? c : nil, branch: "main")),
                          startedAt: start, finishedAt: start.addingTimeInterval(3),
                          scanners: [ScannerRun(id: "secrets", name: "Picket secrets", status: .ok, durationSeconds: 1, stats: ["files": 3, "bytes": 100])],
                          findings: [secret, dep, sast, ignored],
                          diagnostics: [ScanDiagnostic(.warning, scanner: "secrets", path: "x.bin", "cannot open: Permission denied")])
    }

    func validate(_ writer: any ReportWriter, schema: String, report: ScanReport = sampleReport()) async throws -> Data {
        let data = try writer.render(report, options: ReportOptions())
        let dir = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(dir) }
        let file = dir + "/report.json"
        try data.write(to: URL(fileURLWithPath: file))
        let problems = try await TestEnvironment.validateJSON(schema: schema, document: file)
        #expect(problems == nil, "\(schema): \(problems ?? "")")
        return data
    }

    @Test func sarifValidatesAgainstTheOfficialSchema() async throws {
        let data = try await validate(SARIFReportWriter(), schema: "sarif")
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let run = try #require((doc["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 4)
        #expect(results.contains { ($0["suppressions"] as? [[String: Any]])?.first?["kind"] as? String == "external" })
        #expect((results.first?["relatedLocations"] as? [[String: Any]])?.count == 1)
    }

    @Test(arguments: [("gitlab-secret-detection", GitLabReportWriter.ReportType.secretDetection, 2),
                      ("gitlab-dependency-scanning", .dependencyScanning, 1),
                      ("gitlab-sast", .sast, 1)])
    func gitlabReportsValidate(schema: String, type: GitLabReportWriter.ReportType, expected: Int) async throws {
        let data = try await validate(GitLabReportWriter(reportType: type), schema: schema)
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let vulns = try #require(doc["vulnerabilities"] as? [[String: Any]])
        #expect(vulns.count == expected, "one entry per location; suppressed findings left out")
        #expect(doc["version"] as? String == "15.2.4")
    }

    @Test func secretReportWithoutCommitSaysWhy() {
        #expect {
            _ = try GitLabReportWriter(reportType: .secretDetection).render(Self.sampleReport(commit: false), options: ReportOptions())
        } throws: { e in "\(e)".contains("needs a commit sha") && "\(e)".contains("/tmp/repo") }
    }

    @Test func jsonReportIsStable() throws {
        let data = try JSONReportWriter().render(Self.sampleReport(), options: ReportOptions())
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(doc["schema"] as? String == "picket-report/1")
        let summary = try #require(doc["summary"] as? [String: Any])
        #expect(summary["findings"] as? Int == 3)
        #expect(summary["suppressed"] as? Int == 1)
        let findings = try #require(doc["findings"] as? [[String: Any]])
        #expect(findings.map { $0["fingerprint"] as? String } == ["f1", "f2", "f3", "f4"])
        #expect(try JSONReportWriter().render(Self.sampleReport(), options: ReportOptions()) == data, "byte-identical for the same input")
    }

    @Test func tableGroupsByFileAndSummarises() throws {
        let text = String(decoding: try TableReportWriter().render(Self.sampleReport(), options: ReportOptions()), as: UTF8.self)
        #expect(text.contains("config/dev.env\n  2:14"))
        #expect(text.contains("lodash@4.17.15 → 4.17.19"))
        #expect(text.contains("3 findings (1 critical, 2 high) in 3 files · 1 suppressed"))
        #expect(text.contains("warning: x.bin: cannot open"))
        #expect(!text.contains("\u{1B}["), "no colours unless asked")
        let colored = String(decoding: try TableReportWriter().render(Self.sampleReport(), options: ReportOptions(color: true)), as: UTF8.self)
        #expect(colored.contains("\u{1B}[1;31mCRITICAL"))
    }
}
