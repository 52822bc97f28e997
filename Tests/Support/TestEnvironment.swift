import Foundation
import PicketCore

/// Helpers every test target shares: temporary folders, the built `picket` binary, git, the shared corpora and
/// the official-schema validator.
public enum TestEnvironment {
    /// The package root, found from this file's location.
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `../shared` beside the package (read-only reference material: schemas, corpora, tools).
    public static let sharedRoot: String = {
        if let env = ProcessInfo.processInfo.environment["PICKET_SHARED_DIR"], !env.isEmpty { return env }
        return URL(fileURLWithPath: packageRoot).deletingLastPathComponent().appendingPathComponent("shared").path
    }()

    /// The folder holding the test bundle, where SwiftPM also puts the `picket` executable.
    public static let productsDirectory: String = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // Linux test bundles are `<products>/PicketPackageTests.xctest` executables.
        if dir.lastPathComponent.hasSuffix(".xctest") { dir.deleteLastPathComponent() }
        return dir.path
    }()

    public static var picketBinary: String { productsDirectory + "/picket" }

    /// A fresh temporary folder, removed by the returned cleanup closure.
    public static func makeTemporaryDirectory(_ label: String = "picket-test") throws -> String {
        let path = NSTemporaryDirectory() + "\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    public static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes files (relative path → content) under `root`, creating folders.
    public static func write(_ files: [String: String], under root: String) throws {
        for (rel, content) in files {
            let path = root + "/" + rel
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    /// Runs the built `picket` with arguments; environment additions merged over a clean base.
    public static func runPicket(_ args: [String], in directory: String? = nil, environment: [String: String] = [:],
                                 timeout: Duration = .seconds(300)) async throws -> ProcessRunner.Result {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        return try await ProcessRunner(picketBinary, args, environment: env, workingDirectory: directory, timeout: timeout).run()
    }

    /// Runs git with a fixed identity and no user configuration.
    @discardableResult
    public static func git(_ args: [String], in directory: String, date: String = "2026-01-02T10:00:00Z") async throws -> String {
        let env = Git.environment(extra: [
            "GIT_AUTHOR_NAME": "Test Author", "GIT_AUTHOR_EMAIL": "author@example.com",
            "GIT_COMMITTER_NAME": "Test Author", "GIT_COMMITTER_EMAIL": "author@example.com",
            "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
        ])
        let r = try await ProcessRunner("git", args, environment: env, workingDirectory: directory).run()
        guard r.succeeded else { throw PicketError.runtime("git \(args.joined(separator: " ")) failed: \(r.stderrText)") }
        return r.stdoutText
    }

    /// Validates a JSON document against one of the official schemas with `../shared/tools/validate-json`.
    /// Returns nil when valid, else the validator's error lines.
    public static func validateJSON(schema: String, document: String) async throws -> String? {
        let tool = sharedRoot + "/tools/validate-json"
        let r = try await ProcessRunner(tool, [schema, document], timeout: .seconds(120)).run()
        if r.status == 0 { return nil }
        return r.stdoutText + r.stderrText
    }
}

extension TestEnvironment {
    /// Runs long synchronous work (seconds of matching, parsing, scanning in a debug build) on its own thread.
    /// Swift's cooperative pool has one thread per core: a test that holds one for a minute starves every
    /// async test beside it (HTTP servers, simulators, job leases), which then time out.
    public static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let result: Result<T, any Error> = await withCheckedContinuation { cont in
            Thread.detachNewThread { cont.resume(returning: Result { try body() }) }
        }
        return try result.get()
    }
}
