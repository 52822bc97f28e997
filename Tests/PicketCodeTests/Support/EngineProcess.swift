import Foundation
import PicketCore

/// Runs an engine command with stdout/stderr sent to temporary files rather than pipes. With pipes, a semgrep
/// run inside the test process was seen never reaching end-of-file after the child had exited (the read side
/// blocked for 30 minutes); files do not depend on every copy of a pipe's write end being closed.
enum EngineProcess {
    struct Result: Sendable {
        var status: Int32
        var stdout: Data
        var stderr: Data
        var timedOut: Bool
        var succeeded: Bool { status == 0 && !timedOut }
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                    workingDirectory: String, timeout: Duration) async throws -> Result {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("picket-engine-\(UUID().uuidString)")
        let outURL = base.appendingPathExtension("out"), errURL = base.appendingPathExtension("err")
        guard fm.createFile(atPath: outURL.path, contents: nil), fm.createFile(atPath: errURL.path, contents: nil) else {
            throw PicketError.runtime("cannot create output files under \(fm.temporaryDirectory.path)")
        }
        defer {
            try? fm.removeItem(at: outURL)
            try? fm.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err

        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { p in
            exited.continuation.yield(p.terminationStatus)
            exited.continuation.finish()
        }
        do { try process.run() } catch {
            throw PicketError.runtime("cannot start \(executable): \(error.localizedDescription)")
        }
        try? out.close()
        try? err.close()
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            if process.isRunning { process.terminate() }
            return true
        }
        var status: Int32 = -1
        for await s in exited.stream { status = s }
        watchdog.cancel()
        let timedOut = (try? await watchdog.value) ?? false
        return Result(status: status, stdout: (try? Data(contentsOf: outURL)) ?? Data(),
                      stderr: (try? Data(contentsOf: errURL)) ?? Data(), timedOut: timedOut)
    }
}
