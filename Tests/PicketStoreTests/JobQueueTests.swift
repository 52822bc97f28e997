import Foundation
@testable import PicketStore
import Testing

@Suite("Job queue")
struct JobQueueTests {
    @Test("enqueue with a dedupe key returns the live job", arguments: Backend.allCases)
    func dedupe(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let a = try await store.enqueue(NewJob(type: "scan", payload: #"{"repository":1}"#, dedupeKey: "scan:1"))
            let b = try await store.enqueue(NewJob(type: "scan", payload: #"{"repository":1}"#, dedupeKey: "scan:1"))
            #expect(a.created)
            #expect(!b.created)
            #expect(a.job.id == b.job.id)
            let claimed = try #require(try await store.claim(workerID: "w1", types: ["scan"], leaseSeconds: 60))
            _ = try await store.complete(jobID: claimed.id, workerID: "w1", result: nil)
            // Finished: the key is free again.
            let c = try await store.enqueue(NewJob(type: "scan", payload: "{}", dedupeKey: "scan:1"))
            #expect(c.created)
            #expect(c.job.id != a.job.id)
            await #expect(throws: StoreError.self) { try await store.enqueue(NewJob(type: "scan", payload: "{not json")) }
        }
    }

    /// SQLite claimers queue on the write lock. With the whole suite running on 2 cores, the task holding the lock
    /// can wait long for a thread to commit on, so the racers here wait as long as it takes (what is tested is
    /// who wins, not how fast; the lock timeout itself is OutageTests' subject).
    static let patient = StoreOptions(sqliteBusyTimeoutMilliseconds: 300_000)

    @Test("two workers racing for one job: exactly one wins", arguments: Backend.allCases)
    func raceForOne(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend, options: Self.patient) { store, env in
            // A second store on the same database: separate connections, as a second worker process has.
            let other = try await SQLStore.open(env.location, options: Self.patient)
            let job = try await store.enqueue(NewJob(type: "scan")).job
            // Leases long enough that no earlier round's job expires back into the queue on a slow machine.
            for round in 0..<5 {
                if round > 0 { _ = try await store.enqueue(NewJob(type: "scan")) }
                let winners = try await withThrowingTaskGroup(of: Job?.self) { group in
                    for i in 0..<8 {
                        let s = i % 2 == 0 ? store : other
                        group.addTask { try await s.claim(workerID: "worker-\(i)", types: ["scan"], leaseSeconds: 3600) }
                    }
                    return try await group.reduce(into: [Job]()) { if let j = $1 { $0.append(j) } }
                }
                #expect(winners.count == 1, "round \(round)")
            }
            #expect(try await store.job(job.id).status == .running)
            await other.close()
        }
    }

    @Test("many workers drain many jobs, each job exactly once", arguments: Backend.allCases)
    func drain(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend, options: Self.patient) { store, env in
            let other = try await SQLStore.open(env.location, options: Self.patient)
            for i in 0..<30 { _ = try await store.enqueue(NewJob(type: i % 2 == 0 ? "scan" : "discover", payload: "{\"n\":\(i)}")) }
            let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for w in 0..<4 {
                    let s = w % 2 == 0 ? store : other
                    group.addTask {
                        var mine: [Int64] = []
                        while let j = try await s.claim(workerID: "w\(w)", types: [], leaseSeconds: 60) {
                            mine.append(j.id)
                            _ = try await s.complete(jobID: j.id, workerID: "w\(w)", result: "{\"ok\":true}")
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0 += $1 }
            }
            #expect(claimed.count == 30)
            #expect(Set(claimed).count == 30)
            #expect(try await store.jobs(status: .succeeded, limit: 100).count == 30)
            await other.close()
        }
    }

    @Test("types filter and priority order", arguments: Backend.allCases)
    func typesAndPriority(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let low = try await store.enqueue(NewJob(type: "scan", priority: 0)).job
            let high = try await store.enqueue(NewJob(type: "scan", priority: 5)).job
            let note = try await store.enqueue(NewJob(type: "mr-note")).job
            _ = try await store.enqueue(NewJob(type: "scan", runAfter: Date().addingTimeInterval(3600)))
            #expect(try await store.claim(workerID: "w", types: ["mr-note"], leaseSeconds: 30)?.id == note.id)
            #expect(try await store.claim(workerID: "w", types: ["scan"], leaseSeconds: 30)?.id == high.id)
            #expect(try await store.claim(workerID: "w", types: ["scan"], leaseSeconds: 30)?.id == low.id)
            #expect(try await store.claim(workerID: "w", types: ["scan"], leaseSeconds: 30) == nil)
        }
    }

    @Test("a killed worker's job is claimable again after its lease expires", arguments: Backend.allCases)
    func leaseExpiry(_ backend: Backend) async throws {
        let clock = ManualClock()
        try await StoreFixture.withStore(backend, options: StoreOptions(now: clock.function)) { store, _ in
            let job = try await store.enqueue(NewJob(type: "scan", maxAttempts: 3)).job
            let first = try #require(try await store.claim(workerID: "doomed", types: [], leaseSeconds: 30))
            #expect(first.attempts == 1)
            // Within the lease nobody else gets it; a heartbeat extends it.
            clock.advance(20)
            #expect(try await store.claim(workerID: "rescuer", types: [], leaseSeconds: 30) == nil)
            _ = try await store.heartbeat(jobID: job.id, workerID: "doomed", leaseSeconds: 30)
            clock.advance(20)
            #expect(try await store.claim(workerID: "rescuer", types: [], leaseSeconds: 30) == nil)
            // The worker dies (no more heartbeats).
            clock.advance(31)
            let second = try #require(try await store.claim(workerID: "rescuer", types: [], leaseSeconds: 30))
            #expect(second.id == job.id)
            #expect(second.attempts == 2)
            #expect(second.lastError?.contains("doomed") == true)
            // The dead worker coming back cannot touch it any more.
            await #expect(throws: StoreError.leaseLost(jobID: job.id)) {
                try await store.heartbeat(jobID: job.id, workerID: "doomed", leaseSeconds: 30)
            }
            await #expect(throws: StoreError.leaseLost(jobID: job.id)) {
                try await store.complete(jobID: job.id, workerID: "doomed", result: nil)
            }
            let done = try await store.complete(jobID: job.id, workerID: "rescuer", result: #"{"findings":3}"#)
            #expect(done.status == .succeeded)
        }
    }

