import Foundation
import Testing
@testable import PicketCode
import PicketCore

/// The SAST adapter against the real, pinned Semgrep from the venv.
@Suite(.serialized) struct SASTScannerTests {
    static let vulnerable = """
    import os
    import hashlib

    def run(cmd):
        os.system(cmd)
        os.system("sync")
        return hashlib.md5(cmd.encode()).hexdigest()

    def connect(client):
        client.login(user="admin", password="hunter22")
    """

    func scanner(_ extra: [String: String] = [:]) throws -> SASTScanner {
        var env = ["PICKET_SEMGREP": try TestSupport.venvTool("semgrep")]
        env.merge(extra) { _, b in b }
        return SASTScanner(locator: TestSupport.locator(env), required: true, picketRuleFolders: [TestSupport.fixture("sast/rules")])
    }

    @Test func findsMapsAndFingerprints() async throws {
        let repo = try TempRepo(["app/run.py": Self.vulnerable])
        let out = try await scanner().scan(try await TestSupport.target(repo.path), context: TestSupport.context())
        let byRule = Dictionary(grouping: out.findings, by: \.ruleID)
        #expect(out.findings.count == 3, "\(out.findings.map(\.ruleID)) \(out.diagnostics)")

        let os = try #require(byRule["picket.test.python.os-system"]?.first)
        #expect(os.kind == .sast)
        #expect(os.location.path == "app/run.py")
        #expect(os.location.startLine == 5 && os.location.startColumn == 5)
        // ERROR → high, raised by impact HIGH with confidence HIGH.
        #expect(os.severity == .critical)
        #expect(os.confidence == .high)
        #expect(os.identifiers.contains { $0.type == "cwe" && $0.name == "CWE-78" && $0.value == "78" })
        #expect(os.identifiers.contains { $0.type == "owasp" && $0.value == "A03:2021" })
        #expect(os.code?.engine == "semgrep")
        #expect(os.code?.fix == "subprocess.run([...]) without shell=True")
        #expect(os.code?.references == ["https://docs.python.org/3/library/subprocess.html"])
        #expect(os.evidence.snippet == "os.system(cmd)")
        #expect(os.title == "os.system runs its argument through a shell")

        // WARNING → medium, lowered by confidence LOW.
        #expect(byRule["picket.test.python.md5"]?.first?.severity == .low)
        // A credential match carries no snippet.
        let pw = try #require(byRule["picket.test.python.hardcoded-password"]?.first)
        #expect(pw.evidence.snippet == nil)

        // Same code moved down and re-indented differently: same fingerprints.
        let moved = "\n\n# comment\n" + Self.vulnerable.replacingOccurrences(of: "os.system(cmd)", with: "os.system( cmd )")
        try repo.write("app/run.py", moved)
        let again = try await scanner().scan(try await TestSupport.target(repo.path), context: TestSupport.context())
        #expect(Set(again.findings.map(\.fingerprint)) == Set(out.findings.map(\.fingerprint)))
        #expect(again.findings.first { $0.ruleID == "picket.test.python.os-system" }?.location.startLine == 8)
    }

    @Test func identicalMatchesInOneFileGetDistinctFingerprints() async throws {
        let repo = try TempRepo(["a.py": "import os\nos.system(x)\nos.system(x)\n"])
        let out = try await scanner().scan(try await TestSupport.target(repo.path), context: TestSupport.context())
        #expect(out.findings.count == 2)
        #expect(Set(out.findings.map(\.fingerprint)).count == 2)
    }

