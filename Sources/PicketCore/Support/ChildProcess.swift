#if canImport(Glibc)
import Glibc
#endif
import CSpawn
import Foundation
import Synchronization

/// A child process started with posix_spawn in its own process group, with only the descriptors it is given:
/// no pipe of another child can leak into it (and hold that child's output open), and killing it kills its
/// whole tree (an engine's worker processes included).
public final class ChildProcess: @unchecked Sendable {
    public enum Stream: Sendable { case pipe, null }

    public let pid: pid_t
    /// Parent's ends of the pipes asked for; owned by this object and closed when it goes away.
    public let stdinFD: Int32?
    public let stdoutFD: Int32?
    public let stderrFD: Int32?
    private let state = Mutex<(reaped: Bool, status: Int32?, stdinClosed: Bool)>((false, nil, false))

    private init(pid: pid_t, stdinFD: Int32?, stdoutFD: Int32?, stderrFD: Int32?) {
        self.pid = pid
        self.stdinFD = stdinFD
        self.stdoutFD = stdoutFD
        self.stderrFD = stderrFD
    }

    deinit {
        closeStdin()
        if let stdoutFD { close(stdoutFD) }
        if let stderrFD { close(stderrFD) }
    }

    /// `executable` is resolved on PATH unless it contains a `/`. `environment` nil inherits this process's.
    public static func launch(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                              workingDirectory: String? = nil, stdin: Stream = .null, stdout: Stream = .pipe,
                              stderr: Stream = .pipe) throws -> ChildProcess {
        guard let path = ProcessRunner.locate(executable) else {
            throw PicketError.runtime("\(executable) was not found on PATH")
        }
        var opened: [Int32] = []
        func pipe() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [-1, -1]
            let rc = picket_pipe_cloexec(&fds)
            guard rc == 0 else { throw PicketError.runtime("cannot create a pipe: \(String(cString: strerror(rc)))") }
            opened += fds
            return (fds[0], fds[1])
        }
        do {
            let inPipe = stdin == .pipe ? try pipe() : nil
            let outPipe = stdout == .pipe ? try pipe() : nil
            let errPipe = stderr == .pipe ? try pipe() : nil
            let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
            var pid: pid_t = 0
            let rc = withCStrings([path] + arguments) { argv in
                withCStrings(env) { envp in
                    picket_spawn(&pid, path, argv, envp, workingDirectory, inPipe?.read ?? -1, outPipe?.write ?? -1, errPipe?.write ?? -1)
                }
            }
            // The child has its own copies; the parent keeps only its ends.
            for fd in [inPipe?.read, outPipe?.write, errPipe?.write].compactMap({ $0 }) { close(fd) }
            guard rc == 0 else {
                for fd in [inPipe?.write, outPipe?.read, errPipe?.read].compactMap({ $0 }) { close(fd) }
                let why = rc == ENOENT && workingDirectory != nil ? "no such folder \(workingDirectory!) or program" : String(cString: strerror(rc))
                throw PicketError.runtime("cannot start \(executable): \(why)")
            }
            return ChildProcess(pid: pid, stdinFD: inPipe?.write, stdoutFD: outPipe?.read, stderrFD: errPipe?.read)
        } catch {
            for fd in opened { close(fd) }
            throw error
        }
    }

    /// Closes the parent's end of stdin so the child sees end of file.
    public func closeStdin() {
        let fd: Int32? = state.withLock { s in
            if s.stdinClosed { return nil }
            s.stdinClosed = true
            return stdinFD
        }
        if let fd { close(fd) }
    }

    /// Blocks until the child exits; the exit code, or 128 + the signal that ended it.
    public func wait() -> Int32 {
        if let s = state.withLock({ $0.status }) { return s }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        let code: Int32 = (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
        state.withLock { $0.reaped = true; $0.status = code }
        return code
    }

    /// Sends `signal` to the child's whole process group, unless it has already been reaped (its pid could
    /// belong to someone else by then).
    public func kill(_ signal: Int32 = SIGKILL) {
        state.withLock { s in
            if !s.reaped { _ = Glibc.kill(-pid, signal) }
        }
    }
}

private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    let cs = strings.map { strdup($0) }
    defer { cs.forEach { free($0) } }
    return (cs + [nil]).withUnsafeBufferPointer { body($0.baseAddress!) }
}
