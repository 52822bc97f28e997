import Foundation
import Testing
@testable import PicketCode
import PicketCore

/// The small parsers and heuristics under the scanners.
@Suite struct ParsingTests {
    @Test func engineVersions() {
        #expect(EngineVersion(parsing: "1.185.0") == EngineVersion([1, 185, 0]))
        #expect(EngineVersion(parsing: "semgrep 1.86.0\n")?.description == "1.86.0")
        #expect(EngineVersion(parsing: "opengrep version v1.2.3") == EngineVersion([1, 2, 3]))
        #expect(EngineVersion(parsing: "no digits") == nil)
        #expect(EngineVersion([1, 99, 9]) < EngineVersion([1, 100]))
        #expect(PicketCode.SemgrepEngine(executable: "x").supportedVersions.contains(EngineVersion([1, 185, 0])))
        #expect(!PicketCode.SemgrepEngine(executable: "x").supportedVersions.contains(EngineVersion([2, 0, 0])))
    }

    @Test func batchesStayUnderTheBudget() {
        let targets = (0..<10_000).map { "some/fairly/long/path/to/a/module_\($0).py" }
        let fixed = ["scan", "--json", "--config", "/rules"]
        let budget = 64 << 10
        let batches = SASTEngineRunner.batches(targets, fixed: fixed, budget: budget)
        #expect(batches.flatMap { $0 } == targets)
        #expect(batches.count > 1)
        for b in batches {
            let size = (fixed + b).reduce(0) { $0 + $1.utf8.count + 9 } + 4096
            #expect(size <= budget)
        }
        #expect(SASTEngineRunner.batches([], fixed: fixed, budget: budget).isEmpty)
    }

    @Test func severityMapping() {
        #expect(SASTFindingMapper.severity(level: "ERROR", impact: nil, confidence: nil) == .high)
        #expect(SASTFindingMapper.severity(level: "ERROR", impact: "HIGH", confidence: "HIGH") == .critical)
        #expect(SASTFindingMapper.severity(level: "WARNING", impact: "LOW", confidence: "MEDIUM") == .low)
        #expect(SASTFindingMapper.severity(level: "INFO", impact: "LOW", confidence: "LOW") == .info)
        #expect(SASTFindingMapper.severity(level: "CRITICAL", impact: nil, confidence: nil) == .critical)
        #expect(SASTFindingMapper.cwe("CWE-89: Improper Neutralization")?.name == "CWE-89")
        #expect(SASTFindingMapper.cwe("not a cwe") == nil)
        #expect(SASTFindingMapper.owasp("A01:2021 - Broken Access Control")?.value == "A01:2021")
    }

    @Test func ignoreFilePatterns() throws {
        let repo = try TempRepo([
            ".semgrepignore": "# c\n\nbuild/\n*.gen.py\n!keep.gen.py\n/rooted.py\n:include ../../outside\n",
            "sub/.semgrepignore": "local.py\n",
        ])
        var diags: [ScanDiagnostic] = []
        let root = IgnoreFile.load(root: repo.path, path: ".semgrepignore", diagnostics: &diags)
        #expect(root.verdict(for: "build/x.py")?.ignored == true)
        #expect(root.verdict(for: "a/b.gen.py")?.ignored == true)
        #expect(root.verdict(for: "a/keep.gen.py")?.ignored == false)
        #expect(root.verdict(for: "rooted.py")?.ignored == true)
        #expect(root.verdict(for: "a/rooted.py") == nil)
        #expect(diags.contains { $0.message.contains("leaves the repository") })
        let sub = IgnoreFile.load(root: repo.path, path: "sub/.semgrepignore", diagnostics: &diags)
        #expect(sub.verdict(for: "sub/x/local.py")?.ignored == true)
        #expect(sub.verdict(for: "other/local.py") == nil)
    }

    @Test func languageFilter() {
        let py = LanguageFiles.matcher(for: ["python"])
        #expect(py?("a/b.py") == true && py?("a/b.js") == false && py?("Makefile") == false)
        #expect(LanguageFiles.matcher(for: ["python", "generic"]) == nil)
        let docker = LanguageFiles.matcher(for: ["dockerfile"])
        #expect(docker?("svc/Dockerfile") == true && docker?("svc/Dockerfile.prod") == true)
    }

