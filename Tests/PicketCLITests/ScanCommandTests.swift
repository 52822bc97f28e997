import Foundation
import Testing
import PicketCore
import PicketTestSupport

/// The `picket scan` command as users run it: the built binary, real files, exit codes and outputs.
@Suite struct ScanCommandTests {
    static let token = "glpat-3Fq9vR2xKp7LmN4tYw8Z"

    func project(_ files: [String: String]) throws -> String {
        let root = try TestEnvironment.makeTemporaryDirectory("picket-cli")
        try TestEnvironment.write(files, under: root)
        return root
    }

    func picket(_ args: [String], in dir: String? = nil) async throws -> ProcessRunner.Result {
        let data = try TestEnvironment.makeTemporaryDirectory("picket-data")
        defer { TestEnvironment.remove(data) }
        return try await TestEnvironment.runPicket(args + ["--data-dir", data], in: dir)
    }

    @Test func exitCodesFollowFailOn() async throws {
        let clean = try project(["README.md": "nothing here\n"])
        let dirty = try project(["app.env": "GITLAB_TOKEN=\(Self.token)\n"])
        defer { TestEnvironment.remove(clean); TestEnvironment.remove(dirty) }
        #expect(try await picket(["scan", clean]).status == 0)
        let found = try await picket(["scan", dirty])
        #expect(found.status == 1)
        #expect(found.stdoutText.contains("app.env"))
        #expect(found.stdoutText.contains("1 finding (1 critical) in 1 file"))
        #expect(!found.stdoutText.contains(Self.token), "redacted by default")
        // A threshold above every finding's severity passes the gate.
        let dirtyMedium = try project(["app.env": "GITLAB_TOKEN=\(Self.token)\n", ".picket.yml": "severity:\n  gitlab-pat: medium\n"])
        defer { TestEnvironment.remove(dirtyMedium) }
        #expect(try await picket(["scan", dirtyMedium, "--fail-on", "high"]).status == 0)
        #expect(try await picket(["scan", dirtyMedium, "--fail-on", "medium"]).status == 1)
    }

    @Test func usageErrorsExitTwoWithAClearMessage() async throws {
        let r1 = try await picket(["scan", "/no/such/dir"])
        #expect(r1.status == 2)
        #expect(r1.stderrText.contains("/no/such/dir"))
        let dir = try project(["a.txt": "x"])
        defer { TestEnvironment.remove(dir) }
        let r2 = try await picket(["scan", dir, "--format", "xml"])
        #expect(r2.status == 2)
        #expect(r2.stderrText.contains("unknown format 'xml'"))
        let r3 = try await picket(["scan", dir, "--fail-on", "urgent"])
        #expect(r3.status == 2 && r3.stderrText.contains("unknown severity 'urgent'"))
        let r4 = try await picket(["scan", dir, "--scanners", "secrets,nope"])
        #expect(r4.status == 2 && r4.stderrText.contains("unknown scanner 'nope'"))
    }

    @Test func malformedConfigNamesFileLineAndKey() async throws {
        let dir = try project([".picket.yml": "version: 1\nignore:\n  paths: [a]\n  rulez: [b]\n"])
        defer { TestEnvironment.remove(dir) }
        let r = try await picket(["scan", dir])
        #expect(r.status == 2)
        #expect(r.stderrText.contains(".picket.yml:4: 'ignore.rulez': unknown key"), "\(r.stderrText)")
    }

