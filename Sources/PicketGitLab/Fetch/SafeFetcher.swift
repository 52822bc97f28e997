#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PicketCore

/// Options for one fetch.
public struct FetchOptions: Sendable, Hashable {
    /// Full history of the branch instead of its last commit.
    public var history: Bool
    /// The clone folder may not grow past this (git is stopped when it does).
    public var maxRepositoryBytes: Int
    /// Blobs above this are not downloaded where the server supports partial clone (`--filter=blob:limit=`),
    /// and never written to the work tree. Nil = no filter. Scanners skip such files anyway.
    public var maxBlobBytes: Int?
    /// Wall-clock limit for each git command.
    public var timeout: Duration

    public init(history: Bool = false, maxRepositoryBytes: Int = 1 << 30, maxBlobBytes: Int? = 10 << 20,
                timeout: Duration = .seconds(600)) {
        self.history = history
        self.maxRepositoryBytes = maxRepositoryBytes
        self.maxBlobBytes = maxBlobBytes
        self.timeout = timeout
    }
}

/// A project's code on disk, valid only inside `SafeFetcher.withClone`'s closure.
public struct FetchedRepository: Sendable {
    /// The work tree (its `.git` beside the files, for history scans).
    public var root: String
    public var branch: String
    public var headSHA: String
    /// Paths whose blobs were over `maxBlobBytes` and were left out of the work tree.
    public var skippedLargeFiles: [String]
    public var bytesOnDisk: Int
}

/// Fetches a project's code the way a hostile repository must be fetched: over HTTPS only (plain HTTP only to a
/// loopback test instance), no hooks, no submodules, no `file`/`ext` transports, no LFS smudge, no redirects,
/// objects fsck-checked, a size guard and a time limit that kill git's whole process group, and a temporary
/// folder that is removed whatever happens (errors, cancellation).
/// The work tree is written by `git checkout-index` from the fetched tree, limited to the blobs actually present,
/// so a partial clone never triggers a lazy download.
public struct SafeFetcher: Sendable {
    public var endpoint: GitLabEndpoint
    public var auth: GitAuth
    /// `git`, or a path (tests put a recording wrapper here).
    public var git: String
    public var caBundlePath: String?
    /// Parent folder of the temporary clone folders.
    public var workDirectory: String
    public var log: GitLabLog?

    public init(auth: GitAuth, workDirectory: String, git: String = "git", caBundlePath: String? = nil, log: GitLabLog? = nil) {
        self.endpoint = auth.endpoint
        self.auth = auth
        self.git = git
        self.caBundlePath = caBundlePath
        self.workDirectory = workDirectory
        self.log = log
    }

    /// `-c` settings given to every git command. None carries a secret.
    public var hardening: [String] {
        var c = [
            "core.hooksPath=/dev/null",           // committed or templated hooks never run
            "core.fsmonitor=false",
            "core.symlinks=true",                 // kept as links; Picket's walker never follows them out of the root
            "protocol.allow=never",               // every transport off ...
            "protocol.https.allow=always",        // ... but HTTPS
            "protocol.file.allow=never",
            "protocol.ext.allow=never",
            "submodule.recurse=false",
            "fetch.recurseSubmodules=false",
            "http.followRedirects=false",         // the auth header is scoped to our URL; never chase another host
            "credential.helper=",
            "transfer.fsckObjects=true",          // reject hostile trees (`..`, `.git` entries) before they land
            "fetch.fsck.zeroPaddedFilemode=ignore",
            "fetch.fsck.badTimezone=ignore",
            "fetch.fsck.missingEmail=ignore",
            "advice.detachedHead=false",
            "safe.directory=*",
        ]
        if endpoint.scheme == "http" && endpoint.isLoopback { c.append("protocol.http.allow=always") }
        if let caBundlePath { c.append("http.sslCAInfo=\(caBundlePath)") }
        return c.flatMap { ["-c", $0] }
    }