    @Test func semgrepignoreTestsAndVendorAreReported() async throws {
        let code = "import os\nos.system(x)\n"
        let repo = try TempRepo([
            "src/a.py": code, "tests/test_a.py": code, "vendor/lib/v.py": code, "gen/g.py": code, "gen/keep.py": code,
            ".semgrepignore": "# generated\ngen/\n!gen/keep.py\n:include .extra-ignore\n",
            ".extra-ignore": "tests/\n",
        ])
        let out = try await scanner().scan(try await TestSupport.target(repo.path), context: TestSupport.context())
        #expect(Set(out.findings.map(\.location.path)) == ["src/a.py", "gen/keep.py"])
        let text = out.diagnostics.map(\.message)
        // Test files excluded by the repository's ignore file: a warning naming the pattern and the file.
        #expect(out.diagnostics.contains { $0.level == .warning && $0.message.contains("1 test file") && $0.message.contains("'tests/'") && $0.message.contains(".extra-ignore") }, "\(text)")
        // Vendored code left out by Picket's default: a warning saying how to re-include it.
        #expect(out.diagnostics.contains { $0.level == .warning && $0.message.contains("vendored") && $0.message.contains("sast.include") }, "\(text)")
        #expect(out.diagnostics.contains { $0.message.contains("'gen/'") })

        // sast.include brings vendor back; tests are scanned when nothing excludes them.
        try repo.write(".semgrepignore", "")
        let cfg = "sast:\n  include: [\"vendor/**\"]\n"
        let all = try await scanner().scan(try await TestSupport.target(repo.path, config: cfg), context: TestSupport.context())
        #expect(Set(all.findings.map(\.location.path)) == ["src/a.py", "tests/test_a.py", "vendor/lib/v.py", "gen/g.py", "gen/keep.py"])
    }

    @Test func pythonEnvironmentsAreRecognisedByPyvenvCfg() async throws {
        let code = "import os\nos.system(x)\n"
        let repo = try TempRepo(["venv/__init__.py": code, "env/pyvenv.cfg": "home = /usr/bin\n", "env/lib/m.py": code])
        let out = try await scanner().scan(try await TestSupport.target(repo.path), context: TestSupport.context())
        #expect(out.findings.map(\.location.path) == ["venv/__init__.py"])
        #expect(out.diagnostics.contains { $0.message.contains("env/pyvenv.cfg") })
    }

