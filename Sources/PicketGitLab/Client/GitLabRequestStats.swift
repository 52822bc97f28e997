import Synchronization

/// Counters one client keeps: requests sent (retries included), answers by status, retries, and the wall-clock
/// time its requests were held for rate limits (pacing and 429 backoff; overlapping waits count once).
/// The benchmark and `--verbose` read them.
public final class GitLabRequestStats: Sendable {
    public struct Snapshot: Sendable, Hashable, Codable {
        public var requests = 0
        public var retries = 0
        public var throttled = 0
        public var rateLimitWaitSeconds = 0.0
        public var byStatus: [Int: Int] = [:]
        public var byRoute: [String: Int] = [:]
    }

    private let state = Mutex(Snapshot())

    public init() {}

    public var snapshot: Snapshot { state.withLock { $0 } }

    func record(status: Int?, route: String) {
        state.withLock {
            $0.requests += 1
            if let status { $0.byStatus[status, default: 0] += 1 }
            $0.byRoute[route, default: 0] += 1
            if status == 429 { $0.throttled += 1 }
        }
    }

    func recordRetry() { state.withLock { $0.retries += 1 } }

    func recordWait(_ d: Duration) {
        guard d > .zero else { return }
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        state.withLock { $0.rateLimitWaitSeconds += s }
    }
}