    @Test("expired leases of a job out of attempts end failed with the reason", arguments: Backend.allCases)
    func leaseExpiryExhausted(_ backend: Backend) async throws {
        let clock = ManualClock()
        try await StoreFixture.withStore(backend, options: StoreOptions(now: clock.function)) { store, _ in
            let job = try await store.enqueue(NewJob(type: "scan", maxAttempts: 1)).job
            _ = try await store.claim(workerID: "doomed", types: [], leaseSeconds: 10)
            clock.advance(11)
            #expect(try await store.reclaimExpiredLeases() == 1)
            let j = try await store.job(job.id)
            #expect(j.status == .failed)
            #expect(j.lastError?.contains("expired") == true)
            #expect(try await store.claim(workerID: "w", types: [], leaseSeconds: 10) == nil)
        }
    }

    @Test("failures retry with backoff until max attempts, then fail with the error", arguments: Backend.allCases)
    func retriesThenFailed(_ backend: Backend) async throws {
        let clock = ManualClock()
        let options = StoreOptions(now: clock.function, jobBackoffBaseSeconds: 10, jobBackoffMaxSeconds: 60)
        try await StoreFixture.withStore(backend, options: options) { store, _ in
            let job = try await store.enqueue(NewJob(type: "scan", maxAttempts: 3)).job
            var j = try #require(try await store.claim(workerID: "w", types: [], leaseSeconds: 30))
            j = try await store.fail(jobID: job.id, workerID: "w", error: "GitLab answered 502", retryable: true)
            #expect(j.status == .queued)
            #expect(j.runAfter == clock.now.addingTimeInterval(10))
            // Repeating the same report is harmless.
            #expect(try await store.fail(jobID: job.id, workerID: "w", error: "GitLab answered 502", retryable: true).status == .queued)
            #expect(try await store.claim(workerID: "w", types: [], leaseSeconds: 30) == nil, "backoff not yet over")
            clock.advance(10)
            _ = try #require(try await store.claim(workerID: "w", types: [], leaseSeconds: 30))
            j = try await store.fail(jobID: job.id, workerID: "w", error: "GitLab answered 503", retryable: true)
            #expect(j.runAfter == clock.now.addingTimeInterval(20))
            clock.advance(20)
            j = try #require(try await store.claim(workerID: "w", types: [], leaseSeconds: 30))
            #expect(j.attempts == 3)
            j = try await store.fail(jobID: job.id, workerID: "w", error: "GitLab answered 500", retryable: true)
            #expect(j.status == .failed)
            #expect(j.lastError == "GitLab answered 500")
            #expect(j.finishedAt != nil)
            // A non-retryable failure fails at once.
            let k = try await store.enqueue(NewJob(type: "scan", maxAttempts: 5)).job
            _ = try await store.claim(workerID: "w", types: [], leaseSeconds: 30)
            #expect(try await store.fail(jobID: k.id, workerID: "w", error: "repository deleted", retryable: false).status == .failed)
        }
    }

    @Test("completion is idempotent: the first result stands", arguments: Backend.allCases)
    func idempotentCompletion(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let job = try await store.enqueue(NewJob(type: "scan")).job
            _ = try await store.claim(workerID: "w", types: [], leaseSeconds: 30)
            let a = try await store.complete(jobID: job.id, workerID: "w", result: #"{"scan":7}"#)
            let b = try await store.complete(jobID: job.id, workerID: "w", result: #"{"scan":8}"#)
            #expect(a.result == #"{"scan":7}"#)
            #expect(b.result == #"{"scan":7}"#)
            #expect(a.finishedAt == b.finishedAt)
            await #expect(throws: StoreError.notFound("job 424242")) { try await store.complete(jobID: 424_242, workerID: "w", result: nil) }
        }
    }
}