    /// The child environment: Core's hardened git environment, the auth header, no lazy fetches.
    func environment() -> [String: String] {
        var extra = auth.environment
        extra["GIT_NO_LAZY_FETCH"] = "1"
        extra["GIT_LFS_SKIP_SMUDGE"] = "1"
        extra["GIT_PROTOCOL_FROM_USER"] = "0"
        return Git.environment(extra: extra)
    }

    /// `git ls-remote --heads`: proves git can authenticate and read `projectPath`. Returns the refs it saw.
    public func lsRemote(projectPath: String, timeout: Duration = .seconds(60)) async throws -> [String] {
        let url = endpoint.gitURL(projectPath: projectPath)
        let args = hardening + ["ls-remote", "--heads", "--", url]
        log?("git \(redactedArgs(args).joined(separator: " "))")
        let r = try await ProcessRunner(git, args, environment: environment(), timeout: timeout).run()
        if r.timedOut { throw FetchError.timedOut(seconds: Int(timeout.components.seconds)) }
        guard r.status == 0 else { throw FetchError.gitFailed(operation: "ls-remote", message: gitMessage(r.stderrText)) }
        return r.stdoutText.split(separator: "\n").compactMap { $0.split(separator: "\t").last.map(String.init) }
    }

    /// Clones `branch` of `projectPath` into a fresh temporary folder, hands it to `body`, and removes the
    /// folder afterwards, also when git fails, the size or time limit hits, or the task is cancelled.
    public func withClone<R: Sendable>(projectPath: String, branch: String, options: FetchOptions,
                                       _ body: (FetchedRepository) async throws -> R) async throws -> R {
        let dir = try makeTemporaryDirectory()
        defer { SafeFetcher.remove(dir) }
        try Task.checkCancellation()
        let repo = dir + "/repo"
        var args = hardening + ["clone", "--no-checkout", "--single-branch", "--branch", branch, "--no-tags",
                                "--no-recurse-submodules"]
        if !options.history { args += ["--depth", "1"] }
        if let blob = options.maxBlobBytes { args.append("--filter=blob:limit=\(blob)") }
        args += ["--", endpoint.gitURL(projectPath: projectPath), repo]
        log?("git \(redactedArgs(args).joined(separator: " "))")
        let clone = try await runGuarded(args, directory: dir, watch: dir, options: options)
        guard clone.status == 0 else {
            throw FetchError.gitFailed(operation: "clone", message: gitMessage(clone.stderrText))
        }

        // Work tree: only blobs that are present locally; the rest (over the blob limit) are listed as skipped.
        let missing = options.maxBlobBytes == nil ? [] : try await missingObjects(repo, options: options)
        let entries = try await treeEntries(repo, options: options)
        var paths: [String] = []
        var skipped: [String] = []
        for e in entries where e.mode != "160000" { // gitlinks (submodules) are never fetched
            if missing.contains(e.sha) { skipped.append(e.path) } else { paths.append(e.path) }
        }
        _ = try await local(["read-tree", "HEAD"], repo: repo, options: options)
        if !paths.isEmpty {
            let stdin = Data(paths.joined(separator: "\0").utf8 + [0])
            let r = try await runGuarded(hardening + ["checkout-index", "-z", "--stdin"], directory: repo, watch: dir,
                                         options: options, stdin: stdin)
            guard r.status == 0 else { throw FetchError.gitFailed(operation: "checkout-index", message: gitMessage(r.stderrText)) }
        }
        let head = try await local(["rev-parse", "HEAD"], repo: repo, options: options).stdoutText
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let fetched = FetchedRepository(root: repo, branch: branch, headSHA: head, skippedLargeFiles: skipped,
                                        bytesOnDisk: DirectorySize.bytes(dir))
        return try await body(fetched)
    }

    // MARK: Steps

    private func local(_ args: [String], repo: String, options: FetchOptions) async throws -> ProcessRunner.Result {
        let r = try await ProcessRunner(git, hardening + args, environment: environment(), workingDirectory: repo,
                                        timeout: options.timeout).run()
        if r.timedOut { throw FetchError.timedOut(seconds: Int(options.timeout.components.seconds)) }
        guard r.status == 0 else { throw FetchError.gitFailed(operation: args[0], message: gitMessage(r.stderrText)) }
        return r
    }

