import Foundation
import Logging
import PicketGitLab
import PicketStore

/// A worker: claims a job with a lease, keeps the lease alive with heartbeats while the handler runs, and
/// records the outcome. A worker that dies simply stops heartbeating; its lease expires and another worker
/// claims the job again (handlers are idempotent). When the database is away the worker waits and resumes.
struct JobWorker: Sendable {
    let id: String
    let services: PlatformServices
    let handlers: JobHandlers
    let leaseSeconds: Int
    let pollInterval: Duration

    private var logger: Logger {
        var l = services.logger("worker")
        l[metadataKey: "worker"] = .string(id)
        return l
    }

    /// Runs until the task is cancelled.
    func run() async {
        var backoff: Duration = .milliseconds(250)
        logger.info("worker started", metadata: ["types": "\(handlers.types.joined(separator: ","))"])
        while !Task.isCancelled {
            do {
                guard let job = try await services.store.claim(workerID: id, types: handlers.types, leaseSeconds: leaseSeconds) else {
                    await services.doorbell.wait(timeout: pollInterval)
                    backoff = .milliseconds(250)
                    continue
                }
                backoff = .milliseconds(250)
                await process(job)
            } catch is CancellationError {
                break
            } catch {
                // The database is away (or refused): wait, then try again; nothing was taken.
                logger.warning("cannot claim a job", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(10))
            }
        }
        logger.info("worker stopped")
    }

    /// Runs one claimed job to an outcome.
    func process(_ job: Job) async {
        guard let handler = handlers.handlers[job.type] else {
            _ = try? await services.store.fail(jobID: job.id, workerID: id, error: "no handler for job type '\(job.type)' in this Picket", retryable: false)
            return
        }
        var log = logger
        log[metadataKey: "job"] = "\(job.id)"
        log[metadataKey: "job_type"] = .string(job.type)
        log.info("job started", metadata: ["attempt": "\(job.attempts)/\(job.maxAttempts)"])
        let started = ContinuousClock.now
        let context = JobContext(services: services, workerID: id, job: job)
        let outcome: Result<String?, Error> = await withTaskGroup(of: Result<String?, Error>?.self) { group in
            group.addTask {
                do { return .success(try await handler.run(job, worker: context)) } catch { return .failure(error) }
            }
            group.addTask { await self.heartbeat(job) }
            // The handler always answers; the heartbeat answers only when the lease is lost (nil when cancelled).
            var result: Result<String?, Error>?
            while let r = await group.next() {
                if let r {
                    result = r
                    break
                }
            }
            group.cancelAll()
            return result ?? .failure(CancellationError())
        }
        let seconds = (ContinuousClock.now - started).seconds
        services.metrics.observe("picket_job_duration_seconds", [("type", job.type)], seconds)
        switch outcome {
        case .success(let result):
            await record("succeeded", job, log) { try await services.store.complete(jobID: job.id, workerID: id, result: result) }
            log.info("job succeeded", metadata: ["seconds": "\(String(format: "%.2f", seconds))"])
        case .failure(let error):
            await fail(job, error: error, log: log)
        }
    }

    /// Extends the lease every third of its length until cancelled; returns `.failure(leaseLost)` if the job
    /// was taken away (this worker looked dead to the others).
    private func heartbeat(_ job: Job) async -> Result<String?, Error>? {
        let every = Duration.milliseconds(max(500, leaseSeconds * 1000 / 3))
        while !Task.isCancelled {
            do { try await Task.sleep(for: every) } catch { return nil }
            do {
                _ = try await services.store.heartbeat(jobID: job.id, workerID: id, leaseSeconds: leaseSeconds)
            } catch StoreError.leaseLost {
                logger.warning("lease lost; stopping the job", metadata: ["job": "\(job.id)"])
                return .failure(StoreError.leaseLost(jobID: job.id))
            } catch {
                // The database is briefly away: keep trying; if the lease runs out meanwhile, the job is retried.
                continue
            }
        }
        return nil
    }

    private func fail(_ job: Job, error: Error, log: Logger) async {
        let message: String
        var retryable = true
        var after: TimeInterval?
        switch error {
        case StoreError.leaseLost:
            services.metrics.increment("picket_jobs_processed_total", [("type", job.type), ("outcome", "lease_lost")])
            return
        case let f as JobFailure:
            message = f.description
            if case .permanent = f { retryable = false }
            if case .retryLater(_, let a) = f { after = a }
        case GitLabError.rateLimited(let retryAfter):
            message = "\(error)"
            after = retryAfter ?? services.configuration.rateLimitRetrySeconds
        case GitLabError.unauthorized, GitLabError.tokenExpired, GitLabError.tokenRevoked, GitLabError.insufficientScope:
            message = "\(error)"
            retryable = false
        case is CancellationError:
            message = "the worker stopped before the job finished"
        default:
            message = "\(error)"
        }
        let outcome = retryable ? "retry" : "failed"
        if let after {
            await record(outcome, job, log) { try await services.store.fail(jobID: job.id, workerID: id, error: message, retryAfter: after) }
        } else {
            await record(outcome, job, log) { try await services.store.fail(jobID: job.id, workerID: id, error: message, retryable: retryable) }
        }
        log.warning("job attempt failed", metadata: ["error": .string(message), "retryable": "\(retryable)"])
    }

    /// Writes a job's outcome, retrying while the database is away (the lease may expire meanwhile; then another
    /// worker repeats the job, which handlers allow).
    private func record(_ outcome: String, _ job: Job, _ log: Logger, _ write: () async throws -> Job) async {
        var delay: Duration = .milliseconds(200)
        for _ in 0..<20 {
            do {
                let j = try await write()
                let label = j.status == .failed ? "failed" : outcome
                services.metrics.increment("picket_jobs_processed_total", [("type", job.type), ("outcome", label)])
                if j.status == .queued || j.status == .succeeded { services.doorbell.ring() }
                return
            } catch StoreError.leaseLost {
                services.metrics.increment("picket_jobs_processed_total", [("type", job.type), ("outcome", "lease_lost")])
                return
            } catch {
                log.warning("cannot record the job's outcome yet", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(5))
            }
        }
    }
}

extension Duration {
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}

/// Several workers in one process.
struct WorkerPool: Sendable {
    let services: PlatformServices
    let count: Int
    let prefix: String

    init(services: PlatformServices, count: Int, prefix: String? = nil) {
        self.services = services
        self.count = count
        self.prefix = prefix ?? WorkerPool.defaultPrefix()
    }

    static func defaultPrefix() -> String {
        "\(ProcessInfo.processInfo.hostName)/\(getpid())"
    }

    func run() async {
        let handlers = JobHandlers.standard(services)
        await withTaskGroup(of: Void.self) { group in
            for n in 0..<count {
                let w = JobWorker(id: "\(prefix)/w\(n + 1)", services: services, handlers: handlers,
                                  leaseSeconds: services.configuration.leaseSeconds, pollInterval: services.configuration.pollInterval)
                group.addTask { await w.run() }
            }
        }
    }
}
