import Foundation

public struct CommitInfo: Sendable {
    public var id: String
    public var shortID: String
    public var parentIDs: [String]
    public var authorName: String
    public var authorEmail: String
    public var authoredDate: String
    public var committerName: String
    public var committerEmail: String
    public var committedDate: String
    public var message: String
    public var title: String { String(message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "") }
}

public struct FileDiff: Sendable {
    public var oldPath: String
    public var newPath: String
    public var aMode: String
    public var bMode: String
    public var diff: String
    public var newFile: Bool
    public var renamedFile: Bool
    public var deletedFile: Bool
}

public struct ChangedPaths: Sendable {
    public var added: [String] = []
    public var modified: [String] = []
    public var removed: [String] = []
}

/// One change to apply on top of a parent commit: a file's new bytes, or its removal.
public enum FileChange: Sendable {
    case write(path: String, content: Data, executable: Bool)
    case remove(path: String)
}

/// Read and write access to one bare repository through the `git` binary.
public struct GitRepository: Sendable {
    public static let zeroSHA = String(repeating: "0", count: 40)
    public let gitDir: String
    let home: String

    public init(gitDir: String, home: String) {
        self.gitDir = gitDir
        self.home = home
    }

    var exists: Bool { FileManager.default.fileExists(atPath: gitDir + "/HEAD") }

    func initialize(defaultBranch: String) async throws {
        try FileManager.default.createDirectory(atPath: gitDir, withIntermediateDirectories: true)
        try await GitCommand.check(["init", "-q", "--bare", "-b", defaultBranch, gitDir], home: home)
    }

    @discardableResult
    func git(_ args: [String], env: [String: String] = [:], stdin: Data? = nil, cwd: String? = nil) async throws -> String {
        try await GitCommand.check(args, gitDir: gitDir, environment: env, home: home, stdin: stdin, workingDirectory: cwd)
    }

    func gitData(_ args: [String]) async throws -> Data? {
        let r = try await GitCommand.run(args, gitDir: gitDir, home: home)
        return r.status == 0 ? r.stdout : nil
    }

    // MARK: Reading

    /// Resolves a branch, tag or SHA to a commit SHA.
    public func resolve(_ ref: String) async -> String? {
        guard !ref.isEmpty, !ref.hasPrefix("-"), !ref.contains("..") || ref.count == 40 else { return nil }
        let r = try? await GitCommand.run(["rev-parse", "--verify", "--quiet", "--end-of-options", "\(ref)^{commit}"], gitDir: gitDir, home: home)
        guard let r, r.status == 0 else { return nil }
        let sha = r.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return sha.count == 40 ? sha : nil
    }

