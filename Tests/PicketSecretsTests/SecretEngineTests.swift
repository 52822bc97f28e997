import Foundation
import Testing
import PicketCore
import PicketTestSupport
@testable import PicketSecrets

@Suite struct SecretEngineTests {
    @Test func findsGroupsAndRedacts() async throws {
        let root = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(root) }
        try TestEnvironment.write([
            "a.env": "GITLAB_TOKEN=\(Samples.gitlabPAT)\n",
            "deep/b.yml": "ci:\n  token: \"\(Samples.gitlabPAT)\"\n",
            "c.sh": "export GITHUB_TOKEN=\(Samples.githubPAT)\n",
        ], under: root)
        let report = try await scanFolder(root)
        let gl = try #require(report.findings.first { $0.ruleID == "gitlab-pat" })
        #expect(gl.allLocations.map(\.path) == ["a.env", "deep/b.yml"], "same secret grouped")
        #expect(gl.location.startLine == 1 && gl.location.startColumn == 14)
        #expect(gl.additionalLocations[0].startLine == 2)
        #expect(gl.evidence.preview == "glpat-3F…")
        #expect(gl.evidence.snippet == "GITLAB_TOKEN=glpat-3F…")
        #expect(gl.evidence.revealed == nil)
        #expect(gl.evidence.sha256 == Hashing.sha256Hex(Samples.gitlabPAT))
        #expect(report.findings.contains { $0.ruleID == "github-pat" && $0.secret?.checksumValid == true })
        // The raw secret is nowhere in the encoded report.
        let encoded = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(!encoded.contains(Samples.gitlabPAT))
    }

    @Test func revealsOnlyOnRequest() async throws {
        let root = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(root) }
        try TestEnvironment.write(["a.env": "T=\(Samples.gitlabPAT)\n"], under: root)
        let report = try await scanFolder(root, reveal: true)
        #expect(report.findings.first?.evidence.revealed == Samples.gitlabPAT)
    }

    @Test func checksumAndPlaceholdersAndEntropyFilter() async throws {
        let root = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(root) }
        try TestEnvironment.write([
            "bad-checksum.sh": "export GITHUB_TOKEN=ghp_ZJDeVREhkptGF7Wvep0NwJWlPEQP7a0t2nxM\n",
            "placeholder.env": "GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx\nOTHER=glpat-EXAMPLEEXAMPLEEXAMPL\n",
            "low-entropy.env": "GITLAB_TOKEN=glpat-aaaaaaaaaabbbbbbbbbb\n",
        ], under: root)
        let report = try await scanFolder(root)
        #expect(report.findings.isEmpty, "\(report.findings.map { "\($0.ruleID) \($0.location.path)" })")
    }

    @Test func decodesEncodedSecrets() async throws {
        let root = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(root) }
        let b64 = Data("GITLAB_TOKEN=\(Samples.gitlabPAT)\n".utf8).base64EncodedString()
        let hex = Data("token: \(Samples.gitlabPAT)".utf8).map { String(format: "%02x", $0) }.joined()
        let pct = "https://x.example/?t=%22\(Samples.gitlabPAT.replacingOccurrences(of: "-", with: "%2D"))%22"
        let nested = Data(b64.utf8).base64EncodedString()
        try TestEnvironment.write([
            "k8s.yml": "data:\n  token: \(b64)\n",
            "hex.txt": "blob=\(hex)\n",
            "url.txt": pct + "\n",
            "nested.txt": "v: \(nested)\n",
        ], under: root)
        let report = try await scanFolder(root)
        let f = try #require(report.findings.first { $0.ruleID == "gitlab-pat" })
        let byPath = Dictionary(f.allLocations.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byPath["k8s.yml"]?.startLine == 2)
        #expect(byPath["hex.txt"] != nil)
        #expect(byPath["url.txt"] != nil)
        #expect(byPath["nested.txt"] != nil, "two levels of base64")
    }

    @Test func inlineAllowSuppressesButKeeps() async throws {
        let root = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(root) }
        try TestEnvironment.write(["t.py": "TOKEN = '\(Samples.gitlabPAT)'  # picket:allow test fixture\n"], under: root)
        let report = try await scanFolder(root)
        #expect(report.findings.count == 1)
        #expect(report.findings.first?.suppression?.kind == .inlineComment)
        #expect(report.activeFindings.isEmpty)
    }

    @Test func customRulesDisablingAndAllowlistFromConfig() async throws {
        let root = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(root) }
        try TestEnvironment.write([
            ".picket.yml": """
            secrets:
              rules:
                - id: acme-key
                  title: ACME internal key
                  severity: medium
                  pattern: '\\b(acme_[a-z0-9]{16})\\b'
                  examples:
                    positive: ['k = acme_0123456789abcdef']
              disable: [github-pat]
              allow:
                paths: ["fixtures/**"]
            """,
            "app.cfg": "k = acme_q8w7e6r5t4y3u2i1\nGH=\(Samples.githubPAT)\n",
            "fixtures/f.env": "T=\(Samples.gitlabPAT)\n",
        ], under: root)
        let report = try await scanFolder(root)
        #expect(report.findings.map(\.ruleID) == ["acme-key"])
        #expect(report.findings.first?.severity == .medium)
    }

    @Test func catastrophicCustomRuleIsReportedAndTheScanCompletes() async throws {
        let root = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(root) }
        try TestEnvironment.write([
            ".picket.yml": """
            secrets:
              rules:
                - id: evil
                  title: Catastrophic rule
                  pattern: '(?:a|aa)+(?=b)c'
            """,
            "input.txt": String(repeating: "a", count: 5000) + "c\n",
            "real.env": "T=\(Samples.gitlabPAT)\n",
        ], under: root)
        let report = try await scanFolder(root)
        #expect(report.findings.contains { $0.ruleID == "gitlab-pat" })
        #expect(report.diagnostics.contains { $0.path == "input.txt" && $0.message.contains("rule 'evil' hit the regex match limit") })
    }

    @Test func badCustomRuleIsAConfigError() throws {
        let cfg = try PicketConfig.parse(yaml: """
        secrets:
          rules:
            - id: broken
              title: Broken
              pattern: 'a(b'
        """, file: ".picket.yml")
        #expect { try SecretScanner().validate(config: cfg) } throws: { e in
            "\(e)".contains(".picket.yml:3") && "\(e)".contains("rule 'broken'")
        }
    }

    @Test func hostileFilesDoNotStopTheScan() async throws {
        let root = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(root) }
        var binary = Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0])
        binary.append(Data("T=\(Samples.gitlabPAT)".utf8))
        try binary.write(to: URL(fileURLWithPath: root + "/tool.dat"))
        var invalidUTF8 = Data([0xFF, 0xFE, 0xFD, 0x41, 0x0A])
        invalidUTF8.append(Data("T=\(Samples.gitlabPAT)\n".utf8))
        invalidUTF8.append(Data([0xC3, 0x28]))
        try invalidUTF8.write(to: URL(fileURLWithPath: root + "/latin.txt"))
        let utf16 = "T=\(Samples.githubPAT)\n".data(using: .utf16LittleEndian)!
        try (Data([0xFF, 0xFE]) + utf16).write(to: URL(fileURLWithPath: root + "/win.txt"))
        #expect(mkfifo(root + "/fifo", 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: root + "/loop", withDestinationPath: root + "/loop")
        let report = try await scanFolder(root)
        #expect(report.findings.contains { $0.ruleID == "gitlab-pat" && $0.location.path == "latin.txt" && $0.location.startLine == 2 })
        #expect(report.findings.contains { $0.ruleID == "github-pat" && $0.location.path == "win.txt" })
        #expect(!report.findings.contains { $0.location.path == "tool.dat" }, "binary files are skipped")
        #expect(report.diagnostics.contains { $0.path == "fifo" })
        #expect(report.diagnostics.contains { $0.path == "loop" && $0.message.contains("loop") })
        #expect(report.scanners.first?.stats["binary_files"] == 1)
    }

    @Test func fileVanishingMidScanIsAWarning() async throws {
        let root = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(root) }
        try TestEnvironment.write(["gone.txt": "x\n", "kept.env": "T=\(Samples.gitlabPAT)\n"], under: root)
        let config = PicketConfig()
        let target = try await ScanRunner.makeTarget(path: root, mode: .workingTree, config: config)
        try FileManager.default.removeItem(atPath: root + "/gone.txt")
        let data = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(data) }
        let report = await ScanRunner(scanners: [SecretScanner()], policy: FindingPolicy(config: config))
            .run(target, context: ScanContext(dataDirectory: DataDirectory(path: data)))
        #expect(report.diagnostics.contains { $0.path == "gone.txt" && $0.message == "vanished during the scan" && $0.level == .warning })
        #expect(report.findings.count == 1)
    }

    @Test func hugeSingleLineFile() async throws {
        let root = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(root) }
        // 200 MB of minified-looking text on one line, with a secret near the end.
        let chunk = Data(String(repeating: "var a=function(b){return b+1};", count: 1 << 15).utf8)
        let handle = try FileHandle(forWritingTo: { FileManager.default.createFile(atPath: root + "/app.min.js", contents: nil); return URL(fileURLWithPath: root + "/app.min.js") }())
        var written = 0
        while written < 200 << 20 { handle.write(chunk); written += chunk.count }
        handle.write(Data("var t=\"\(Samples.gitlabPAT)\";".utf8))
        try handle.close()
        let skipped = try await scanFolder(root)
        #expect(skipped.findings.isEmpty)
        #expect(skipped.diagnostics.contains { $0.path == "app.min.js" && $0.message.contains("over the 10.0 MB limit") })
        let scanned = try await scanFolder(root, maxFileSize: 300 << 20)
        let f = try #require(scanned.findings.first)
        #expect(f.location.startLine == 1)
        #expect(f.location.startColumn > 200 << 20)
        #expect((f.evidence.snippet ?? "").count < 200, "snippets stay short on huge lines")
    }

    @Test func gitleaksConfigImport() async throws {
        let root = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(root) }
        try TestEnvironment.write([
            "gitleaks.toml": #"""
            title = "team rules"
            [[rules]]
            id = "team-token"
            description = "Team service token"
            regex = '''(?i)teamtok_([a-z0-9]{24})'''
            secretGroup = 1
            keywords = ["teamtok_"]
            [[rules.allowlists]]
            regexes = ['''^0+$''']
            [[rules]]
            id = "pem-files"
            path = '''\.pem$'''
            [allowlist]
            paths = ['''(^|/)testdata/''']
            """#,
            "src/app.py": "X = 'teamtok_k3j4h5g6f7d8s9a0q1w2e3r4'\nY = 'teamtok_000000000000000000000000'\n",
            "testdata/t.py": "X = 'teamtok_k3j4h5g6f7d8s9a0q1w2e3r5'\n",
        ], under: root)
        let report = try await scanFolder(root, scanner: SecretScanner(gitleaksConfig: root + "/gitleaks.toml"))
        let hits = report.findings.filter { $0.ruleID == "team-token" }
        #expect(hits.map(\.location.path) == ["src/app.py"])
        #expect(hits.first?.title == "Team service token")
        #expect(report.diagnostics.contains { $0.message.contains("'pem-files' matches on file paths only") })
    }

    @Test func malformedGitleaksConfigNamesFileAndLine() throws {
        let root = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(root) }
        try TestEnvironment.write(["g.toml": "[[rules]]\nid = \"x\"\nregex = '''unterminated\n"], under: root)
        #expect { _ = try SecretScanner(gitleaksConfig: root + "/g.toml").ruleSet(for: PicketConfig()) } throws: { e in
            "\(e)".contains("g.toml:") && "\(e)".contains("unterminated")
        }
    }
}