    /// Objects the partial clone left on the server (`?<sha>` lines). Reading this never fetches.
    private func missingObjects(_ repo: String, options: FetchOptions) async throws -> Set<String> {
        let r = try await local(["rev-list", "--objects", "--missing=print", "HEAD"], repo: repo, options: options)
        return Set(r.stdoutText.split(separator: "\n").compactMap { $0.hasPrefix("?") ? String($0.dropFirst()) : nil })
    }

    private struct TreeEntry { var mode: String; var sha: String; var path: String }

    private func treeEntries(_ repo: String, options: FetchOptions) async throws -> [TreeEntry] {
        let r = try await local(["ls-tree", "-r", "-z", "--full-tree", "HEAD"], repo: repo, options: options)
        return r.stdout.split(separator: 0).compactMap { rec -> TreeEntry? in
            guard let tab = rec.firstIndex(of: 9) else { return nil }
            let meta = String(decoding: rec[rec.startIndex..<tab], as: UTF8.self).split(separator: " ")
            guard meta.count == 3 else { return nil }
            return TreeEntry(mode: String(meta[0]), sha: String(meta[2]),
                             path: String(decoding: rec[rec.index(after: tab)...], as: UTF8.self))
        }
    }

    /// Runs git while a watcher polls the folder size; past the limit the watcher throws, which cancels the
    /// git task, whose cancellation handler kills git's process group.
    private func runGuarded(_ args: [String], directory: String, watch: String, options: FetchOptions,
                            stdin: Data? = nil) async throws -> ProcessRunner.Result {
        let runner = ProcessRunner(git, args, environment: environment(), workingDirectory: directory, stdin: stdin,
                                   timeout: options.timeout, outputLimit: 1 << 20)
        let limit = options.maxRepositoryBytes
        let result = try await withThrowingTaskGroup(of: ProcessRunner.Result?.self) { group in
            group.addTask { try await runner.run() }
            group.addTask {
                while true {
                    try await Task.sleep(for: .milliseconds(150))
                    let size = DirectorySize.bytes(watch, stopAbove: limit)
                    if size > limit { throw FetchError.tooLarge(limitBytes: limit, observedBytes: size) }
                }
            }
            defer { group.cancelAll() }
            while let r = try await group.next() {
                if let r { return r }
            }
            throw CancellationError()
        }
        try Task.checkCancellation()
        if result.timedOut { throw FetchError.timedOut(seconds: Int(options.timeout.components.seconds)) }
        let size = DirectorySize.bytes(watch, stopAbove: limit)
        if size > limit { throw FetchError.tooLarge(limitBytes: limit, observedBytes: size) }
        return result
    }

    // MARK: Helpers

    /// git's most telling line (`fatal:` / `error:` / `remote:`), redacted.
    func gitMessage(_ stderr: String) -> String {
        let lines = auth.redact(stderr).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let telling = lines.last { $0.hasPrefix("fatal:") } ?? lines.last { $0.hasPrefix("error:") } ?? lines.last
        return String((telling ?? "no output").prefix(400))
    }

    func redactedArgs(_ args: [String]) -> [String] { args.map(auth.redact) }

    private func makeTemporaryDirectory() throws -> String {
        do {
            try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw FetchError.filesystem("cannot create work folder \(workDirectory): \(error.localizedDescription)")
        }
        var template = Array((workDirectory + "/clone-XXXXXX").utf8CString)
        guard let p = mkdtemp(&template) else {
            throw FetchError.filesystem("cannot create a temporary folder in \(workDirectory): \(String(cString: strerror(errno)))")
        }
        return String(cString: p)
    }

    static func remove(_ dir: String) {
        // Pack files are read-only; removal needs only the folder's write bit, which mkdtemp gave us.
        try? FileManager.default.removeItem(atPath: dir)
    }
}
