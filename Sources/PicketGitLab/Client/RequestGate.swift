import Foundation

/// Per-host admission for API requests: at most `maxConcurrent` in flight, and pacing from GitLab's
/// `RateLimit-*` headers so the run slows down *before* the quota is used up instead of running into 429s.
/// Shared by every client of the same host (see `RequestGate.shared(for:)`).
public actor RequestGate {
    private let maxConcurrent: Int
    private var inFlight = 0
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, Error>)] = []
    private var nextWaiterID: UInt64 = 0
    /// No request starts before this (set by a 429 or by an exhausted quota).
    private var pausedUntil: ContinuousClock.Instant?
    /// Pacing: the next request's earliest start, and the spacing while the quota runs low.
    private var nextSlot: ContinuousClock.Instant = .now
    private var spacing: Duration = .zero
    /// Wall-clock waiting already reported, so concurrent waiters are not counted several times over.
    private var accountedUntil: ContinuousClock.Instant = .now

    public init(maxConcurrent: Int) {
        self.maxConcurrent = max(1, maxConcurrent)
    }

    /// Waits for a slot and for the pacing delay. Returns the wall-clock time this wait adds to the time the host
    /// was held for rate-limit reasons (overlapping waits of concurrent requests count once; time queued behind
    /// the concurrency limit does not count).
    func acquire() async throws -> Duration {
        if inFlight >= maxConcurrent {
            let id = nextWaiterID
            nextWaiterID += 1
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, Error>) in
                    waiters.append((id, c))
                }
            } onCancel: {
                Task { await self.cancelWaiter(id) }
            }
        } else {
            inFlight += 1
        }
        let now = ContinuousClock.now
        var start = max(now, nextSlot)
        if let p = pausedUntil, p > start { start = p }
        nextSlot = start + spacing
        let counted = account(from: now, to: start)
        if start > now {
            do { try await Task.sleep(until: start, clock: .continuous) } catch {
                release()
                throw error
            }
        }
        return counted
    }

    private func account(from: ContinuousClock.Instant, to: ContinuousClock.Instant) -> Duration {
        let begin = max(from, accountedUntil)
        guard to > begin else { return .zero }
        accountedUntil = to
        return to - begin
    }

    func release() {
        if let next = waiters.first {
            waiters.removeFirst()
            next.continuation.resume() // the slot passes to the waiter; inFlight stays
        } else {
            inFlight = max(0, inFlight - 1)
        }
    }

    private func cancelWaiter(_ id: UInt64) {
        if let i = waiters.firstIndex(where: { $0.id == id }) {
            let w = waiters.remove(at: i)
            w.continuation.resume(throwing: CancellationError())
        }
    }

    /// Holds every request for `seconds` (GitLab said 429).
    func pause(seconds: Double) {
        let until = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        if pausedUntil.map({ until > $0 }) ?? true { pausedUntil = until }
    }

    /// Learns from `RateLimit-Remaining`/`-Limit`/`-Reset`. While the remaining quota is below a reserve,
    /// spreads the remaining requests evenly over the time left in the window; at zero, waits for the reset.
    func observe(_ rl: RateLimitHeaders) {
        guard let remaining = rl.remaining else { return }
        let secondsLeft = min(max(rl.resetAt.map { $0.timeIntervalSinceNow } ?? 60, 0), 3600)
        let reserve = max(2 * maxConcurrent, (rl.limit ?? 0) / 10)
        if remaining <= 0 {
            pause(seconds: secondsLeft)
            spacing = .zero
        } else if remaining < reserve {
            spacing = .milliseconds(Int64(secondsLeft * 1000 / Double(remaining)))
        } else {
            spacing = .zero
        }
    }

    private static let registry = GateRegistry()

    /// The gate for one host (`scheme://host:port`), created on first use.
    public static func shared(for endpoint: GitLabEndpoint, maxConcurrent: Int) async -> RequestGate {
        await registry.gate(for: "\(endpoint.scheme)://\(endpoint.host):\(endpoint.port)", maxConcurrent: maxConcurrent)
    }
}

private actor GateRegistry {
    private var gates: [String: RequestGate] = [:]

    func gate(for key: String, maxConcurrent: Int) -> RequestGate {
        if let g = gates[key] { return g }
        let g = RequestGate(maxConcurrent: maxConcurrent)
        gates[key] = g
        return g
    }
}

/// GitLab's rate-limit headers, as far as a response carries them.
public struct RateLimitHeaders: Sendable, Hashable {
    public var limit: Int?
    public var remaining: Int?
    public var resetAt: Date?
    /// `Retry-After`, in seconds (GitLab sends seconds; an HTTP date is accepted too).
    public var retryAfter: Double?

    public init(limit: Int? = nil, remaining: Int? = nil, resetAt: Date? = nil, retryAfter: Double? = nil) {
        self.limit = limit
        self.remaining = remaining
        self.resetAt = resetAt
        self.retryAfter = retryAfter
    }

    public init(header: (String) -> String?) {
        limit = header("ratelimit-limit").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        remaining = header("ratelimit-remaining").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        resetAt = header("ratelimit-reset").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }.map { Date(timeIntervalSince1970: $0) }
        if let ra = header("retry-after")?.trimmingCharacters(in: .whitespaces) {
            if let s = Double(ra) {
                retryAfter = max(0, s)
            } else if let d = RateLimitHeaders.httpDate(ra) {
                retryAfter = max(0, d.timeIntervalSinceNow)
            }
        }
    }

    static func httpDate(_ s: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return f.date(from: s)
    }
}
