#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NIOHTTP1
import PicketCore
import PicketGitLab
import PicketTestSupport
import Testing

/// `picket gitlab ...` as users run it: the built binary as a subprocess against the simulator.
@Suite struct GitLabCLITests {
    typealias Tok = SimHarness.Tok

    /// A folder with a `git` wrapper that logs its argv and environment, then runs the real git.
    struct RecordingGit {
        let dir: String
        let log: String

        init() throws {
            dir = try TestEnvironment.makeTemporaryDirectory("picket-gitwrap")
            log = dir + "/git.log"
            guard let real = ProcessRunner.locate("git") else { throw PicketError.runtime("git not on PATH") }
            let script = """
            #!/bin/sh
            {
              printf 'ARGV'
              for a in "$@"; do printf ' %s' "$a"; done
              printf '\\n'
              env | sed 's/^/ENV /'
            } >> '\(log)'
            exec '\(real)' "$@"

            """
            try script.write(toFile: dir + "/git", atomically: true, encoding: .utf8)
            chmod(dir + "/git", 0o755)
        }

        var text: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        var path: String { dir + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") }
    }

    func picket(_ args: [String], data: String, env: [String: String] = [:]) async throws -> ProcessRunner.Result {
        var e = ["PICKET_GITLAB_TOKEN": "", "PICKET_SECRET_KEY": ""]
        for (k, v) in env { e[k] = v }
        return try await TestEnvironment.runPicket(args + ["--data-dir", data], environment: e)
    }

    @Test func checkCommandPrintsOneLinePerStepAndExitsByBlockingSteps() async throws {
        try await SimHarness.with { h in
            let data = try TestEnvironment.makeTemporaryDirectory("picket-data")
            defer { TestEnvironment.remove(data) }
            try TestEnvironment.write(["revoked": Tok.revoked + "\n"], under: data)

            let ok = try await picket(["gitlab", "check", "--url", h.url, "--group", "acme"], data: data,
                                      env: ["PICKET_GITLAB_TOKEN": Tok.service])
            #expect(ok.status == 0, "\(ok.stdoutText)\(ok.stderrText)")
            let lines = ok.stdoutText.split(separator: "\n").map(String.init)
            #expect(lines.count == 11)
            #expect(lines.first == "✓ GitLab URL  GitLab 17.9.2-ee answers at \(h.url)")
            #expect(lines.contains("✓ Role        'service_account_group_10_picket' is Maintainer (40) in 'acme'"))
            #expect(lines.last == "Picket can work with acme at \(h.url).")

            let json = try await picket(["gitlab", "check", "--url", h.url, "--group", "acme", "--format", "json"], data: data,
                                        env: ["PICKET_GITLAB_TOKEN": Tok.service])
            #expect(json.status == 0)
            let obj = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
            #expect(obj["ok"] as? Bool == true)
            let steps = try #require(obj["steps"] as? [[String: Any]])
            #expect(steps.map { $0["step"] as? String } == CheckStep.allCases.map(\.rawValue))
            #expect(steps.allSatisfy { $0["status"] as? String == "pass" })

            let bad = try await picket(["gitlab", "check", "--url", h.url, "--group", "acme", "--token-file", data + "/revoked"], data: data)
            #expect(bad.status == 1)
            #expect(bad.stdoutText.contains("✗ Token       GitLab says this token was revoked\n"))
            #expect(bad.stdoutText.contains("fix: Create a new token with the api scope"))
            #expect(bad.stdoutText.hasSuffix("Picket cannot work with acme at \(h.url) yet: fix the ✗ steps above and run the check again.\n"))

            let refused = try await picket(["gitlab", "check", "--url", h.url, "--group", "acme", "--token", Tok.service], data: data)
            #expect(refused.status == 2)
            #expect(refused.stderrText.contains("--token is not accepted"))
            #expect(!(refused.stdoutText + refused.stderrText).contains(Tok.service))

            let stray = try await picket(["gitlab", "check", Tok.service], data: data)
            #expect(stray.status == 2)
            #expect(!(stray.stdoutText + stray.stderrText).contains(Tok.service), "a token typed as an argument is not echoed")

            let noGroup = try await picket(["gitlab", "check", "--url", h.url], data: data, env: ["PICKET_GITLAB_TOKEN": Tok.service])
            #expect(noGroup.status == 2)
            #expect(noGroup.stderrText.contains("--group is required"))
            let badFormat = try await picket(["gitlab", "check", "--url", h.url, "--group", "acme", "--format", "xml"], data: data,
                                             env: ["PICKET_GITLAB_TOKEN": Tok.service])
            #expect(badFormat.status == 2)
        }
    }

