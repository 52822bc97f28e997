import Foundation
import Synchronization
import Testing
@testable import PicketStore

/// The connection pool never leaves a caller waiting forever: a wait ends with a connection, the pool's closing,
/// the caller's cancellation or the wait limit; a connection whose close never returns holds nobody up.
@Suite struct ResourcePoolTests {
    final class Counter: Sendable {
        let value = Mutex(0)
        func next() -> Int { value.withLock { $0 += 1; return $0 } }
    }

    @Test func aWaitEndsAfterTheLimitWithAClearError() async throws {
        let made = Counter()
        let pool = ResourcePool<Int>(maximum: 1, waitLimit: .milliseconds(200), create: { made.next() }, destroy: { _ in })
        let held = try await pool.checkout()
        let started = ContinuousClock.now
        await #expect { _ = try await pool.checkout() } throws: { "\($0)".contains("stayed busy") }
        #expect(ContinuousClock.now - started < .seconds(30))
        await pool.checkin(held, broken: false)
        #expect(try await pool.checkout() == held, "the pool still works after a wait expired")
        #expect(await pool.counts.waiting == 0)
    }

    @Test func aCancelledWaitEndsAtOnce() async throws {
        let pool = ResourcePool<Int>(maximum: 1, create: { 1 }, destroy: { _ in })
        _ = try await pool.checkout()
        let waiting = Task { try await pool.checkout() }
        while await pool.counts.waiting == 0 { try await Task.sleep(for: .milliseconds(5)) }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiting.value }
        #expect(await pool.counts.waiting == 0)
    }

    /// Closing a connection the server already dropped can hang; the next caller gets a fresh one regardless.
    @Test func aDestroyThatNeverReturnsHoldsNobodyUp() async throws {
        let made = Counter()
        let pool = ResourcePool<Int>(maximum: 1, create: { made.next() }, destroy: { _ in
            try? await Task.sleep(for: .seconds(3600))
        })
        let first = try await pool.checkout()
        let waiting = Task { try await pool.checkout() }
        while await pool.counts.waiting == 0 { try await Task.sleep(for: .milliseconds(5)) }
        await pool.checkin(first, broken: true)
        let second = try await waiting.value
        #expect(second != first)
        await pool.checkin(second, broken: true)
        #expect(try await pool.checkout() == 3)
    }

    @Test func closingWakesEveryWaiterWithAnError() async throws {
        let pool = ResourcePool<Int>(maximum: 1, create: { 1 }, destroy: { _ in })
        _ = try await pool.checkout()
        let waiters = (0..<3).map { _ in Task { try await pool.checkout() } }
        while await pool.counts.waiting < 3 { try await Task.sleep(for: .milliseconds(5)) }
        await pool.close()
        for w in waiters {
            await #expect { _ = try await w.value } throws: { "\($0)".contains("closed") }
        }
        await #expect { _ = try await pool.checkout() } throws: { "\($0)".contains("closed") }
    }
}