    @Test func everyFormatAndExtraReports() async throws {
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-cli-git")
        defer { TestEnvironment.remove(dir) }
        try await TestEnvironment.git(["init", "-q", "-b", "main"], in: dir)
        try TestEnvironment.write(["svc/app.env": "GITLAB_TOKEN=\(Self.token)\n"], under: dir)
        try await TestEnvironment.git(["add", "-A"], in: dir)
        try await TestEnvironment.git(["commit", "-q", "-m", "add"], in: dir)
        let out = try TestEnvironment.makeTemporaryDirectory("picket-out")
        defer { TestEnvironment.remove(out) }
        let r = try await picket(["scan", dir, "--format", "json", "--output", out + "/r.json",
                                  "--report", "sarif=\(out)/r.sarif", "--report", "gitlab-secret-detection=\(out)/gl.json"])
        #expect(r.status == 1)
        #expect(r.stdoutText.isEmpty, "the report went to --output")
        for (schema, file) in [("sarif", "r.sarif"), ("gitlab-secret-detection", "gl.json")] {
            let problems = try await TestEnvironment.validateJSON(schema: schema, document: out + "/" + file)
            #expect(problems == nil, "\(file): \(problems ?? "")")
        }
        for file in ["r.json", "r.sarif", "gl.json"] {
            let text = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
            #expect(!text.contains(Self.token), "\(file) leaks the secret")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/r.json"))) as? [String: Any])
        #expect((json["target"] as? [String: Any])?["branch"] as? String == "main")
    }

    @Test func gitlabFormatOutsideGitSaysSo() async throws {
        let dir = try project(["app.env": "GITLAB_TOKEN=\(Self.token)\n"])
        defer { TestEnvironment.remove(dir) }
        let r = try await picket(["scan", dir, "--scanners", "secrets", "--format", "gitlab"])
        #expect(r.status == 2)
        #expect(r.stderrText.contains("needs a commit sha"))
    }

    @Test func baselineSuppressesKnownFindings() async throws {
        let dir = try project(["app.env": "GITLAB_TOKEN=\(Self.token)\n"])
        defer { TestEnvironment.remove(dir) }
        let out = try TestEnvironment.makeTemporaryDirectory("picket-baseline")
        defer { TestEnvironment.remove(out) }
        let path = out + "/baseline.json"
        let first = try await picket(["scan", dir, "--format", "json", "--output", path])
        #expect(first.status == 1)
        let second = try await picket(["scan", dir, "--baseline", path])
        #expect(second.status == 0)
        #expect(second.stdoutText.contains("1 suppressed"))
        try TestEnvironment.write(["new.env": "GH=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\n"], under: dir)
        #expect(try await picket(["scan", dir, "--baseline", path]).status == 1, "a new secret still fails")
    }

    @Test func noRedactRevealsAndProgressIsOptIn() async throws {
        let dir = try project(["app.env": "GITLAB_TOKEN=\(Self.token)\n"])
        defer { TestEnvironment.remove(dir) }
        let shown = try await picket(["scan", dir, "--no-redact", "--format", "json"])
        #expect(shown.stdoutText.contains(Self.token))
        let quiet = try await picket(["scan", dir])
        #expect(quiet.stderrText.isEmpty, "no progress on a non-terminal by default")
        let loud = try await picket(["scan", dir, "--progress"])
        #expect(loud.stderrText.contains("files"))
        #expect(!loud.stderrText.contains(Self.token))
    }

    @Test func historyFlagScansRemovedSecrets() async throws {
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-cli-hist")
        defer { TestEnvironment.remove(dir) }
        try await TestEnvironment.git(["init", "-q", "-b", "main"], in: dir)
        try TestEnvironment.write(["a.env": "T=\(Self.token)\n"], under: dir)
        try await TestEnvironment.git(["add", "-A"], in: dir)
        try await TestEnvironment.git(["commit", "-q", "-m", "oops"], in: dir)
        try TestEnvironment.write(["a.env": "T=\n"], under: dir)
        try await TestEnvironment.git(["commit", "-q", "-am", "fix"], in: dir)
        #expect(try await picket(["scan", dir]).status == 0)
        let r = try await picket(["scan", "--history", dir])
        #expect(r.status == 1)
        #expect(r.stdoutText.contains("introduced in"))
        #expect(r.stdoutText.contains("Test Author"))
    }

    @Test func rulesCommandListsThePack() async throws {
        let r = try await TestEnvironment.runPicket(["rules"])
        #expect(r.status == 0)
        #expect(r.stdoutText.contains("gitlab-pat"))
    }
}