    @Test func tokenSetKeepsTheOldTokenWhenTheNewOneFailsAndRotateReplacesIt() async throws {
        try await SimHarness.with { h in
            let data = try TestEnvironment.makeTemporaryDirectory("picket-data")
            defer { TestEnvironment.remove(data) }
            try TestEnvironment.write(["good": Tok.service + "\n", "revoked": Tok.revoked + "\n", "ruser": Tok.readUser + "\n"], under: data)

            let set = try await picket(["gitlab", "token", "set", "--url", h.url, "--group", "acme", "--token-file", data + "/good"], data: data)
            #expect(set.status == 0, "\(set.stderrText)")
            #expect(set.stdoutText == "stored token 'picket' (id 1) for acme at \(h.url); it never expires\n")
            let recordPath = data + "/gitlab/tokens/default.json"
            let before = try Data(contentsOf: URL(fileURLWithPath: recordPath))
            #expect(!String(decoding: before, as: UTF8.self).contains(Tok.service))

            for bad in ["revoked", "ruser"] {
                let r = try await picket(["gitlab", "token", "set", "--token-file", data + "/" + bad], data: data)
                #expect(r.status == 1)
                #expect(r.stderrText.contains("the new token was not stored (the previous token stays in use): fix the ✗ steps above"))
                #expect(try Data(contentsOf: URL(fileURLWithPath: recordPath)) == before, "the old record is untouched")
            }

            // The stored token is used when no other is given.
            let check = try await picket(["gitlab", "check"], data: data)
            #expect(check.status == 0, "\(check.stdoutText)\(check.stderrText)")

            let rotate = try await picket(["gitlab", "token", "rotate"], data: data)
            #expect(rotate.status == 0, "\(rotate.stderrText)")
            #expect(rotate.stdoutText.hasPrefix("rotated: token 1 → "))
            let status = try await picket(["gitlab", "token", "status", "--verify"], data: data)
            #expect(status.status == 0, "\(status.stdoutText)\(status.stderrText)")
            #expect(status.stdoutText.contains("connection: acme at \(h.url)"))
            #expect(status.stdoutText.contains("account:    service_account_group_10_picket (a service account)"))
            #expect(status.stdoutText.contains("(by rotation)"))
            #expect(status.stdoutText.contains("GitLab:     active"))
            #expect(!status.stdoutText.contains("id 1)"))
            #expect(try await picket(["gitlab", "check"], data: data).status == 0, "the rotated token from the vault works")
            // The old token is dead. Using it is GitLab's reuse signal: the whole token family, the new token
            // included, is revoked (why nothing else may keep the old token after a rotation).
            let old = try await picket(["gitlab", "check", "--token-file", data + "/good"], data: data)
            #expect(old.status == 1)
            #expect(old.stdoutText.contains("GitLab says this token was revoked"))
            let after = try await picket(["gitlab", "check"], data: data)
            #expect(after.status == 1)
            #expect(after.stdoutText.contains("GitLab says this token was revoked"))
        }
    }

