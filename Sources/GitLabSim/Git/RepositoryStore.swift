import Foundation

/// Owns the bare repositories under `<state>/repos/<project id>.git`; builds them from fixture folders and
/// serializes writes (pushes through the control API, MR branches) per instance.
public final class RepositoryStore: Sendable {
    public let root: String
    let home: String
    let scratch: String
    let writeLock = AsyncLock()

    init(stateDirectory: String) throws {
        root = stateDirectory + "/repos"
        home = stateDirectory + "/home"
        scratch = stateDirectory + "/scratch"
        for d in [root, home, scratch] { try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true) }
    }

    public func repository(_ projectID: Int) -> GitRepository {
        GitRepository(gitDir: "\(root)/\(projectID).git", home: home)
    }

    /// The repository of a project, created empty on first use (worlds with thousands of projects stay cheap).
    func ensureRepository(_ project: SimProject) async throws -> GitRepository {
        let repo = repository(project.id)
        if repo.exists { return repo }
        return try await writeLock.withLock {
            if !repo.exists { try await repo.initialize(defaultBranch: project.defaultBranch) }
            return repo
        }
    }

    /// Builds every project that has a source folder, then branches and merge-request source branches.
    func build(world: inout World) async throws {
        let projects = world.projects.values.filter { $0.source != nil }.sorted { $0.id < $1.id }
        for p in projects {
            let lastCommit = try await buildProject(p)
            // last_activity_at is at least the newest commit's date.
            if lastCommit > p.lastActivityAt { world.projects[p.id]?.lastActivityAt = lastCommit }
        }
        for id in world.mergeRequests.keys.sorted() {
            guard let mr = world.mergeRequests[id], let project = world.projects[mr.projectID] else { continue }
            let repo = repository(project.id)
            if let source = mr.source {
                _ = try await repo.commitChanges(branch: mr.sourceBranch, from: mr.targetBranch, overlay: source,
                                                 changes: mr.remove.map { .remove(path: $0) },
                                                 message: "\(mr.title)\n", author: project.commitAuthor,
                                                 date: mr.createdAt, scratch: scratch)
            }
            if let v = await version(repo: repo, mr: mr, id: world.allocateID("mr_version"), at: mr.createdAt) {
                world.mergeRequests[id]?.versions.append(v)
            }
        }
    }

    func version(repo: GitRepository, mr: SimMergeRequest, id: Int, at date: Date) async -> MergeRequestVersion? {
        guard let head = await repo.resolve("refs/heads/\(mr.sourceBranch)"),
              let start = await repo.resolve("refs/heads/\(mr.targetBranch)") else { return nil }
        let base = await repo.mergeBase(start, head) ?? start
        return MergeRequestVersion(id: id, headSHA: head, baseSHA: base, startSHA: start, createdAt: date)
    }

    /// Builds one project's repository; returns the date of its newest commit.
    private func buildProject(_ p: SimProject) async throws -> Date {
        guard let source = p.source else { return p.lastActivityAt }
        let repo = repository(p.id)
        if FileManager.default.fileExists(atPath: repo.gitDir) { try FileManager.default.removeItem(atPath: repo.gitDir) }
        try await repo.initialize(defaultBranch: p.defaultBranch)
        let steps = stepFolders(source)
        if steps.isEmpty {
            _ = try await repo.commitSnapshot(folder: source, branch: p.defaultBranch, message: commitMessage(source, fallback: "Initial commit"),
                                              author: p.commitAuthor, date: p.commitDate, scratch: scratch)
        } else {
            for (i, step) in steps.enumerated() {
                _ = try await repo.commitSnapshot(folder: step.path, branch: p.defaultBranch, message: commitMessage(step.path, fallback: step.name),
                                                  author: p.commitAuthor, date: SimClock.addDays(i, to: p.commitDate), scratch: scratch)
            }
        }
        for (i, b) in p.extraBranches.enumerated() {
            _ = try await repo.commitChanges(branch: b.name, from: b.from ?? p.defaultBranch, overlay: b.source, changes: [],
                                             message: (b.message ?? "Update on \(b.name)") + "\n", author: p.commitAuthor,
                                             date: SimClock.addDays(steps.count + i + 1, to: p.commitDate), scratch: scratch)
        }
        return SimClock.addDays(max(0, steps.count - 1) + p.extraBranches.count, to: p.commitDate)
    }

    /// `step-1`, `step-2`, ... sorted by number.
    func stepFolders(_ source: String) -> [(name: String, path: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: source)) ?? []
        return names.compactMap { n -> (Int, String)? in
            guard n.hasPrefix("step-"), let k = Int(n.dropFirst(5)) else { return nil }
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: source + "/" + n, isDirectory: &isDir), isDir.boolValue else { return nil }
            return (k, n)
        }.sorted { $0.0 < $1.0 }.map { ($0.1, source + "/" + $0.1) }
    }

    func commitMessage(_ folder: String, fallback: String) -> String {
        if let d = FileManager.default.contents(atPath: folder + "/.commit-message") {
            let s = String(decoding: d, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !s.isEmpty { return s + "\n" }
        }
        return fallback + "\n"
    }

    /// Commits changes on a branch under the write lock; returns (before, after).
    func commit(project: SimProject, branch: String, from: String?, overlay: String?, changes: [FileChange], message: String,
                author: CommitIdentity, date: Date) async throws -> (before: String, after: String) {
        let repo = try await ensureRepository(project)
        let scratch = self.scratch
        return try await writeLock.withLock {
            let before = await repo.resolve("refs/heads/\(branch)") ?? GitRepository.zeroSHA
            let after = try await repo.commitChanges(branch: branch, from: from, overlay: overlay, changes: changes,
                                                     message: message.hasSuffix("\n") ? message : message + "\n",
                                                     author: author, date: date, scratch: scratch)
            return (before, after)
        }
    }
}
