#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PicketCore
@testable import PicketGitLab
import PicketTestSupport
import Testing

/// Fetching code over real git smart HTTP from the simulator, with hostile repositories.
@Suite struct SafeFetchTests {
    typealias Tok = SimHarness.Tok

    func fetcher(_ h: SimHarness, work: String, token: String = Tok.service, git: String = "git") throws -> SafeFetcher {
        SafeFetcher(auth: GitAuth(endpoint: try GitLabEndpoint(parsing: h.url), token: GitLabToken(token)!), workDirectory: work, git: git)
    }

    /// True once `pid` no longer runs (absent, or a zombie waiting to be reaped).
    static func gone(_ pid: Int32) async -> Bool {
        for _ in 0..<50 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            if let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "Z" { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    func entries(_ dir: String) -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] }

    /// A local repository with `files`, one commit on main.
    func makeRepo(_ files: [String: String]) async throws -> String {
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-src")
        try await TestEnvironment.git(["init", "-q", "-b", "main"], in: dir)
        try TestEnvironment.write(files, under: dir)
        try await TestEnvironment.git(["add", "-A"], in: dir)
        try await TestEnvironment.git(["commit", "-q", "-m", "content"], in: dir)
        return dir
    }

    @Test func shallowCloneOfTheDefaultBranchIsRemovedAfterwards() async throws {
        try await SimHarness.with { h in
            let work = try TestEnvironment.makeTemporaryDirectory("picket-work")
            defer { TestEnvironment.remove(work) }
            let head = try await h.withClient(Tok.service) { try await $0.branch(projectID: 101, name: "main").commit.id }
            var seenRoot = ""
            let count = try await fetcher(h, work: work).withClone(projectPath: "acme/platform/backend/payments/payments-api",
                                                                   branch: "main", options: FetchOptions()) { repo in
                seenRoot = repo.root
                #expect(repo.headSHA == head)
                #expect(FileManager.default.fileExists(atPath: repo.root + "/config/settings.py"))
                return try await TestEnvironment.git(["rev-list", "--count", "HEAD"], in: repo.root)
            }
            #expect(count.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "depth 1")
            #expect(!FileManager.default.fileExists(atPath: seenRoot))
            #expect(entries(work).isEmpty, "temporary folder removed")
        }
    }

    @Test func hostileRepositoryRunsNothing() async throws {
        try await SimHarness.with { h in
            let markers = try TestEnvironment.makeTemporaryDirectory("picket-markers")
            let work = try TestEnvironment.makeTemporaryDirectory("picket-work")
            defer { TestEnvironment.remove(markers); TestEnvironment.remove(work) }
            let hook = "#!/bin/sh\ntouch \(markers)/hook-ran\n"
            let src = try await makeRepo([
                ".githooks/post-checkout": hook,
                ".husky/post-checkout": hook,
                "README.md": "nothing to see\n",
                ".gitmodules": "[submodule \"evil\"]\n\tpath = evil\n\turl = ext::sh -c touch% \(markers)/ext-ran\n",
            ])
            defer { TestEnvironment.remove(src) }
            chmod(src + "/.githooks/post-checkout", 0o755)
            chmod(src + "/.husky/post-checkout", 0o755)
            try await TestEnvironment.git(["add", "-A"], in: src)
            // A gitlink for the submodule, pointing at this very commit.
            let sha = try await TestEnvironment.git(["rev-parse", "HEAD"], in: src).trimmingCharacters(in: .whitespacesAndNewlines)
            try await TestEnvironment.git(["update-index", "--add", "--cacheinfo", "160000,\(sha),evil"], in: src)
            try await TestEnvironment.git(["commit", "-q", "-m", "hooks and a submodule"], in: src)
            try await h.push(src, to: "acme/web/hostile")

            // Control: a careless clone (hooks path into the repository, ext allowed, submodules recursed) runs both.
            let auth = GitAuth(endpoint: try GitLabEndpoint(parsing: h.url), token: GitLabToken(Tok.service)!)
            let careless = try await ProcessRunner("git", ["-c", "protocol.http.allow=always", "-c", "protocol.ext.allow=always",
                                                           "-c", "core.hooksPath=.githooks", "clone", "-q", "--recurse-submodules",
                                                           try GitLabEndpoint(parsing: h.url).gitURL(projectPath: "acme/web/hostile"),
                                                           work + "/careless"],
                                                   environment: Git.environment(extra: auth.environment), timeout: .seconds(120)).run()
            _ = careless // the submodule clone itself fails; what matters is what ran
            #expect(FileManager.default.fileExists(atPath: markers + "/hook-ran"), "the fixture's hook is armed")
            #expect(FileManager.default.fileExists(atPath: markers + "/ext-ran"), "the fixture's ext:: submodule is armed")
            TestEnvironment.remove(work + "/careless")
            unlink(markers + "/hook-ran")
            unlink(markers + "/ext-ran")

            // Picket's fetch: the files are there to scan, nothing ran, the submodule was never fetched.
            try await fetcher(h, work: work).withClone(projectPath: "acme/web/hostile", branch: "main", options: FetchOptions()) { repo in
                #expect(FileManager.default.fileExists(atPath: repo.root + "/.gitmodules"))
                #expect(FileManager.default.fileExists(atPath: repo.root + "/.githooks/post-checkout"))
                #expect(entries(repo.root + "/evil").isEmpty)
            }
            #expect(entries(markers).isEmpty, "no hook and no ext:: command ran: \(entries(markers))")
            #expect(entries(work).isEmpty)
        }
    }