    @Test func scanEndToEndKeepsTheTokenOutOfArgumentsAndLogsAndRunsNoHook() async throws {
        try await SimHarness.with { h in
            let data = try TestEnvironment.makeTemporaryDirectory("picket-data")
            let home = try TestEnvironment.makeTemporaryDirectory("picket-home")
            let git = try RecordingGit()
            defer { TestEnvironment.remove(data); TestEnvironment.remove(home); TestEnvironment.remove(git.dir) }
            // A machine whose git would run hooks on every clone: global hooksPath and a template with hooks.
            let hook = "#!/bin/sh\ntouch \(home)/hook-ran-$$\n"
            try TestEnvironment.write([".gitconfig": "[core]\n\thooksPath = \(home)/hooks\n",
                                       "hooks/post-checkout": hook, "templates/hooks/post-checkout": hook], under: home)
            chmod(home + "/hooks/post-checkout", 0o755)
            chmod(home + "/templates/hooks/post-checkout", 0o755)
            let hostileEnv = ["HOME": home, "GIT_TEMPLATE_DIR": home + "/templates", "XDG_CONFIG_HOME": home + "/.config"]

            // Control: plain git on this machine runs the hook.
            var controlEnv = ProcessInfo.processInfo.environment
            for (k, v) in hostileEnv { controlEnv[k] = v }
            for (k, v) in GitAuth(endpoint: try GitLabEndpoint(parsing: h.url), token: h.token(Tok.service)).environment { controlEnv[k] = v }
            _ = try await ProcessRunner("git", ["-c", "protocol.http.allow=always", "clone", "-q",
                                                try GitLabEndpoint(parsing: h.url).gitURL(projectPath: "acme/web/storefront"), home + "/control"],
                                        environment: controlEnv, timeout: .seconds(60)).run()
            let ran = (try FileManager.default.contentsOfDirectory(atPath: home)).filter { $0.hasPrefix("hook-ran") }
            #expect(!ran.isEmpty, "the control clone ran the machine's hook")
            for f in ran { unlink(home + "/" + f) }

            var env = hostileEnv
            env["PATH"] = git.path
            env["PICKET_GITLAB_TOKEN"] = Tok.service
            let out = data + "/report.json"
            let r = try await picket(["gitlab", "scan", "--url", h.url, "--group", "acme", "--format", "json", "--output", out,
                                      "--verbose", "--progress"], data: data, env: env)
            #expect(r.status == 1, "a critical finding: \(r.stderrText)")

            let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
            let findings = try #require(report["findings"] as? [[String: Any]])
            let paths = findings.compactMap { ($0["location"] as? [String: Any])?["path"] as? String }
            #expect(paths.contains("acme/platform/backend/payments/payments-api/config/settings.py"), "\(paths)")
            #expect(paths.allSatisfy { $0.hasPrefix("acme/") })
            let target = try #require(report["target"] as? [String: Any])
            #expect(target["root"] as? String == "\(h.url)/acme")

            // The summary names every project with its result.
            let err = r.stderrText
            #expect(err.contains("PROJECT"))
            for p in ["acme/platform/backend/payments/payments-api", "acme/platform/ledger", "acme/web/storefront"] {
                #expect(err.split(separator: "\n").contains { $0.hasPrefix(p) && $0.contains("scanned") }, "\(p) in:\n\(err)")
            }
            #expect(err.contains("3 project(s): 3 scanned, 0 failed, 0 skipped"))
            #expect(!err.contains("old-portal") && !err.contains("partners/sdk"), "archived and shared-in projects are left out")
            #expect(err.contains("GitLab API requests"))

            // The token: not in any git argv, not in anything Picket printed or wrote, only base64'd in GIT_CONFIG_VALUE_0.
            let log = git.text
            #expect(log.contains("ARGV "), "git ran through the wrapper")
            #expect(log.contains(" core.hooksPath=/dev/null"))
            #expect(log.contains(" clone --no-checkout --single-branch --branch main --no-tags --no-recurse-submodules --depth 1"))
            #expect(!log.contains(Tok.service), "the literal token appears nowhere in git's argv or environment")
            let basic = Data("oauth2:\(Tok.service)".utf8).base64EncodedString()
            let carrying = log.split(separator: "\n").filter { $0.contains(basic) }
            #expect(!carrying.isEmpty)
            #expect(carrying.allSatisfy { $0.hasPrefix("ENV GIT_CONFIG_VALUE_0=Authorization: Basic ") }, "\(carrying)")
            for text in [r.stdoutText, r.stderrText, try String(contentsOfFile: out, encoding: .utf8)] {
                #expect(!text.contains(Tok.service))
                #expect(!text.contains(basic))
            }
            #expect(err.contains("picket: GET /groups/10/projects"), "verbose logging is on")

            // Nothing ran, nothing left behind.
            #expect((try FileManager.default.contentsOfDirectory(atPath: home)).filter { $0.hasPrefix("hook-ran") }.isEmpty)
            #expect((try? FileManager.default.contentsOfDirectory(atPath: data + "/gitlab/work"))?.isEmpty ?? true)
        }
    }

