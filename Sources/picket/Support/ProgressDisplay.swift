import Foundation
import PicketCore

/// Progress on stderr (files, bytes, rate). On a terminal one line is redrawn a few times a second; when
/// asked for on a non-terminal (`--progress`, e.g. in CI logs) a plain line is printed every few seconds and
/// once at the end.
final class ProgressDisplay: @unchecked Sendable {
    private let progress: ScanProgress
    private let interactive: Bool
    private var task: Task<Void, Never>?
    private let startedAt = ContinuousClock.now

    init(progress: ScanProgress, interactive: Bool) {
        self.progress = progress
        self.interactive = interactive
    }

    func start() {
        let interval: Duration = interactive ? .milliseconds(250) : .seconds(5)
        task = Task.detached { [progress, startedAt, interactive] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                let line = ProgressDisplay.line(progress, elapsed: ContinuousClock.now - startedAt)
                Terminal.stderr(interactive ? "\r\u{1B}[2K" + line : line + "\n")
            }
        }
    }

    func stop() {
        task?.cancel()
        task = nil
        if interactive {
            Terminal.stderr("\r\u{1B}[2K")
        } else {
            Terminal.stderr(ProgressDisplay.line(progress, elapsed: ContinuousClock.now - startedAt, final: true) + "\n")
        }
    }

    static func line(_ p: ScanProgress, elapsed: Duration, final: Bool = false) -> String {
        let files = p.files.load(ordering: .relaxed), total = p.totalFiles.load(ordering: .relaxed)
        let bytes = p.bytes.load(ordering: .relaxed)
        let secs = max(elapsed.seconds, 0.001)
        var s = final ? "done" : (p.phase.isEmpty ? "scanning" : p.phase)
        s += total > 0 ? " · \(files)/\(total) files" : " · \(files) files"
        s += " · \(ByteCount.format(bytes)) · \(ByteCount.format(Int(Double(bytes) / secs)))/s"
        let found = p.findings.load(ordering: .relaxed)
        if found > 0 { s += " · \(found) findings" }
        if final { s += String(format: " · %.2f s", secs) }
        return s
    }
}
