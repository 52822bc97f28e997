import Foundation

public struct RequestLogEntry: Sendable {
    public var id: Int
    public var method: String
    /// Route pattern (`GET /groups/:id/projects`) or, for unmatched paths, the path without the query.
    public var route: String
    public var path: String
    public var status: Int
    public var userID: Int?
    public var tokenID: Int?
    public var at: Date
}

/// Outcome of a Rack::Attack-style throttle check, rendered as `RateLimit-*` headers.
struct ThrottleState: Sendable {
    var name: String
    var perMinuteLimit: Int
    var observed: Int
    var remaining: Int
    var resetAt: Int
    var retryAfter: Int
    var exceeded: Bool

    func headers(now: Date) -> [(String, String)] {
        var h: [(String, String)] = [
            ("RateLimit-Name", name), ("RateLimit-Limit", String(perMinuteLimit)), ("RateLimit-Observed", String(observed)),
            ("RateLimit-Remaining", String(remaining)), ("RateLimit-Reset", String(resetAt)),
        ]
        if exceeded {
            h.append(("RateLimit-ResetTime", SimClock.httpDate(Date(timeIntervalSince1970: Double(resetAt)))))
            h.append(("Retry-After", String(retryAfter)))
        }
        return h
    }
}

/// The simulator's mutable state: the world, counters and logs. Handlers read snapshots (copy-on-write) and
/// write through `mutate`.
public actor SimStore {
    var world: World
    private var log: [RequestLogEntry] = []
    private var logSeq = 0
    private var counts: [String: Int] = [:]
    private var windows: [String: (window: Int, count: Int)] = [:]
    private let logCapacity = 50_000

    init(world: World) { self.world = world }

    func snapshot() -> World { world }

    func mutate<T: Sendable>(_ body: @Sendable (inout World) throws -> T) rethrows -> T { try body(&world) }

    // MARK: Request log

    func record(method: String, route: String, path: String, status: Int, userID: Int?, tokenID: Int?) {
        logSeq += 1
        counts["\(method) \(route)", default: 0] += 1
        log.append(RequestLogEntry(id: logSeq, method: method, route: route, path: path, status: status, userID: userID, tokenID: tokenID, at: Date()))
        if log.count > logCapacity { log.removeFirst(log.count - logCapacity) }
    }

    func requestLog() -> (entries: [RequestLogEntry], counts: [String: Int]) { (log, counts) }

    func resetRequestLog() {
        log.removeAll()
        counts.removeAll()
    }

    func resetRateLimits() { windows.removeAll() }

    // MARK: Rate limiting

    /// Counts a request in a fixed window and reports the throttle state.
    func hit(key: String, name: String, throttle: Throttle, now: Date) -> ThrottleState {
        let t = Int(now.timeIntervalSince1970)
        let window = t / throttle.period
        var entry = windows[key] ?? (window, 0)
        if entry.window != window { entry = (window, 0) }
        entry.count += 1
        windows[key] = entry
        let resetAt = (window + 1) * throttle.period
        let perMinute = Int((Double(throttle.limit) * 60.0 / Double(throttle.period)).rounded(.up))
        return ThrottleState(name: name, perMinuteLimit: perMinute, observed: entry.count, remaining: max(0, throttle.limit - entry.count),
                             resetAt: resetAt, retryAfter: max(1, resetAt - t), exceeded: entry.count > throttle.limit)
    }

    /// Consumes one request of an injected 429 storm, if one is active.
    func takeStorm() -> Int? {
        guard world.instance.faults.rateLimitStorm > 0 else { return nil }
        world.instance.faults.rateLimitStorm -= 1
        return world.instance.faults.stormRetryAfter
    }

    func takeServerError() -> Bool {
        guard world.instance.faults.serverErrors > 0 else { return false }
        world.instance.faults.serverErrors -= 1
        return true
    }
}
