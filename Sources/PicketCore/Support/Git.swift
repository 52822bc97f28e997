import Foundation

/// The few git facts Core needs about a folder: is it in a work tree, and what is HEAD.
/// Hardened the way every Picket git call is: no system or global config, no prompts, no pager.
public enum Git {
    /// Environment for every git child: never read the user's config, never prompt, never page.
    public static func environment(extra: [String: String] = [:]) -> [String: String] {
        var env: [String: String] = [:]
        let inherited = ProcessInfo.processInfo.environment
        for key in ["PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SSL_CERT_FILE", "SSL_CERT_DIR",
                    "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"] {
            if let v = inherited[key] { env[key] = v }
        }
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["GIT_PAGER"] = "cat"
        env["GIT_OPTIONAL_LOCKS"] = "0"
        env["GIT_LFS_SKIP_SMUDGE"] = "1"
        for (k, v) in extra { env[k] = v }
        return env
    }

    public static func run(_ args: [String], in directory: String, timeout: Duration = .seconds(120)) async throws -> ProcessRunner.Result {
        try await ProcessRunner("git", ["-c", "safe.directory=*"] + args, environment: environment(),
                                workingDirectory: directory, timeout: timeout).run()
    }

    /// The work tree's top folder, or nil when `directory` is not inside a git work tree.
    public static func topLevel(of directory: String) async -> String? {
        guard let r = try? await run(["rev-parse", "--show-toplevel"], in: directory), r.succeeded else { return nil }
        let t = r.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }

    /// True when `directory` is a bare repository (no work tree: only history can be scanned).
    public static func isBareRepository(_ directory: String) async -> Bool {
        guard let r = try? await run(["rev-parse", "--is-bare-repository"], in: directory), r.succeeded else { return false }
        return r.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "true"
    }

    /// The directory to run history commands in: the work tree's top, or the bare repository itself.
    public static func repositoryRoot(of directory: String) async -> String? {
        if let top = await topLevel(of: directory) { return top }
        return await isBareRepository(directory) ? directory : nil
    }

    /// HEAD's commit and branch, or nil in a repository without commits.
    public static func head(of directory: String) async -> (commit: CommitInfo, branch: String?)? {
        guard let r = try? await run(["log", "-1", "--format=%H%x00%an%x00%ae%x00%aI%x00%s", "HEAD"], in: directory),
              r.succeeded else { return nil }
        let f = r.stdoutText.trimmingCharacters(in: .newlines).split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        guard f.count >= 5, f[0].count >= 40 else { return nil }
        var branch: String?
        if let b = try? await run(["symbolic-ref", "--short", "-q", "HEAD"], in: directory), b.succeeded {
            let s = b.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            branch = s.isEmpty ? nil : s
        }
        return (CommitInfo(sha: f[0], author: f[1], email: f[2], date: f[3], message: f[4]), branch)
    }
}