    public func branches() async -> [(name: String, sha: String)] {
        guard let out = try? await git(["for-each-ref", "--format=%(refname:strip=2)%00%(objectname)", "refs/heads"]) else { return [] }
        return out.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\0", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), String(parts[1]))
        }.sorted { $0.name < $1.name }
    }

    public func isEmpty() async -> Bool { await branches().isEmpty }

    public func commit(_ sha: String) async -> CommitInfo? {
        guard let full = await resolve(sha) else { return nil }
        guard let out = try? await git(["show", "-s", "--format=%H%x00%h%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B", full]) else { return nil }
        let f = out.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        guard f.count >= 10 else { return nil }
        var message = f[9...].joined(separator: "\0")
        while message.hasSuffix("\n\n") { message.removeLast() }
        return CommitInfo(id: f[0], shortID: String(f[0].prefix(8)), parentIDs: f[2].split(separator: " ").map(String.init),
                          authorName: f[3], authorEmail: f[4], authoredDate: f[5], committerName: f[6], committerEmail: f[7],
                          committedDate: f[8], message: message)
    }

    public func stats(_ sha: String) async -> (additions: Int, deletions: Int) {
        guard let out = try? await git(["show", "--numstat", "--format=", sha]) else { return (0, 0) }
        var a = 0, d = 0
        for line in out.split(separator: "\n") {
            let cols = line.split(separator: "\t")
            if cols.count >= 2 { a += Int(cols[0]) ?? 0; d += Int(cols[1]) ?? 0 }
        }
        return (a, d)
    }

    /// Commits reachable from `head` but not from `base` (oldest first); all of `head`'s history without a base.
    public func commits(from base: String?, to head: String, limit: Int = 10_000) async -> [String] {
        var args = ["rev-list", "--reverse", "--max-count=\(limit)", head]
        if let base, base != GitRepository.zeroSHA { args.append("^\(base)") }
        guard let out = try? await git(args) else { return [] }
        return out.split(separator: "\n").map(String.init)
    }

    public func changedPaths(_ sha: String) async -> ChangedPaths {
        var c = ChangedPaths()
        guard let out = try? await git(["diff-tree", "--root", "--no-commit-id", "--name-status", "-r", "-z", sha]) else { return c }
        var fields = out.split(separator: "\0", omittingEmptySubsequences: true).map(String.init)[...]
        while let status = fields.popFirst() {
            guard let path = fields.popFirst() else { break }
            switch status.first {
            case "A": c.added.append(path)
            case "D": c.removed.append(path)
            default: c.modified.append(path)
            }
        }
        return c
    }

    public func branchesContaining(_ sha: String) async -> [String] {
        guard let out = try? await git(["for-each-ref", "--contains", sha, "--format=%(refname:strip=2)", "refs/heads"]) else { return [] }
        return out.split(separator: "\n").map(String.init)
    }

    public func mergeBase(_ a: String, _ b: String) async -> String? {
        guard let out = try? await git(["merge-base", a, b]) else { return nil }
        let s = out.trimmingCharacters(in: .whitespacesAndNewlines)
        return s.isEmpty ? nil : s
    }

    public func isAncestor(_ a: String, of b: String) async -> Bool {
        let r = try? await GitCommand.run(["merge-base", "--is-ancestor", a, b], gitDir: gitDir, home: home)
        return r?.status == 0
    }

    /// Blob of `path` at `sha`: (blob id, bytes, executable), nil when missing or not a file.
    public func blob(at sha: String, path: String) async -> (id: String, data: Data)? {
        guard isSafeRepoPath(path) else { return nil }
        guard let type = try? await git(["cat-file", "-t", "\(sha):\(path)"]), type.trimmingCharacters(in: .whitespacesAndNewlines) == "blob",
              let id = try? await git(["rev-parse", "\(sha):\(path)"]),
              let data = try? await gitData(["cat-file", "blob", "\(sha):\(path)"]) else { return nil }
        return (id.trimmingCharacters(in: .whitespacesAndNewlines), data)
    }

    public func lastCommit(touching path: String, from sha: String) async -> String? {
        guard let out = try? await git(["log", "-1", "--format=%H", sha, "--", path]) else { return nil }
        let s = out.trimmingCharacters(in: .whitespacesAndNewlines)
        return s.isEmpty ? nil : s
    }

    public struct TreeEntry: Sendable { public var id, name, type, path, mode: String }

    public func tree(at sha: String, path: String?, recursive: Bool) async -> [TreeEntry]? {
        var args = ["ls-tree", "-z"]
        if recursive { args += ["-r", "-t"] }
        if let path, !path.isEmpty {
            guard isSafeRepoPath(path) else { return nil }
            let t = try? await git(["cat-file", "-t", "\(sha):\(path)"])
            guard t?.trimmingCharacters(in: .whitespacesAndNewlines) == "tree" else { return nil }
            args += [sha, "--", path.hasSuffix("/") ? path : path + "/"]
        } else {
            args.append(sha)
        }
        guard let out = try? await git(args) else { return nil }
        return out.split(separator: "\0").compactMap { rec in
            let tab = rec.split(separator: "\t", maxSplits: 1)
            guard tab.count == 2 else { return nil }
            let meta = tab[0].split(separator: " ")
            guard meta.count == 3 else { return nil }
            let p = String(tab[1])
            return TreeEntry(id: String(meta[2]), name: String(p.split(separator: "/").last ?? ""), type: String(meta[1]), path: p, mode: String(meta[0]))
        }
    }

    public func archive(sha: String, format: String, prefix: String, path: String?) async throws -> Data {
        var args: [String] = []
        var fmt = format
        if ["tar.bz2", "tbz", "tbz2", "tb2", "bz2"].contains(format) {
            args += ["-c", "tar.tar.bz2.command=bzip2 -c"]
            fmt = "tar.bz2"
        } else if format == "tgz" || format == "gz" {
            fmt = "tar.gz"
        }
        args += ["archive", "--format=\(fmt)", "--prefix=\(prefix)/", sha]
        if let path, !path.isEmpty {
            guard isSafeRepoPath(path) else { throw GitError(arguments: ["archive"], status: 1, stderr: "bad path") }
            args += ["--", path]
        }
        let r = try await GitCommand.run(args, gitDir: gitDir, home: home)
        guard r.status == 0 else { throw GitError(arguments: args, status: r.status, stderr: String(decoding: r.stderr, as: UTF8.self)) }
        return r.stdout
    }

    /// Per-file diffs between two commits in GitLab's shape (hunks only, no `diff --git`/`---`/`+++` header).
    public func diff(base: String, head: String) async -> [FileDiff] {
        guard let raw = try? await git(["diff", "--raw", "-z", "-M", "--no-abbrev", base, head]) else { return [] }
        var fields = raw.split(separator: "\0", omittingEmptySubsequences: true).map(String.init)[...]
        var out: [FileDiff] = []
        while let meta = fields.popFirst() {
            // ":100644 100644 <sha> <sha> M"
            let m = meta.dropFirst().split(separator: " ")
            guard m.count >= 5, let first = fields.popFirst() else { break }
            let status = String(m[4])
            var oldPath = first, newPath = first
            if status.hasPrefix("R") || status.hasPrefix("C") { newPath = fields.popFirst() ?? first }
            var patch = (try? await git(["diff", "-M", base, head, "--", oldPath, newPath])) ?? ""
            if let r = patch.range(of: "\n@@") { patch = String(patch[patch.index(after: r.lowerBound)...]) } else { patch = "" }
            out.append(FileDiff(oldPath: oldPath, newPath: newPath, aMode: String(m[0]), bMode: String(m[1]), diff: patch,
                                newFile: status == "A", renamedFile: status.hasPrefix("R"), deletedFile: status == "D"))
        }
        return out
    }

    // MARK: Writing (callers serialize writes per repository)

    func commitEnv(author: CommitIdentity, date: Date, index: String) -> [String: String] {
        let stamp = "\(Int(date.timeIntervalSince1970)) +0000"
        return ["GIT_INDEX_FILE": index, "GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email, "GIT_AUTHOR_DATE": stamp,
                "GIT_COMMITTER_NAME": author.name, "GIT_COMMITTER_EMAIL": author.email, "GIT_COMMITTER_DATE": stamp]
    }

    /// Commits the exact contents of `folder` (a full snapshot) on `branch`.
    func commitSnapshot(folder: String, branch: String, message: String, author: CommitIdentity, date: Date, scratch: String) async throws -> String {
        let index = scratch + "/index-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: index) }
        let env = commitEnv(author: author, date: date, index: index).merging(["GIT_WORK_TREE": folder]) { $1 }
        try await git(["add", "-A", "--", ".", ":(exclude).commit-message"], env: env, cwd: folder)
        return try await finishCommit(branch: branch, message: message, env: env)
    }

    /// Applies changes (and optionally an overlay folder) on top of `branch`'s head, or of `from` for a new branch.
    func commitChanges(branch: String, from: String?, overlay: String?, changes: [FileChange], message: String,
                       author: CommitIdentity, date: Date, scratch: String) async throws -> String {
        let index = scratch + "/index-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: index) }
        var env = commitEnv(author: author, date: date, index: index)
        var parent = await resolve("refs/heads/\(branch)")
        if parent == nil, let from { parent = await resolve(from) }
        if let parent { try await git(["read-tree", parent], env: env) }
        if let overlay {
            env["GIT_WORK_TREE"] = overlay
            try await git(["add", "--ignore-removal", "-f", "--", ".", ":(exclude).commit-message"], env: env, cwd: overlay)
            env["GIT_WORK_TREE"] = nil
        }
        for change in changes {
            switch change {
            case let .write(path, content, executable):
                guard isSafeRepoPath(path) else { throw GitError(arguments: ["update-index"], status: 1, stderr: "unsafe path \(path)") }
                let blob = try await git(["hash-object", "-w", "--stdin"], env: env, stdin: content).trimmingCharacters(in: .whitespacesAndNewlines)
                try await git(["update-index", "--add", "--cacheinfo", "\(executable ? "100755" : "100644"),\(blob),\(path)"], env: env)
            case let .remove(path):
                guard isSafeRepoPath(path) else { throw GitError(arguments: ["update-index"], status: 1, stderr: "unsafe path \(path)") }
                try await git(["update-index", "--force-remove", "--", path], env: env)
            }
        }
        return try await finishCommit(branch: branch, message: message, env: env, parent: parent)
    }

    private func finishCommit(branch: String, message: String, env: [String: String], parent explicitParent: String?? = nil) async throws -> String {
        var env = env
        env["GIT_WORK_TREE"] = nil
        let tree = try await git(["write-tree"], env: env).trimmingCharacters(in: .whitespacesAndNewlines)
        let parent: String?
        if let explicitParent { parent = explicitParent } else { parent = await resolve("refs/heads/\(branch)") }
        var args = ["commit-tree", tree]
        if let parent { args += ["-p", parent] }
        let sha = try await git(args, env: env, stdin: Data(message.utf8)).trimmingCharacters(in: .whitespacesAndNewlines)
        try await git(["update-ref", "refs/heads/\(branch)", sha])
        return sha
    }
}

/// Repository-relative paths only: no absolute paths, `..`, empty segments or `.git` components.
func isSafeRepoPath(_ path: String) -> Bool {
    guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\0") else { return false }
    for seg in path.split(separator: "/", omittingEmptySubsequences: false) {
        if seg.isEmpty || seg == ".." || seg == "." || seg.lowercased() == ".git" { return false }
    }
    return true
}
