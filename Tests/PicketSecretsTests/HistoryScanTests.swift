import Foundation
import Testing
import PicketCore
import PicketTestSupport
@testable import PicketSecrets

@Suite struct HistoryScanTests {
    /// A repository where a secret was committed, then removed; another lives only on a branch.
    func makeRepository() async throws -> (root: String, introducing: String, branchCommit: String) {
        let root = try TestEnvironment.makeTemporaryDirectory("picket-history")
        try await TestEnvironment.git(["init", "-q", "-b", "main"], in: root)
        try TestEnvironment.write(["README.md": "demo\n", "config/dev.env": "DEBUG=1\n"], under: root)
        try await TestEnvironment.git(["add", "-A"], in: root)
        try await TestEnvironment.git(["commit", "-q", "-m", "initial"], in: root, date: "2026-01-01T10:00:00Z")
        try TestEnvironment.write(["config/dev.env": "DEBUG=1\nGITLAB_TOKEN=\(Samples.gitlabPAT)\n"], under: root)
        try await TestEnvironment.git(["commit", "-q", "-am", "add token"], in: root, date: "2026-01-02T10:00:00Z")
        let introducing = try await TestEnvironment.git(["rev-parse", "HEAD"], in: root).trimmingCharacters(in: .whitespacesAndNewlines)
        try TestEnvironment.write(["README.md": "demo\nmore\n"], under: root)
        try await TestEnvironment.git(["commit", "-q", "-am", "docs"], in: root, date: "2026-01-03T10:00:00Z")
        try TestEnvironment.write(["config/dev.env": "DEBUG=1\n"], under: root)
        try await TestEnvironment.git(["commit", "-q", "-am", "remove token"], in: root, date: "2026-01-04T10:00:00Z")
        try await TestEnvironment.git(["checkout", "-q", "-b", "feature"], in: root)
        try TestEnvironment.write(["scripts/deploy.sh": "export GITHUB_TOKEN=\(Samples.githubPAT)\n"], under: root)
        try await TestEnvironment.git(["add", "-A"], in: root)
        try await TestEnvironment.git(["commit", "-q", "-m", "deploy script"], in: root, date: "2026-01-05T10:00:00Z")
        let branchCommit = try await TestEnvironment.git(["rev-parse", "HEAD"], in: root).trimmingCharacters(in: .whitespacesAndNewlines)
        try await TestEnvironment.git(["checkout", "-q", "main"], in: root)
        return (root, introducing, branchCommit)
    }

    @Test func findsRemovedAndBranchOnlySecretsWithTheirCommits() async throws {
        let repo = try await makeRepository()
        defer { TestEnvironment.remove(repo.root) }
        let working = try await scanFolder(repo.root)
        #expect(working.findings.isEmpty, "the working tree no longer holds either secret")

        let report = try await scanFolder(repo.root, mode: .history)
        let gl = try #require(report.findings.first { $0.ruleID == "gitlab-pat" })
        #expect(gl.location.path == "config/dev.env")
        #expect(gl.location.startLine == 2)
        #expect(gl.location.commit?.sha == repo.introducing)
        #expect(gl.location.commit?.author == "Test Author")
        #expect(gl.location.commit?.date?.hasPrefix("2026-01-02") == true)
        #expect(gl.allLocations.count == 1, "one blob, one place, even though later commits kept it")
        let gh = try #require(report.findings.first { $0.ruleID == "github-pat" })
        #expect(gh.location.commit?.sha == repo.branchCommit)
        #expect(gh.location.path == "scripts/deploy.sh")
    }

    @Test func scansEachBlobExactlyOnce() async throws {
        let repo = try await makeRepository()
        defer { TestEnvironment.remove(repo.root) }
        let expected = try await TestEnvironment.git(["rev-list", "--objects", "--all", "--filter=object:type=blob", "--filter-provided-objects"], in: repo.root)
            .split(separator: "\n").count
        let report = try await scanFolder(repo.root, mode: .history)
        #expect(report.scanners.first?.stats["blobs"] == expected)
        #expect(report.scanners.first?.stats["files"] == expected, "every blob is text here, and each is read once")
    }

    @Test func corruptObjectIsReportedAndTheRestIsScanned() async throws {
        let repo = try await makeRepository()
        defer { TestEnvironment.remove(repo.root) }
        // Corrupt the loose object of README.md's first version.
        let blob = try await TestEnvironment.git(["rev-parse", "HEAD~3:README.md"], in: repo.root).trimmingCharacters(in: .whitespacesAndNewlines)
        let objectPath = repo.root + "/.git/objects/" + blob.prefix(2) + "/" + blob.dropFirst(2)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: objectPath)
        try Data("this is not zlib data".utf8).write(to: URL(fileURLWithPath: objectPath))
        let report = try await scanFolder(repo.root, mode: .history, parallelism: 1)
        #expect(report.findings.contains { $0.ruleID == "github-pat" } || report.findings.contains { $0.ruleID == "gitlab-pat" })
        #expect(report.diagnostics.contains { $0.level >= .warning }, "\(report.diagnostics)")
    }

    @Test func historyOutsideARepositoryIsAClearError() async throws {
        let root = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(root) }
        let report = try await scanFolder(root, mode: .history)
        #expect(report.hasScannerFailure)
        #expect(report.scanners.first?.error?.contains("not inside a git repository") == true)
    }
}

extension HistoryScanTests {
    @Test func scansABareRepository() async throws {
        let repo = try await makeRepository()
        defer { TestEnvironment.remove(repo.root) }
        let bare = repo.root + "-bare.git"
        defer { TestEnvironment.remove(bare) }
        try await TestEnvironment.git(["clone", "-q", "--bare", repo.root, bare], in: repo.root)
        let report = try await scanFolder(bare, mode: .history)
        #expect(report.findings.contains { $0.ruleID == "gitlab-pat" && $0.location.commit?.sha == repo.introducing })
        #expect(report.findings.allSatisfy { !$0.location.path.hasPrefix("objects/") })
    }
}
