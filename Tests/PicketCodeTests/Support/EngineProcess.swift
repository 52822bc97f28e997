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

        do { try process.run() } catch {
            throw PicketError.runtime("cannot start \(executable): \(error.localizedDescription)")
        }
        try? out.close()
        try? err.close()
        // Poll rather than wait for terminationHandler: in this test process the handler was seen never firing for
        // a child that had exited (left a zombie), so a zombie is reaped here directly.
        let pid = process.processIdentifier
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var status: Int32 = -1
        var timedOut = false
        while true {
            if !process.isRunning { status = process.terminationStatus; break }
            if Self.isZombie(pid) {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid {
                    status = (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
                    break
                }
            }
            // Reaped elsewhere without the exit being reported: the status is unknown (-2); callers read the output.
            if !FileManager.default.fileExists(atPath: "/proc/\(pid)") { status = -2; break }
            if clock.now > deadline {
                timedOut = true
                process.terminate()
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return Result(status: status, stdout: (try? Data(contentsOf: outURL)) ?? Data(),
                      stderr: (try? Data(contentsOf: errURL)) ?? Data(), timedOut: timedOut)
    }

    /// True when /proc shows the process as a zombie (exited, not yet reaped).
    private static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}
