import Foundation
import NIOHTTP1
@testable import PicketGitLab
import PicketTestSupport
import Synchronization
import Testing

/// 429 storms, transient 5xx, pacing under a tight quota, and the per-host concurrency limit.
@Suite struct RateLimitTests {
    typealias Tok = SimHarness.Tok

    @Test func stormOf429IsRetriedWithBackoffAndSucceeds() async throws {
        try await SimHarness.with { h in
            let (status, _) = try await h.control(HTTPMethod.POST, "faults", json: #"{"rate_limit_storm": 3, "storm_retry_after": 1}"#)
            #expect(status == 200)
            let started = ContinuousClock.now
            let (user, stats) = try await h.withClient(Tok.service) { c in (try await c.currentUser(), c.stats) }
            let elapsed = ContinuousClock.now - started
            #expect(user.username == "service_account_group_10_picket")
            let s = stats.snapshot
            #expect(s.throttled == 3 && s.retries == 3 && s.requests == 4, "\(s)")
            #expect(elapsed >= .seconds(3), "Retry-After: 1 is honoured on every retry")
            #expect(s.rateLimitWaitSeconds >= 3)
        }
    }

    @Test func endlessStormGivesUpWithATypedError() async throws {
        try await SimHarness.with { h in
            try await h.control(HTTPMethod.POST, "faults", json: #"{"rate_limit_storm": 50, "storm_retry_after": 1}"#)
            try await h.withClient(Tok.service, retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.05, maxDelay: 5)) { client in
                await #expect(throws: GitLabError.rateLimited(retryAfter: 1)) { _ = try await client.currentUser() }
                #expect(client.stats.snapshot.requests == 3)
            }
        }
    }

    @Test func transientServerErrorsAreRetriedForReads() async throws {
        try await SimHarness.with { h in
            try await h.control(HTTPMethod.POST, "faults", json: #"{"server_errors": 2}"#)
            try await h.withClient(Tok.service) { client in
                let group = try await client.group("acme")
                #expect(group.id == 10)
                #expect(client.stats.snapshot.byStatus[500] == 2)
            }
        }
    }

    @Test func pacingKeepsUnderTheQuotaWithoutA429() async throws {
        try await SimHarness.with { h in
            let (status, _) = try await h.control(HTTPMethod.PUT, "rate-limits", json: #"{"enabled": true, "authenticated_api": {"limit": 40, "period": 3}}"#)
            #expect(status == 200)
            let s = try await h.withClient(Tok.service, gate: RequestGate(maxConcurrent: 4)) { client in
                try await withThrowingTaskGroup(of: Void.self) { g in
                    for _ in 0..<100 { g.addTask { _ = try await client.currentUser() } }
                    try await g.waitForAll()
                }
                return client.stats.snapshot
            }
            #expect(s.requests - s.retries == 100)
            // Unpaced, 100 requests against 40 per 3 s would draw 60 answers of 429; paced, at most one per window
            // boundary slips through (requests already in flight when the quota runs out).
            #expect(s.throttled <= 3, "pacing slows down before the quota is gone: \(s)")
            #expect(s.rateLimitWaitSeconds > 1, "\(s)")
        }
    }

    @Test func gateCapsRequestsInFlight() async throws {
        let gate = RequestGate(maxConcurrent: 3)
        let counter = InFlightCounter()
        await withTaskGroup(of: Void.self) { g in
            for _ in 0..<30 {
                g.addTask {
                    _ = try? await gate.acquire()
                    counter.enter()
                    try? await Task.sleep(for: .milliseconds(5))
                    counter.leave()
                    await gate.release()
                }
            }
        }
        #expect(counter.peak == 3)
    }
}

final class InFlightCounter: Sendable {
    private let state = Mutex((now: 0, peak: 0))
    func enter() { state.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) } }
    func leave() { state.withLock { $0.now -= 1 } }
    var peak: Int { state.withLock { $0.peak } }
}