    @Test func repositoryRuleFolderFromConfig() async throws {
        let repo = try TempRepo(["a.py": "print('hi')\n"])
        try repo.copy(fixture: "sast/repo-rules", to: ".semgrep")
        let cfg = "sast:\n  rules: [.semgrep]\n  picket-rules: false\n"
        let out = try await scanner().scan(try await TestSupport.target(repo.path, config: cfg), context: TestSupport.context())
        #expect(out.findings.map(\.ruleID) == ["acme.no-print"])
        #expect(out.findings.first?.severity == .low)

        let outside = "sast:\n  rules: [../elsewhere]\n"
        #expect(throws: PicketError.self) { try SASTSettings(config: try PicketConfig.parse(yaml: outside, file: ".picket.yml")) }
        let missing = "sast:\n  rules: [nope]\n"
        await #expect(throws: PicketError.self) {
            _ = try await scanner().scan(try await TestSupport.target(repo.path, config: missing), context: TestSupport.context())
        }
    }

    @Test func unparseableFileIsAWarningAndOtherResultsStay() async throws {
        let repo = try TempRepo(["good.py": "import os\nos.system(x)\n", "broken.py": "def f(:\n    os.system(x\n"])
        let out = try await scanner().scan(try await TestSupport.target(repo.path), context: TestSupport.context())
        #expect(out.findings.contains { $0.location.path == "good.py" })
        #expect(out.diagnostics.contains { $0.path == "broken.py" && $0.level == .warning && $0.message.contains("could not parse") },
                "\(out.diagnostics)")
    }

    @Test func ruleThatTimesOutIsAnErrorOnTheScan() async throws {
        var lines: [String] = []
        for i in 0..<20000 { lines.append("def f\(i)(a):\n    x\(i) = g(a)\n    h(x\(i))\n    k(x\(i))") }
        let repo = try TempRepo(["big.py": lines.joined(separator: "\n"), "small.py": "import os\nos.system(x)\n"])
        let s = SASTScanner(locator: try TestSupport.semgrepLocator(), required: true,
                            picketRuleFolders: [TestSupport.fixture("sast/slow-rules"), TestSupport.fixture("sast/rules")])
        let cfg = "sast:\n  file-timeout: 1\n  max-target-bytes: 5MB\n"
        let out = try await s.scan(try await TestSupport.target(repo.path, config: cfg), context: TestSupport.context())
        #expect(out.diagnostics.contains { $0.level == .error && $0.path == "big.py" && $0.message.contains("timed out") && $0.message.contains("picket.test.python.pathological") },
                "\(out.diagnostics)")
        #expect(out.findings.contains { $0.location.path == "small.py" && $0.ruleID == "picket.test.python.os-system" })
    }

    @Test func fiftyMegabyteFileIsSkippedAndReported() async throws {
        let repo = try TempRepo(["small.py": "import os\nos.system(x)\n"])
        var big = Data(capacity: 50 << 20)
        let line = Data("value = compute(1, 2, 3)  # generated\n".utf8)
        while big.count < 50 << 20 { big.append(line) }
        try repo.write("generated/huge.py", big)
        let target = try await TestSupport.target(repo.path, maxFileSize: 100 << 20)
        #expect(target.inventory.files.contains { $0.path == "generated/huge.py" })
        let out = try await scanner().scan(target, context: TestSupport.context())
        #expect(out.diagnostics.contains { $0.path == "generated/huge.py" && $0.level == .warning && $0.message.contains("max-target-bytes") })
        #expect(out.findings.map(\.location.path) == ["small.py"])
        #expect(out.stats["too-large"] == 1)
    }

    @Test func hundredThousandFilesAreBatchedUnderTheArgumentLimit() async throws {
        let repo = try TempRepo()
        // 10,000 Python files with long paths (about three times one exec's argument budget) and 90,000 other
        // files the language filter leaves out.
        let fm = FileManager.default
        let deep = "services/payments/internal/implementation/generated_handlers"
        for d in 0..<100 {
            let dir = repo.path + "/\(deep)/component_\(String(format: "%04d", d))"
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for f in 0..<100 {
                let body = (d == 0 && f == 0) || (d == 99 && f == 99) ? "import os\nos.system(x)\n" : "x = \(f)\n"
                repo.quickWrite("\(deep)/component_\(String(format: "%04d", d))/request_handler_module_\(String(format: "%03d", f)).py", body)
            }
            let docs = repo.path + "/docs/section_\(d)"
            try fm.createDirectory(atPath: docs, withIntermediateDirectories: true)
            for f in 0..<900 { repo.quickWrite("docs/section_\(d)/note_\(f).txt", "note \(f)\n") }
        }
        let target = try await TestSupport.target(repo.path)
        #expect(target.inventory.files.count == 100_000)
        let out = try await scanner().scan(target, context: TestSupport.context())
        #expect(out.stats["files"] == 10_000)
        #expect((out.stats["batches"] ?? 0) >= 2, "\(out.stats)")
        // The first file lands in the first batch, the last in the last: both findings come back.
        #expect(Set(out.findings.map(\.location.path)) == [
            "\(deep)/component_0000/request_handler_module_000.py", "\(deep)/component_0099/request_handler_module_099.py",
        ])
    }

    @Test func picketRulePackRunsOnItsOwnExamples() async throws {
        let pack = TestSupport.packageRoot + "/rules/sast"
        let index = try RulePackIndex.load(folder: pack)
        #expect(index.ruleIDs.count > 0)
        #expect(index.ruleIDs.allSatisfy { $0.hasPrefix("picket.") })
        let repo = try TempRepo()
        try repo.copy(fixture: "sast/pack-sample.py", to: "app/sample.py")
        let s = SASTScanner(locator: try TestSupport.semgrepLocator(), required: true, picketRuleFolders: [pack])
        let out = try await s.scan(try await TestSupport.target(repo.path), context: TestSupport.context())
        #expect(out.stats["rules"] == index.ruleIDs.count)
        #expect(out.findings.contains { $0.ruleID.hasPrefix("picket.python.") && !$0.identifiers.filter { $0.type == "cwe" }.isEmpty },
                "\(out.findings.map(\.ruleID)) \(out.diagnostics)")
    }
}