    @Test func projectOverTheSizeLimitIsReportedAndTheOthersAreScanned() async throws {
        try await SimHarness.with { h in
            let data = try TestEnvironment.makeTemporaryDirectory("picket-data")
            defer { TestEnvironment.remove(data) }
            let src = try TestEnvironment.makeTemporaryDirectory("picket-src")
            defer { TestEnvironment.remove(src) }
            try await TestEnvironment.git(["init", "-q", "-b", "main"], in: src)
            let random = try await ProcessRunner("head", ["-c", "3000000", "/dev/urandom"]).run().stdout
            try random.write(to: URL(fileURLWithPath: src + "/blob.bin"))
            try await TestEnvironment.git(["add", "-A"], in: src)
            try await TestEnvironment.git(["commit", "-q", "-m", "big"], in: src)
            try await h.push(src, to: "acme/web/hostile")

            let r = try await picket(["gitlab", "scan", "--url", h.url, "--group", "acme", "--format", "json", "--concurrency", "2",
                                      "--max-repo-size", "1MB"], data: data, env: ["PICKET_GITLAB_TOKEN": Tok.service])
            #expect(r.status == 2, "a project could not be scanned: \(r.stderrText)")
            let line = r.stderrText.split(separator: "\n").first { $0.hasPrefix("acme/web/hostile") }
            #expect(line?.contains("failed: repository larger than the limit (") == true, "\(r.stderrText)")
            #expect(line?.hasSuffix(" > 1.0 MiB); raise --max-repo-size to scan it") == true)
            #expect(r.stderrText.contains("4 project(s): 3 scanned, 1 failed, 0 skipped"))
            let report = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
            let diags = try #require(report["diagnostics"] as? [[String: Any]])
            #expect(diags.contains { $0["path"] as? String == "acme/web/hostile" && ($0["message"] as? String)?.hasPrefix("not scanned: repository larger than the limit") == true })
            #expect((report["findings"] as? [Any])?.isEmpty == false, "the other projects' findings are there")
        }
    }

    @Test func incrementalScanSkipsUnchangedProjects() async throws {
        try await SimHarness.with { h in
            let data = try TestEnvironment.makeTemporaryDirectory("picket-data")
            defer { TestEnvironment.remove(data) }
            let env = ["PICKET_GITLAB_TOKEN": Tok.service]
            let args = ["gitlab", "scan", "--url", h.url, "--group", "acme/web", "--incremental", "--format", "json"]
            let first = try await picket(args, data: data, env: env)
            #expect(first.status == 0, "\(first.stderrText)")
            #expect(first.stderrText.contains("1 project(s): 1 scanned, 0 failed, 0 skipped"))
            let second = try await picket(args, data: data, env: env)
            #expect(second.status == 0)
            #expect(second.stderrText.contains("acme/web/storefront  skipped (unchanged)"), "\(second.stderrText)")

            // A push moves the head: the next incremental run scans it again, and finds the new secret.
            let parent = try TestEnvironment.makeTemporaryDirectory("picket-src")
            defer { TestEnvironment.remove(parent) }
            let src = parent + "/storefront"
            let auth = GitAuth(endpoint: try GitLabEndpoint(parsing: h.url), token: h.token(Tok.service))
            let clone = try await ProcessRunner("git", ["-c", "protocol.http.allow=always", "clone", "-q",
                                                        try GitLabEndpoint(parsing: h.url).gitURL(projectPath: "acme/web/storefront"), src],
                                                environment: Git.environment(extra: auth.environment), timeout: .seconds(60)).run()
            #expect(clone.succeeded, "\(clone.stderrText)")
            try TestEnvironment.write([".env": "GITLAB_TOKEN=glpat-3Fq9vR2xKp7LmN4tYw8Z\n"], under: src)
            try await TestEnvironment.git(["add", "-A"], in: src)
            try await TestEnvironment.git(["commit", "-q", "-m", "env"], in: src)
            try await h.push(src, to: "acme/web/storefront", branch: "main")
            let third = try await picket(args, data: data, env: env)
            #expect(third.status == 1, "\(third.stderrText)")
            #expect(third.stderrText.contains("1 project(s): 1 scanned, 0 failed, 0 skipped"))
        }
    }
}
