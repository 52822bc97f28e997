/// How Picket retries a request GitLab throttled (429) or could not serve (502/503/504, idempotent only):
/// capped exponential backoff with jitter, never sooner than GitLab's `Retry-After`.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first one included.
    public var maxAttempts: Int
    /// First backoff step, in seconds; doubles on every retry.
    public var baseDelay: Double
    /// No single wait is longer than this. A `Retry-After` above it fails the request at once
    /// (`rateLimited`) instead of hanging the run.
    public var maxDelay: Double
    /// Up to this fraction of the delay is added at random, so parallel workers do not retry in lockstep.
    public var jitter: Double

    public init(maxAttempts: Int = 8, baseDelay: Double = 1, maxDelay: Double = 120, jitter: Double = 0.25) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(0, maxDelay)
        self.jitter = max(0, jitter)
    }

    /// The wait before retry number `retry` (1-based). `retryAfter` comes from GitLab and is a floor.
    public func delay(retry: Int, retryAfter: Double?) -> Double {
        let exp = min(maxDelay, baseDelay * Double(1 << min(max(retry - 1, 0), 20)))
        let floor = max(exp, retryAfter ?? 0)
        return min(floor * (1 + Double.random(in: 0...jitter)), max(maxDelay, retryAfter ?? 0) * (1 + jitter))
    }
}
