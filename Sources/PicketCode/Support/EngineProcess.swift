#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PicketCore

/// Runs an analysis engine (semgrep, opengrep, checkov) as a child process the way an untrusted, heavy tool must
/// run: in its own process group (a timeout kills the engine *and* every worker it forked), with an address-space
/// cap set by a tiny `/bin/sh` shim before `exec`, stdin from /dev/null, stdout and stderr written to files (no
/// pipe can fill up and block it), a wall-clock limit, and a caller-built environment (nothing inherited).
struct EngineProcess: Sendable {
    enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signaled(Int32)
    }

    struct Result: Sendable {
        var termination: Termination
        var timedOut: Bool
        var stdoutPath: String
        var stderrPath: String
        var duration: Duration

        /// The exit code as a shell reports it (128+signal for a signal).
        var shellStatus: Int32 {
            switch termination {
            case .exited(let c): c
            case .signaled(let s): 128 + s
            }
        }

        /// A crash: killed by a signal, or a shell-reported signal status (a wrapper script that exits 139).
        var crashed: Bool {
            switch termination {
            case .signaled: return !timedOut
            case .exited(let c): return c > 128 && c < 160
            }
        }

        func stdout(limit: Int = 1 << 30) -> Data { EngineProcess.read(stdoutPath, limit: limit) }
        func stderrTail(_ bytes: Int = 4000) -> String {
            let d = EngineProcess.read(stderrPath, limit: 64 << 20)
            return String(decoding: d.suffix(bytes), as: UTF8.self)
        }
    }

    var executable: String
    var arguments: [String]
    var environment: [String: String]
    var workingDirectory: String
    /// Address-space cap in bytes (`ulimit -v`); nil = none.
    var addressSpaceLimit: Int?
    var timeout: Duration
    /// Where stdout/stderr files go (a private temp folder).
    var outputDirectory: String
    var label: String

    /// The shim: change directory, cap virtual memory, replace itself with the engine. Arguments travel as
    /// positional parameters, never through string interpolation into the script.
    static let shim = #"cd -- "$1" || exit 126; shift; if [ -n "$1" ]; then ulimit -v "$1" 2>/dev/null || exit 125; fi; shift; exec "$@""#

    func run() async throws -> Result {
        let out = outputDirectory + "/\(label).stdout"
        let err = outputDirectory + "/\(label).stderr"
        let limitKiB = addressSpaceLimit.map { String(max(1, $0 / 1024)) } ?? ""
        let argv = ["/bin/sh", "-c", Self.shim, "picket-engine", workingDirectory, limitKiB, executable] + arguments
        let env = environment.map { "\($0.key)=\($0.value)" }.sorted()
        let pid = try Self.spawn(argv: argv, env: env, stdout: out, stderr: err)
        let start = ContinuousClock.now
        let deadline = start + timeout
        var timedOut = false
        var status: Int32 = 0
        do {
            while true {
                let r = waitpid(pid, &status, WNOHANG)
                if r == pid { break }
                if r < 0 && errno != EINTR {
                    throw PicketError.runtime("\(label): waitpid failed: \(String(cString: strerror(errno)))")
                }
                if ContinuousClock.now >= deadline {
                    timedOut = true
                    Self.killGroup(pid)
                    _ = Self.blockingWait(pid, &status)
                    break
                }
                try await Task.sleep(for: .milliseconds(20))
            }
        } catch {
            // Cancelled: the engine and its workers must not outlive the scan.
            Self.killGroup(pid)
            _ = Self.blockingWait(pid, &status)
            throw error
        }
        // Workers the engine left behind in its group die with it.
        kill(-pid, SIGKILL)
        let termination: Termination = (status & 0x7f) == 0 ? .exited((status >> 8) & 0xff) : .signaled(status & 0x7f)
        return Result(termination: termination, timedOut: timedOut, stdoutPath: out, stderrPath: err,
                      duration: ContinuousClock.now - start)
    }

    private static func killGroup(_ pid: pid_t) {
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
    }

    private static func blockingWait(_ pid: pid_t, _ status: inout Int32) -> pid_t {
        while true {
            let r = waitpid(pid, &status, 0)
            if r >= 0 || errno != EINTR { return r }
        }
    }

    private static func spawn(argv: [String], env: [String], stdout: String, stderr: String) throws -> pid_t {
        var fa = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fa)
        defer { posix_spawn_file_actions_destroy(&fa) }
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&fa, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&fa, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        // New process group (pgid = child pid), default signal dispositions, nothing blocked.
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attr, 0)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attr, &all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attr, &none)

        let cArgs = argv.map { strdup($0) }
        let cEnv = env.map { strdup($0) }
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = (cArgs + [nil]).withUnsafeBufferPointer { a in
            (cEnv + [nil]).withUnsafeBufferPointer { e in
                posix_spawn(&pid, argv[0], &fa, &attr,
                            UnsafeMutablePointer(mutating: a.baseAddress!), UnsafeMutablePointer(mutating: e.baseAddress!))
            }
        }
        guard rc == 0 else {
            if rc == E2BIG {
                throw PicketError.runtime("cannot start \(argv.count > 6 ? argv[6] : argv[0]): argument list too long")
            }
            throw PicketError.runtime("cannot start \(argv.count > 6 ? argv[6] : argv[0]): \(String(cString: strerror(rc)))")
        }
        return pid
    }

    static func read(_ path: String, limit: Int) -> Data {
        guard let h = FileHandle(forReadingAtPath: path) else { return Data() }
        defer { try? h.close() }
        return (try? h.read(upToCount: limit)) ?? Data()
    }

    /// Bytes the kernel allows for argv+envp of one exec, with headroom for the environment and the shim.
    static var argumentBudget: Int {
        let max = sysconf(Int32(_SC_ARG_MAX))
        let usable = max > 0 ? Int(max) : 128 << 10
        return min(usable / 4, 512 << 10)
    }
}
