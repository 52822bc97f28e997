import Foundation
import PicketCore

/// A one-line progress display on stderr (files, bytes, rate), redrawn a few times a second.
final class ProgressDisplay: @unchecked Sendable {
    private let progress: ScanProgress
    private var task: Task<Void, Never>?
    private let start = ContinuousClock.now

    init(progress: ScanProgress) { self.progress = progress }

    func start(interval: Duration = .milliseconds(250)) {
        task = Task.detached { [progress, start] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                Terminal.stderr("\r\u{1B}[2K" + ProgressDisplay.line(progress, elapsed: ContinuousClock.now - start))
            }
        }
    }

    func stop() {
        task?.cancel()
        task = nil
        Terminal.stderr("\r\u{1B}[2K")
    }

    static func line(_ p: ScanProgress, elapsed: Duration) -> String {
        let files = p.files.load(ordering: .relaxed), total = p.totalFiles.load(ordering: .relaxed)
        let bytes = p.bytes.load(ordering: .relaxed)
        let secs = max(elapsed.seconds, 0.001)
        var s = p.phase.isEmpty ? "scanning" : p.phase
        s += total > 0 ? " · \(files)/\(total) files" : " · \(files) files"
        s += " · \(ByteCount.format(bytes)) · \(ByteCount.format(Int(Double(bytes) / secs)))/s"
        let found = p.findings.load(ordering: .relaxed)
        if found > 0 { s += " · \(found) findings" }
        return s
    }
}