    @Test func repositoryOverTheSizeLimitIsStoppedAndRemoved() async throws {
        try await SimHarness.with { h in
            let work = try TestEnvironment.makeTemporaryDirectory("picket-work")
            defer { TestEnvironment.remove(work) }
            let src = try await makeRepo(["README.md": "big\n"])
            defer { TestEnvironment.remove(src) }
            // 3 MB that does not compress.
            let random = try await ProcessRunner("head", ["-c", "3000000", "/dev/urandom"]).run().stdout
            try random.write(to: URL(fileURLWithPath: src + "/blob.bin"))
            try await TestEnvironment.git(["add", "-A"], in: src)
            try await TestEnvironment.git(["commit", "-q", "-m", "big"], in: src)
            try await h.push(src, to: "acme/web/hostile")
            do {
                try await fetcher(h, work: work).withClone(projectPath: "acme/web/hostile", branch: "main",
                                                           options: FetchOptions(maxRepositoryBytes: 1 << 20)) { _ in
                    Issue.record("the body must not run for a repository over the limit")
                }
                Issue.record("expected tooLarge")
            } catch let e as FetchError {
                guard case .tooLarge(let limit, let observed) = e else { Issue.record("got \(e)"); return }
                #expect(limit == 1 << 20 && observed > limit)
                #expect(e.description.hasPrefix("repository larger than the limit ("))
                #expect(e.description.hasSuffix(" > 1.0 MiB); raise --max-repo-size to scan it"))
            }
            #expect(entries(work).isEmpty)
        }
    }

    @Test func partialCloneLeavesBigBlobsOnTheServer() async throws {
        try await SimHarness.with { h in
            let work = try TestEnvironment.makeTemporaryDirectory("picket-work")
            defer { TestEnvironment.remove(work) }
            let src = try await makeRepo(["README.md": "small\n", "src/app.py": "print('hi')\n"])
            defer { TestEnvironment.remove(src) }
            let random = try await ProcessRunner("head", ["-c", "2000000", "/dev/urandom"]).run().stdout
            try FileManager.default.createDirectory(atPath: src + "/assets", withIntermediateDirectories: true)
            try random.write(to: URL(fileURLWithPath: src + "/assets/video.bin"))
            try await TestEnvironment.git(["add", "-A"], in: src)
            try await TestEnvironment.git(["commit", "-q", "-m", "asset"], in: src)
            try await h.push(src, to: "acme/web/hostile")
            // Partial clone on the server side, as GitLab has it (uploadpack.allowFilter).
            let gitDir = h.sim.core.repositories.repository(106).gitDir
            try await TestEnvironment.git(["config", "-f", gitDir + "/config", "uploadpack.allowFilter", "true"], in: work)

            try await fetcher(h, work: work).withClone(projectPath: "acme/web/hostile", branch: "main",
                                                       options: FetchOptions(maxBlobBytes: 1 << 20)) { repo in
                #expect(repo.skippedLargeFiles == ["assets/video.bin"])
                #expect(FileManager.default.fileExists(atPath: repo.root + "/src/app.py"))
                #expect(FileManager.default.fileExists(atPath: repo.root + "/README.md"))
                #expect(!FileManager.default.fileExists(atPath: repo.root + "/assets/video.bin"))
                #expect(repo.bytesOnDisk < 1_000_000, "the 2 MB blob was never downloaded: \(repo.bytesOnDisk) bytes")
            }
            #expect(entries(work).isEmpty)
        }
    }

