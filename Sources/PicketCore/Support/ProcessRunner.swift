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
        guard let exe = ProcessRunner.locate(executable) else {
            throw PicketError.runtime("\(executable) was not found on PATH")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: exe)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inPipe: Pipe? = stdin == nil ? nil : Pipe()
        process.standardInput = inPipe ?? FileHandle.nullDevice

        let limit = outputLimit
        let state = RunState()
        let timeoutSeconds = timeout.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
        let input = stdin
        let name = executable
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (cont: CheckedContinuation<Result, Error>) in
                // Dedicated threads, not Dispatch's shared pool: blocking waits there can starve the pool (and with
                // it the timer that must kill a hung child) when many children run at once.
                Thread.detachNewThread {
                    do {
                        try process.run()
                    } catch {
                        cont.resume(throwing: PicketError.runtime("cannot start \(name): \(error.localizedDescription)"))
                        return
                    }
                    state.setProcess(process)
                    let outBox = DataBox(), errBox = DataBox()
                    let drained = DispatchSemaphore(value: 0)
                    for (pipe, box) in [(out, outBox), (err, errBox)] {
                        Thread.detachNewThread {
                            box.drain(pipe.fileHandleForReading, limit: limit)
                            drained.signal()
                        }
                    }
                    if let inPipe, let data = input {
                        Thread.detachNewThread {
                            // A child that exits early closes the pipe; the write error is expected then.
                            try? inPipe.fileHandleForWriting.write(contentsOf: data)
                            try? inPipe.fileHandleForWriting.close()
                        }
                    }
                    let exited = DispatchSemaphore(value: 0)
                    if let timeoutSeconds {
                        Thread.detachNewThread {
                            if exited.wait(timeout: .now() + timeoutSeconds) == .timedOut { state.timeOut() }
                        }
                    }
                    process.waitUntilExit()
                    exited.signal()
                    drained.wait()
                    drained.wait()
                    cont.resume(returning: Result(status: process.terminationStatus, stdout: outBox.data, stderr: errBox.data,
                                                  timedOut: state.didTimeOut, truncated: outBox.truncated || errBox.truncated))
                }
            }
        } onCancel: {
            state.terminate()
        }
    }
}

/// Shared between the waiting thread, the timer and the cancellation handler.
private final class RunState: Sendable {
    private let lock = Mutex<(process: Process?, timedOut: Bool, cancelled: Bool)>((nil, false, false))

    func setProcess(_ p: Process) {
        let cancelled = lock.withLock { s -> Bool in
            s.process = p
            return s.cancelled
        }
        if cancelled { RunState.killGroup(p) }
    }

    func timeOut() {
        let p = lock.withLock { s -> Process? in
            s.timedOut = true
            return s.process
        }
        if let p, p.isRunning { RunState.killGroup(p) }
    }

    func terminate() {
        let p = lock.withLock { s -> Process? in
            s.cancelled = true
            return s.process
        }
        if let p, p.isRunning { RunState.killGroup(p) }
    }

    /// Foundation starts every child as the leader of its own process group; killing the group also stops
    /// what the child spawned (git's remote helpers and index-pack), which would otherwise outlive a timeout.
    static func killGroup(_ p: Process) {
        let pid = p.processIdentifier
        guard pid > 0 else { return }
        if getpgid(pid) == pid { kill(-pid, SIGKILL) } else { kill(pid, SIGKILL) }
    }

    var didTimeOut: Bool { lock.withLock { $0.timedOut } }
}

extension Process: @retroactive @unchecked Sendable {}

private final class DataBox: @unchecked Sendable {
    // Written by one drain thread, read after `group.wait()`.
    var data = Data()
    var truncated = false

    func drain(_ handle: FileHandle, limit: Int) {
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            if data.count < limit {
                data.append(chunk.prefix(limit - data.count))
                if data.count >= limit && chunk.count > 0 { truncated = true }
            } else {
                truncated = true // keep draining so the child never blocks on a full pipe
            }
        }
    }
}
