import Foundation

extension SQLStore {
    static let jobColumns = """
        id, type, payload, dedupe_key, status, priority, run_after, attempts, max_attempts, lease_owner, lease_expires_at, \
        last_error, result, created_at, updated_at, started_at, finished_at
        """

    static func decodeJob(_ r: SQLRow) throws -> Job {
        Job(id: try r.int("id"), type: try r.text("type"), payload: try r.text("payload"), dedupeKey: try r.optionalText("dedupe_key"),
            status: try r.decode(JobStatus.self, "status"), priority: Int(try r.int("priority")), runAfter: try r.time("run_after"),
            attempts: Int(try r.int("attempts")), maxAttempts: Int(try r.int("max_attempts")),
            leaseOwner: try r.optionalText("lease_owner"), leaseExpiresAt: try r.optionalTime("lease_expires_at"),
            lastError: try r.optionalText("last_error"), result: try r.optionalText("result"), createdAt: try r.time("created_at"),
            updatedAt: try r.time("updated_at"), startedAt: try r.optionalTime("started_at"), finishedAt: try r.optionalTime("finished_at"))
    }

    static func validJSON(_ text: String, _ field: String) throws {
        guard (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil else {
            throw StoreError.invalidInput("\(field) is not valid JSON")
        }
    }

    public func enqueue(_ j: NewJob) async throws -> EnqueueResult {
        let type = try Self.nonEmpty(j.type, "the job type", max: 100)
        try Self.validJSON(j.payload, "the job payload")
        guard (1...100).contains(j.maxAttempts) else { throw StoreError.invalidInput("maxAttempts must be between 1 and 100") }
        let now = options.now()
        return try await database.write { ex in
            let rows = try await ex.query("""
                INSERT INTO jobs (type, payload, dedupe_key, status, priority, run_after, attempts, max_attempts, created_at, updated_at)
                VALUES (?, ?, ?, 'queued', ?, ?, 0, ?, ?, ?)
                ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running') DO NOTHING
                RETURNING \(Self.jobColumns)
                """, [.text(type), .text(j.payload), .text(j.dedupeKey), .int(j.priority), .time(j.runAfter ?? now),
                      .int(j.maxAttempts), .time(now), .time(now)])
            if let r = rows.first { return EnqueueResult(job: try Self.decodeJob(r), created: true) }
            guard let key = j.dedupeKey, let r = try await ex.queryFirst("""
                SELECT \(Self.jobColumns) FROM jobs WHERE dedupe_key = ? AND status IN ('queued', 'running')
                """, [.text(key)]) else {
                throw StoreError.conflict("the job could not be enqueued; retry")
            }
            return EnqueueResult(job: try Self.decodeJob(r), created: false)
        }
    }

    public func claim(workerID: String, types: [String], leaseSeconds: Int) async throws -> Job? {
        let worker = try Self.nonEmpty(workerID, "the worker id", max: 200)
        guard leaseSeconds > 0 else { throw StoreError.invalidInput("leaseSeconds must be positive") }
        let now = options.now()
        let expires = now.addingTimeInterval(TimeInterval(leaseSeconds))
        return try await database.write { ex in
            _ = try await self.reclaim(ex, now: now)
            var binds: [SQLValue] = [.text(worker), .time(expires), .time(now), .time(now), .time(now)]
            var typeFilter = ""
            if !types.isEmpty {
                typeFilter = " AND type IN (\(ex.placeholders(types.count)))"
                binds += types.map { .text($0) }
            }
            // One statement: pick the next ready job and take it. PostgreSQL skips rows other claimers locked;
            // SQLite runs it under the database's write lock (BEGIN IMMEDIATE).
            let rows = try await ex.query("""
                UPDATE jobs SET status = 'running', lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1,
                    started_at = ?, updated_at = ?
                WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND run_after <= ?\(typeFilter)
                            ORDER BY priority DESC, run_after, id LIMIT 1\(ex.dialect.forUpdateSkipLocked))
                RETURNING \(Self.jobColumns)
                """, binds)
            return try rows.first.map(Self.decodeJob)
        }
    }

    public func heartbeat(jobID: Int64, workerID: String, leaseSeconds: Int) async throws -> Job {
        guard leaseSeconds > 0 else { throw StoreError.invalidInput("leaseSeconds must be positive") }
        let now = options.now()
        return try await database.write { ex in
            let rows = try await ex.query("""
                UPDATE jobs SET lease_expires_at = ?, updated_at = ? WHERE id = ? AND lease_owner = ? AND status = 'running'
                RETURNING \(Self.jobColumns)
                """, [.time(now.addingTimeInterval(TimeInterval(leaseSeconds))), .time(now), .int(jobID), .text(workerID)])
            if let r = rows.first { return try Self.decodeJob(r) }
            _ = try await self.jobRow(ex, jobID)
            throw StoreError.leaseLost(jobID: jobID)
        }
    }

    public func complete(jobID: Int64, workerID: String, result: String?) async throws -> Job {
        if let result { try Self.validJSON(result, "the job result") }
        let now = options.now()
        return try await database.write { ex in
            let rows = try await ex.query("""
                UPDATE jobs SET status = 'succeeded', result = ?, lease_expires_at = NULL, finished_at = ?, updated_at = ?
                WHERE id = ? AND lease_owner = ? AND status = 'running'
                RETURNING \(Self.jobColumns)
                """, [.text(result), .time(now), .time(now), .int(jobID), .text(workerID)])
            if let r = rows.first { return try Self.decodeJob(r) }
            // Idempotent: a repeated completion (a retried request) returns the recorded result, unchanged.
            let job = try await self.jobRow(ex, jobID)
            if job.status == .succeeded { return job }
            throw StoreError.leaseLost(jobID: jobID)
        }
    }

    public func fail(jobID: Int64, workerID: String, error: String, retryable: Bool = true) async throws -> Job {
        try await fail(jobID: jobID, workerID: workerID, error: error, retryable: retryable, minimumWait: 0)
    }

    /// A failed attempt: back to the queue after the backoff (at least `minimumWait` seconds) while attempts
    /// remain and the error is retryable, else `failed`.
    func fail(jobID: Int64, workerID: String, error: String, retryable: Bool, minimumWait: TimeInterval) async throws -> Job {
        let message = Self.clip(error)
        let now = options.now()
        return try await database.write { ex in
            guard let r = try await ex.queryFirst("SELECT \(Self.jobColumns) FROM jobs WHERE id = ?\(ex.dialect.forUpdate)", [.int(jobID)]) else {
                throw StoreError.notFound("job \(jobID)")
            }
            let job = try Self.decodeJob(r)
            guard job.status == .running, job.leaseOwner == workerID else {
                // A repeated report of the same failure is not an error.
                if job.leaseOwner == workerID, job.lastError == message, job.status == .queued || job.status == .failed { return job }
                throw StoreError.leaseLost(jobID: jobID)
            }
            let rows: [SQLRow]
            if retryable && job.attempts < job.maxAttempts {
                let next = now.addingTimeInterval(max(minimumWait, self.options.backoff(afterAttempt: job.attempts)))
                rows = try await ex.query("""
                    UPDATE jobs SET status = 'queued', run_after = ?, lease_expires_at = NULL, last_error = ?, updated_at = ?
                    WHERE id = ? RETURNING \(Self.jobColumns)
                    """, [.time(next), .text(message), .time(now), .int(jobID)])
            } else {
                rows = try await ex.query("""
                    UPDATE jobs SET status = 'failed', lease_expires_at = NULL, last_error = ?, finished_at = ?, updated_at = ?
                    WHERE id = ? RETURNING \(Self.jobColumns)
                    """, [.text(message), .time(now), .time(now), .int(jobID)])
            }
            guard let row = rows.first else { throw StoreError.notFound("job \(jobID)") }
            return try Self.decodeJob(row)
        }
    }

    public func reclaimExpiredLeases() async throws -> Int {
        let now = options.now()
        return try await database.write { ex in try await self.reclaim(ex, now: now) }
    }

    /// Running jobs whose lease passed: their worker stopped. Back to the queue, or failed when out of attempts.
    private func reclaim(_ ex: any SQLExecutor, now: Date) async throws -> Int {
        let rows = try await ex.query("""
            UPDATE jobs SET
                status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
                finished_at = CASE WHEN attempts >= max_attempts THEN ? ELSE NULL END,
                last_error = 'the lease of worker ' || COALESCE(lease_owner, '?') || ' expired before the job finished (the worker stopped or lost the database)',
                lease_expires_at = NULL, updated_at = ?
            WHERE id IN (SELECT id FROM jobs WHERE status = 'running' AND lease_expires_at < ?\(ex.dialect.forUpdateSkipLocked))
            RETURNING id
            """, [.time(now), .time(now), .time(now)])
        return rows.count
    }

    private func jobRow(_ ex: any SQLExecutor, _ id: Int64) async throws -> Job {
        guard let r = try await ex.queryFirst("SELECT \(Self.jobColumns) FROM jobs WHERE id = ?", [.int(id)]) else {
            throw StoreError.notFound("job \(id)")
        }
        return try Self.decodeJob(r)
    }

    public func job(_ id: Int64) async throws -> Job {
        try await database.read { ex in try await self.jobRow(ex, id) }
    }

    public func jobs(status: JobStatus?, limit: Int = 100) async throws -> [Job] {
        let n = SQLValue.int(max(1, min(limit, 1_000)))
        return try await database.read { ex in
            if let status {
                return try await ex.query("SELECT \(Self.jobColumns) FROM jobs WHERE status = ? ORDER BY id DESC LIMIT ?",
                                          [.text(status.rawValue), n]).map(Self.decodeJob)
            }
            return try await ex.query("SELECT \(Self.jobColumns) FROM jobs ORDER BY id DESC LIMIT ?", [n]).map(Self.decodeJob)
        }
    }
}