    @Test func cloneFailureIsReportedWithGitsMessage() async throws {
        try await SimHarness.with { h in
            let work = try TestEnvironment.makeTemporaryDirectory("picket-work")
            defer { TestEnvironment.remove(work) }
            // The repository behind acme/platform/ledger disappears from the server.
            try FileManager.default.removeItem(atPath: h.sim.core.repositories.repository(102).gitDir)
            await #expect(throws: FetchError.self) {
                try await fetcher(h, work: work).withClone(projectPath: "acme/platform/ledger", branch: "main", options: FetchOptions()) { _ in }
            }
            do {
                try await fetcher(h, work: work).withClone(projectPath: "acme/platform/ledger", branch: "main", options: FetchOptions()) { _ in }
            } catch {
                #expect("\(error)" == "git clone failed: fatal: Remote branch main not found in upstream origin")
            }
            #expect(entries(work).isEmpty)

            // A wrong token: git's own words, redacted, no prompt.
            let bad = try fetcher(h, work: work, token: "glpat-WrongTokenForGitAAAA")
            do {
                _ = try await bad.lsRemote(projectPath: "acme/web/storefront")
                Issue.record("a wrong token must not read")
            } catch {
                #expect("\(error)".hasPrefix("git ls-remote failed: "), "\(error)")
                #expect(!"\(error)".contains("glpat-WrongTokenForGitAAAA"))
            }
        }
    }

    @Test func cancellationRemovesTheTemporaryFolder() async throws {
        try await SimHarness.with { h in
            let work = try TestEnvironment.makeTemporaryDirectory("picket-work")
            defer { TestEnvironment.remove(work) }
            let f = try fetcher(h, work: work)
            let entered = AsyncStream<Void>.makeStream()
            let task = Task {
                try await f.withClone(projectPath: "acme/web/storefront", branch: "main", options: FetchOptions()) { _ in
                    entered.continuation.yield()
                    try await Task.sleep(for: .seconds(60))
                }
            }
            for await _ in entered.stream { break }
            #expect(entries(work).count == 1, "the clone exists while the body runs")
            task.cancel()
            _ = await task.result
            #expect(entries(work).isEmpty)
        }
    }

    @Test func timeoutKillsGitsWholeProcessGroup() async throws {
        try await SimHarness.with { h in
            let work = try TestEnvironment.makeTemporaryDirectory("picket-work")
            defer { TestEnvironment.remove(work) }
            // A git that hangs in a grandchild, as a stuck remote helper would.
            let wrapper = work + "/../hanging-git-\(UUID().uuidString)"
            let pidFile = wrapper + ".pid"
            try "#!/bin/sh\nsleep 60 &\necho $! > \(pidFile)\nwait\n".write(toFile: wrapper, atomically: true, encoding: .utf8)
            chmod(wrapper, 0o755)
            defer { unlink(wrapper); unlink(pidFile) }
            let started = ContinuousClock.now
            do {
                try await fetcher(h, work: work, git: wrapper).withClone(projectPath: "acme/web/storefront", branch: "main",
                                                                         options: FetchOptions(timeout: .seconds(1))) { _ in }
                Issue.record("expected a timeout")
            } catch let e as FetchError {
                #expect(e == .timedOut(seconds: 1))
                #expect(e.description == "git took longer than 1 s and was stopped; raise --clone-timeout or check the connection")
            }
            #expect(ContinuousClock.now - started < .seconds(20))
            let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(await Self.gone(pid), "the grandchild was killed with the group")
            #expect(entries(work).isEmpty)
        }
    }
}