    @Test func hclReader() {
        let src = """
        # comment
        variable "x" {
          default = "a${var.b}c" // trailing
          other   = [1, 2,
            3]
          obj = { k = "v", n = 1 }
        }
        /* block
           comment */
        locals { a = <<EOT
        heredoc ${x}
        EOT
        b = "esc \\" quote"
        }
        """
        let body = HCLReader.parse(Array(src.utf8))
        #expect(body.blocks.map(\.type) == ["variable", "locals"])
        let v = body.blocks[0]
        #expect(v.labels == ["x"])
        #expect(v.attributes.map(\.name) == ["default", "other", "obj"])
        #expect(v.attributes[0].value == .string("a${var.b}c", interpolated: true))
        #expect(v.attributes[1].value == .other)
        if case .object(let entries) = v.attributes[2].value {
            #expect(entries.map(\.name) == ["k", "n"])
            #expect(entries[0].value == .string("v", interpolated: false))
        } else { Issue.record("obj is not an object") }
        let l = body.blocks[1]
        #expect(l.attributes.map(\.name) == ["a", "b"])
        #expect(l.attributes[0].value == .string("heredoc ${x}\n", interpolated: true))
        #expect(l.attributes[1].value == .string("esc \" quote", interpolated: false))
        #expect(l.attributes[1].line == 13)
        // Garbage does not crash and yields nothing odd.
        _ = HCLReader.parse(Array("}}}{{{ = = \"unterminated".utf8))
    }

    @Test func dockerfileReader() {
        let src = "FROM a\n# comment\nENV A=1 \\\n  # inside\n  B=\"two words\"\nARG TOKEN\nRUN echo hi\n"
        let ins = DockerfileReader.parse(Array(src.utf8))
        #expect(ins.map(\.keyword) == ["FROM", "ENV", "ARG", "RUN"])
        #expect(ins[1].line == 3)
        #expect(DockerfileReader.keyValues(ins[1].arguments).map { "\($0.0)=\($0.1 ?? "nil")" } == ["A=1", "B=two words"])
        #expect(DockerfileReader.keyValues("TOKEN").first?.1 == nil)
        #expect(DockerfileReader.keyValues("KEY some value").first?.1 == "some value")
        #expect(DockerfileReader.words(#"["https://x/y", "/dst"]"#) == ["https://x/y", "/dst"])
    }

    @Test(arguments: [
        ("DB_PASSWORD", true), ("dbPassword", true), ("API_KEY", true), ("aws_secret_access_key", true),
        ("client_secret", true), ("GITLAB_TOKEN", true), ("PASSWORD_LENGTH", false), ("token_ttl", false),
        ("secret_name", false), ("LOG_LEVEL", false), ("access_key_id", false), ("TOKEN_URL", false),
    ])
    func secretNames(name: String, expected: Bool) {
        #expect(SecretHeuristics.isSecretName(name) == expected)
    }

    @Test func secretValues() {
        #expect(SecretHeuristics.isLiteralSecretValue("hunter22!"))
        #expect(!SecretHeuristics.isLiteralSecretValue("$VAR"))
        #expect(!SecretHeuristics.isLiteralSecretValue("${VAR}"))
        #expect(!SecretHeuristics.isLiteralSecretValue("<your-token>"))
        #expect(!SecretHeuristics.isLiteralSecretValue("xxxx"))
        #expect(!SecretHeuristics.isLiteralSecretValue("true"))
        #expect(!SecretHeuristics.isLiteralSecretValue("https://vault.example.com/v1"))
        #expect(SecretHeuristics.isLiteralSecretValue("https://user:pw@host.example.com"))
        #expect(SecretHeuristics.confidence("aZ3$kq9!Lm2@xP7#") == .high)
        #expect(SecretHeuristics.confidence("password1") == .medium)
        #expect(SecretHeuristics.preview("abcdef") == "ab… (6 chars)")
    }

    @Test func shellLines() {
        #expect(ShellLine.pipeSegments("a | b || c") == ["a ", " b || c"])
        #expect(ShellLine.pipeSegments("echo 'x|y' | sh").count == 2)
        #expect(ShellLine.program(ShellLine.words("sudo -E FOO=1 bash -s"))?.name == "bash")
        #expect(ShellLine.variables("echo $A ${B_C} ${D:-x} $$ $1") == ["A", "B_C", "D"])
        #expect(CurlPipeShellCheck.matches("curl -sSL https://x | sudo -E bash -"))
        #expect(CurlPipeShellCheck.matches("wget -O - https://x | sh"))
        #expect(!CurlPipeShellCheck.matches("curl -o f https://x && sh f"))
        #expect(UnpinnedIncludeCheck.isPinned("v1.2.3") && UnpinnedIncludeCheck.isPinned("1.4.0-rc1"))
        #expect(UnpinnedIncludeCheck.isPinned("3f1c2e9a7b6d5c4e3f2a1b0c9d8e7f6a5b4c3d2e"))
        #expect(!UnpinnedIncludeCheck.isPinned("main") && !UnpinnedIncludeCheck.isPinned("~latest") && !UnpinnedIncludeCheck.isPinned("release-1"))
        #expect(UnpinnedImageCheck.problem("alpine")?.severity == .medium)
        #expect(UnpinnedImageCheck.problem("localhost:5000/alpine")?.severity == .medium)
        #expect(UnpinnedImageCheck.problem("alpine:3.20")?.severity == .low)
        #expect(UnpinnedImageCheck.problem("alpine@sha256:abc") == nil)
        #expect(UnpinnedImageCheck.problem("$IMAGE:$TAG") == nil)
    }
}
