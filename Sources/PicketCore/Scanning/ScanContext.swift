import Synchronization

/// Run-wide settings and shared counters handed to every scanner.
public struct ScanContext: Sendable {
    /// Fill `Evidence.revealed` with raw secrets (`--no-redact`).
    public var revealSecrets: Bool
    /// Worker threads a scanner may use.
    public var parallelism: Int
    /// Where Picket keeps state (rule caches, databases).
    public var dataDirectory: DataDirectory
    public var progress: ScanProgress

    public init(revealSecrets: Bool = false, parallelism: Int = SystemInfo.activeProcessorCount,
                dataDirectory: DataDirectory, progress: ScanProgress = ScanProgress()) {
        self.revealSecrets = revealSecrets
        self.parallelism = max(1, parallelism)
        self.dataDirectory = dataDirectory
        self.progress = progress
    }
}

/// Lock-free counters that scanners bump and a progress display reads.
public final class ScanProgress: Sendable {
    public let files = Atomic<Int>(0)
    public let bytes = Atomic<Int>(0)
    public let totalFiles = Atomic<Int>(0)
    public let totalBytes = Atomic<Int>(0)
    public let findings = Atomic<Int>(0)
    private let phaseLock = Mutex<String>("")

    public init() {}

    public func advance(files f: Int = 1, bytes b: Int) {
        files.add(f, ordering: .relaxed)
        bytes.add(b, ordering: .relaxed)
    }

    public var phase: String {
        get { phaseLock.withLock { $0 } }
        set { phaseLock.withLock { $0 = newValue } }
    }

    public func setPhase(_ text: String) { phaseLock.withLock { $0 = text } }
}
