import Foundation
import PicketCore

public struct GitError: Error, CustomStringConvertible, Sendable {
    public let arguments: [String]
    public let status: Int32
    public let stderr: String
    public var description: String { "git \(arguments.joined(separator: " ")) failed (\(status)): \(stderr.trimmingCharacters(in: .whitespacesAndNewlines))" }
}

/// Runs `git` with an isolated configuration (no system/global config, fixed identity), both pipes drained
/// concurrently so neither can fill up and block the child.
struct GitCommand {
    static let executable: String = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/git"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return "/usr/bin/git"
    }()

    static func baseEnvironment(home: String) -> [String: String] {
        var env: [String: String] = [:]
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        env["HOME"] = home
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["LANG"] = "C"
        env["LC_ALL"] = "C"
        return env
    }

    struct Output: Sendable {
        var status: Int32
        var stdout: Data
        var stderr: Data
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    static func run(_ arguments: [String], gitDir: String? = nil, environment: [String: String] = [:], home: String,
                    stdin: Data? = nil, workingDirectory: String? = nil) async throws -> Output {
        var env = baseEnvironment(home: home)
        if let gitDir { env["GIT_DIR"] = gitDir }
        for (k, v) in environment { env[k] = v }
        // Picket's ProcessRunner: posix_spawn with no inherited descriptors, drained on dedicated threads.
        let r = try await ProcessRunner(executable, arguments, environment: env, workingDirectory: workingDirectory, stdin: stdin).run()
        return Output(status: r.status, stdout: r.stdout, stderr: r.stderr)
    }

    /// Runs git and throws on a non-zero exit.
    @discardableResult
    static func check(_ arguments: [String], gitDir: String? = nil, environment: [String: String] = [:], home: String,
                      stdin: Data? = nil, workingDirectory: String? = nil) async throws -> String {
        let r = try await run(arguments, gitDir: gitDir, environment: environment, home: home, stdin: stdin, workingDirectory: workingDirectory)
        guard r.status == 0 else { throw GitError(arguments: arguments, status: r.status, stderr: String(decoding: r.stderr, as: UTF8.self)) }
        return r.text
    }
}

final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage = Data()
    func append(_ d: Data) { lock.lock(); storage.append(d); lock.unlock() }
    var data: Data { lock.lock(); defer { lock.unlock() }; return storage }
}
