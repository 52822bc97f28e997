import Foundation
import Synchronization

/// Runs a child process with both pipes drained concurrently (a full stderr pipe can never deadlock it),
/// bounded output, a wall-clock timeout and cancellation. Arguments are passed as a vector, never through a
/// shell; secrets go through `environment`, never through `arguments`.
public struct ProcessRunner: Sendable {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: Data
        public var timedOut: Bool
        public var truncated: Bool

        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
        public var succeeded: Bool { status == 0 && !timedOut }
    }

    public var executable: String
    public var arguments: [String]
    public var environment: [String: String]?
    public var workingDirectory: String?
    public var stdin: Data?
    public var timeout: Duration?
    public var outputLimit: Int

    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                workingDirectory: String? = nil, stdin: Data? = nil, timeout: Duration? = nil, outputLimit: Int = 256 << 20) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.stdin = stdin
        self.timeout = timeout
        self.outputLimit = outputLimit
    }

    /// Finds an executable by name on PATH; absolute or relative paths are returned as they are.
    public static func locate(_ name: String, path: String? = nil) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let dirs = (path ?? SystemInfo.environment("PATH") ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for d in dirs {
            let candidate = "\(d)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    public func run() async throws -> Result {
        let child = try ChildProcess.launch(executable, arguments, environment: environment, workingDirectory: workingDirectory,
                                            stdin: stdin == nil ? .null : .pipe, stdout: .pipe, stderr: .pipe)
        let limit = outputLimit
        let timeoutSeconds = timeout.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
        let input = stdin
        let timedOut = Atomic<Bool>(false)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (cont: CheckedContinuation<Result, Never>) in
                // Dedicated threads, not Dispatch's shared pool: blocking waits there can starve the pool (and with
                // it the timer that must kill a hung child) when many children run at once.
                Thread.detachNewThread {
                    let outBox = DataBox(), errBox = DataBox()
                    let drained = DispatchSemaphore(value: 0)
                    let exitFlag = ExitFlag()
                    for (fd, box) in [(child.stdoutFD, outBox), (child.stderrFD, errBox)] {
                        Thread.detachNewThread {
                            if let fd { box.drain(fd, limit: limit, exited: exitFlag) }
                            drained.signal()
                        }
                    }
                    if let data = input, let fd = child.stdinFD {
                        Thread.detachNewThread {
                            // A child that exits early closes the pipe; the write error is expected then.
                            data.withUnsafeBytes { raw in
                                var off = 0
                                while off < raw.count {
                                    let n = write(fd, raw.baseAddress! + off, raw.count - off)
                                    if n < 0 { if errno == EINTR { continue }; break }
                                    off += n
                                }
                            }
                            child.closeStdin()
                        }
                    }
                    let exited = DispatchSemaphore(value: 0)
                    if let timeoutSeconds {
                        Thread.detachNewThread {
                            if exited.wait(timeout: .now() + timeoutSeconds) == .timedOut {
                                timedOut.store(true, ordering: .releasing)
                                child.kill()
                            }
                        }
                    }
                    let status = child.wait()
                    exitFlag.set()
                    exited.signal()
                    drained.wait()
                    drained.wait()
                    cont.resume(returning: Result(status: status, stdout: outBox.data, stderr: errBox.data,
                                                  timedOut: timedOut.load(ordering: .acquiring),
                                                  truncated: outBox.truncated || errBox.truncated))
                }
            }
        } onCancel: {
            child.kill()
        }
    }
}

private final class DataBox: @unchecked Sendable {
    // Written by one drain thread, read after both drains signalled.
    var data = Data()
    var truncated = false

    /// Reads until end of file, or until the child has exited and the pipe stays quiet for a moment: a
    /// grandchild (or a process spawned concurrently elsewhere in this process) may hold the write end open
    /// forever, and waiting for its end of file would hang the caller.
    func drain(_ fd: Int32, limit: Int, exited: ExitFlag) {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var quietSinceExit = 0
        while true {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, 100)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0 {
                if exited.isSet {
                    quietSinceExit += 1
                    if quietSinceExit >= 5 { break }
                }
                continue
            }
            quietSinceExit = 0
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                break
            }
            if n == 0 { break }
            // Past the limit, keep draining (so the child never blocks on a full pipe) but keep nothing.
            let room = max(0, limit - data.count)
            data.append(contentsOf: buffer[0..<min(n, room)])
            if n > room { truncated = true }
        }
    }
}

/// Set once the child has exited.
private final class ExitFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .acquiring) }
    func set() { flag.store(true, ordering: .releasing) }
}
