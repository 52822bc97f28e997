import Foundation
import PicketCore

/// Queries the server (`picket serve`, `picket worker`) needs beyond the core store API: webhook routing and
/// ingest in one transaction, the scan a job owns, workspace-wide scan history, removed projects, counts for
/// metrics, readiness, and retries that honour a server's `Retry-After`.
extension SQLStore {
    /// Every repository (any workspace) that mirrors GitLab project `gitlabProjectID`; a webhook names only
    /// the project, and several workspaces may watch one project.
    public func repositories(gitlabProjectID: Int64) async throws -> [Repository] {
        try await database.read { ex in
            try await ex.query("SELECT \(Self.repositoryColumns) FROM repositories WHERE gitlab_project_id = ? ORDER BY id",
                               [.int(gitlabProjectID)]).map(Self.decodeRepository)
        }
    }

    /// The stored SHA-256 of a repository's webhook secret (the server compares in constant time itself, so
    /// one read serves routing and verification).
    public func hookSecretHashes(gitlabProjectID: Int64) async throws -> [(repository: Repository, secretHash: String?)] {
        try await database.read { ex in
            try await ex.query("""
                SELECT \(Self.repositoryColumns), hook_secret_hash FROM repositories WHERE gitlab_project_id = ? ORDER BY id
                """, [.int(gitlabProjectID)]).map { (try Self.decodeRepository($0), try $0.optionalText("hook_secret_hash")) }
        }
    }

    /// Removes a repository whose project left the group (deleted, moved away, or no longer visible): its scans
    /// and findings go with it.
    public func deleteRepository(_ id: Int64) async throws {
        try await database.write { ex in
            let rows = try await ex.query("DELETE FROM repositories WHERE id = ? RETURNING id", [.int(id)])
            guard !rows.isEmpty else { throw StoreError.notFound("repository \(id)") }
        }
    }

    /// Records the default branch head discovery saw (without a scan), so the scheduler can tell when it moves.
    public func setRepositoryHead(_ id: Int64, sha: String?) async throws {
        try await database.write { ex in
            try await ex.execute("UPDATE repositories SET last_head_sha = ?, updated_at = ? WHERE id = ?",
                                 [.text(sha), .time(self.options.now()), .int(id)])
        }
    }

    /// Sets the commit a scan read (known only once the branch is fetched); recording the scan then moves the
    /// repository's default-branch head to it.
    public func setScanCommit(_ id: Int64, sha: String) async throws {
        try await database.write { ex in
            try await ex.execute("UPDATE scans SET commit_sha = ? WHERE id = ? AND status <> 'succeeded'", [.text(sha), .int(id)])
        }
    }

    /// Marks a scan succeeded with counts computed by the caller, without touching findings: merge request scans
    /// are compared with their target branch and never become the branch's findings.
    public func finishScan(_ id: Int64, counts: ScanCounts, scanners: [ScannerRun]) async throws -> Scan {
        let now = options.now()
        let json = try Self.json(scanners)
        return try await database.write { ex in
            let rows = try await ex.query("""
                UPDATE scans SET status = 'succeeded', error = NULL, finished_at = ?, findings_total = ?, findings_new = ?,
                    findings_fixed = ?, findings_reopened = ?, findings_ignored = ?, scanners = ?
                WHERE id = ? AND status <> 'succeeded' RETURNING \(Self.scanColumns)
                """, [.time(now), .int(counts.total), .int(counts.new), .int(counts.fixed), .int(counts.reopened),
                      .int(counts.ignored), .text(json), .int(id)])
            if let r = rows.first { return try Self.decodeScan(r) }
            guard let r = try await ex.queryFirst("SELECT \(Self.scanColumns) FROM scans WHERE id = ?", [.int(id)]) else {
                throw StoreError.notFound("scan \(id)")
            }
            return try Self.decodeScan(r)
        }
    }

    /// The scan a job created, if any (a retried job continues its first attempt's scan).
    public func scan(jobID: Int64) async throws -> Scan? {
        try await database.read { ex in
            try await ex.queryFirst("SELECT \(Self.scanColumns) FROM scans WHERE job_id = ? ORDER BY id LIMIT 1", [.int(jobID)])
                .map(Self.decodeScan)
        }
    }

    /// Recent scans of a workspace (every repository), newest first; `beforeID` pages back.
    public func scans(workspaceID: Int64, limit: Int = 50, beforeID: Int64? = nil) async throws -> [Scan] {
        try await database.read { ex in
            var sql = "SELECT \(Self.scanColumns) FROM scans WHERE workspace_id = ?"
            var binds: [SQLValue] = [.int(workspaceID)]
            if let beforeID {
                sql += " AND id < ?"
                binds.append(.int(beforeID))
            }
            sql += " ORDER BY id DESC LIMIT ?"
            binds.append(.int(max(1, min(limit, 500))))
            return try await ex.query(sql, binds).map(Self.decodeScan)
        }
    }

    /// The newest successful, not superseded scan of a branch.
    public func latestSucceededScan(repositoryID: Int64, ref: String) async throws -> Scan? {
        try await database.read { ex in
            try await ex.queryFirst("""
                SELECT \(Self.scanColumns) FROM scans WHERE repository_id = ? AND ref = ? AND status = 'succeeded' AND superseded = ?
                ORDER BY id DESC LIMIT 1
                """, [.int(repositoryID), .text(ref), .bool(false)]).map(Self.decodeScan)
        }
    }

    /// `countFindings` that stops at `cap` (pages show "10,000+" instead of counting a million rows each time).
    public func countFindings(_ q: FindingQuery, cap: Int) async throws -> (count: Int, capped: Bool) {
        let (whereSQL, binds) = try whereClause(q, dialect: dialect)
        let n = try await database.read { ex in
            Int(try await ex.queryFirst("SELECT COUNT(*) AS n FROM (SELECT 1 FROM findings \(whereSQL) LIMIT ?) AS t",
                                        binds + [.int(cap + 1)])?.int("n") ?? 0)
        }
        return (min(n, cap), n > cap)
    }

    /// Jobs by status, for metrics and the dashboard.
    public func jobCounts() async throws -> [JobStatus: Int] {
        try await database.read { ex in
            var out: [JobStatus: Int] = [:]
            for r in try await ex.query("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status") {
                if let s = JobStatus(rawValue: try r.text("status")) { out[s] = Int(try r.int("n")) }
            }
            return out
        }
    }

    /// Scans by status.
    public func scanCounts() async throws -> [ScanStatus: Int] {
        try await database.read { ex in
            var out: [ScanStatus: Int] = [:]
            for r in try await ex.query("SELECT status, COUNT(*) AS n FROM scans GROUP BY status") {
                if let s = ScanStatus(rawValue: try r.text("status")) { out[s] = Int(try r.int("n")) }
            }
            return out
        }
    }

    /// The schema version the database is at (readiness: reachable and migrated).
    public func schemaVersion() async throws -> Int {
        try await database.read { ex in
            Int(try await ex.queryFirst("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations")?.int("v") ?? 0)
        }
    }

    /// The newest schema version this build knows.
    public static var latestSchemaVersion: Int { Schema.migrations.map(\.version).max() ?? 0 }

    /// What happened to an incoming webhook.
    public enum IngestOutcome: Sendable, Hashable {
        /// Already received (same event UUID / idempotency key): nothing done.
        case duplicate(WebhookDelivery)
        /// Recorded and a job queued (or an identical live job found: `created` false).
        case queued(WebhookDelivery, job: Job, created: Bool)
        /// Recorded, nothing to do for this event.
        case ignored(WebhookDelivery)
    }

    /// Records a webhook delivery and queues its job in one transaction: a duplicate is recognised by its UUID and
    /// changes nothing; a crash between the two writes cannot lose the job or leave a delivery without one.
    public func ingestWebhook(eventUUID: String, eventType: String, payloadSHA256: String, workspaceID: Int64?,
                              job: NewJob?, ignoredReason: String? = nil) async throws -> IngestOutcome {
        let uuid = try Self.nonEmpty(eventUUID, "the event UUID", max: 200)
        let type = try Self.nonEmpty(eventType, "the event type", max: 200)
        guard payloadSHA256.count == 64, payloadSHA256.allSatisfy(\.isHexDigit) else {
            throw StoreError.invalidInput("payloadSHA256 must be 64 hex digits")
        }
        if let job {
            try Self.validJSON(job.payload, "the job payload")
            guard (1...100).contains(job.maxAttempts) else { throw StoreError.invalidInput("maxAttempts must be between 1 and 100") }
        }
        let now = options.now()
        return try await database.write { ex in
            let status = job == nil ? "ignored" : "queued"
            let rows = try await ex.query("""
                INSERT INTO webhook_deliveries (workspace_id, event_uuid, event_type, received_at, status, payload_sha256, error, processed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_uuid) DO NOTHING RETURNING \(Self.deliveryColumns)
                """, [.int(workspaceID), .text(uuid), .text(type), .time(now), .text(status), .text(payloadSHA256.lowercased()),
                      .text(ignoredReason.map { Self.clip($0, 500) }), job == nil ? .time(now) : .null])
            guard let inserted = rows.first else {
                guard let r = try await ex.queryFirst("SELECT \(Self.deliveryColumns) FROM webhook_deliveries WHERE event_uuid = ?", [.text(uuid)]) else {
                    throw StoreError.conflict("the delivery could not be recorded; retry")
                }
                return .duplicate(try Self.decodeDelivery(r))
            }
            var delivery = try Self.decodeDelivery(inserted)
            guard let job else { return .ignored(delivery) }
            let jobRows = try await ex.query("""
                INSERT INTO jobs (type, payload, dedupe_key, status, priority, run_after, attempts, max_attempts, created_at, updated_at)
                VALUES (?, ?, ?, 'queued', ?, ?, 0, ?, ?, ?)
                ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running') DO NOTHING
                RETURNING \(Self.jobColumns)
                """, [.text(job.type), .text(job.payload), .text(job.dedupeKey), .int(job.priority), .time(job.runAfter ?? now),
                      .int(job.maxAttempts), .time(now), .time(now)])
            let queued: Job
            var created = true
            if let r = jobRows.first {
                queued = try Self.decodeJob(r)
            } else if let key = job.dedupeKey, let r = try await ex.queryFirst("""
                SELECT \(Self.jobColumns) FROM jobs WHERE dedupe_key = ? AND status IN ('queued', 'running')
                """, [.text(key)]) {
                queued = try Self.decodeJob(r)
                created = false
            } else {
                throw StoreError.conflict("the job could not be enqueued; retry")
            }
            try await ex.execute("UPDATE webhook_deliveries SET job_id = ? WHERE id = ?", [.int(queued.id), .int(delivery.id)])
            delivery.jobID = queued.id
            return .queued(delivery, job: queued, created: created)
        }
    }

    /// Like `fail(jobID:workerID:error:retryable:)`, but the next attempt waits at least `retryAfter` seconds
    /// (a server said when to come back, e.g. GitLab's `Retry-After` on 429).
    public func fail(jobID: Int64, workerID: String, error: String, retryAfter: TimeInterval) async throws -> Job {
        try await fail(jobID: jobID, workerID: workerID, error: error, retryable: true, minimumWait: retryAfter)
    }

    /// Requeues a failed job for another round of attempts (an operator's "retry" button).
    public func retryJob(_ id: Int64) async throws -> Job {
        let now = options.now()
        return try await database.write { ex in
            let rows = try await ex.query("""
                UPDATE jobs SET status = 'queued', attempts = 0, run_after = ?, finished_at = NULL, updated_at = ?
                WHERE id = ? AND status IN ('failed', 'cancelled') RETURNING \(Self.jobColumns)
                """, [.time(now), .time(now), .int(id)])
            if let r = rows.first { return try Self.decodeJob(r) }
            guard let r = try await ex.queryFirst("SELECT \(Self.jobColumns) FROM jobs WHERE id = ?", [.int(id)]) else {
                throw StoreError.notFound("job \(id)")
            }
            let job = try Self.decodeJob(r)
            throw StoreError.conflict("job \(id) is \(job.status.rawValue); only failed or cancelled jobs can be retried")
        }
    }

    /// Jobs of one type whose payload mentions `needle` (e.g. `"repository":12`), newest first: the dashboard's
    /// per-repository job list. Payloads are small JSON written by the server.
    public func jobs(type: String?, payloadContains needle: String?, limit: Int = 50) async throws -> [Job] {
        try await database.read { ex in
            var sql = "SELECT \(Self.jobColumns) FROM jobs WHERE 1 = 1"
            var binds: [SQLValue] = []
            if let type {
                sql += " AND type = ?"
                binds.append(.text(type))
            }
            if let needle {
                sql += " AND payload LIKE ? ESCAPE '\\'"
                let escaped = needle.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "_", with: "\\_")
                binds.append(.text("%\(escaped)%"))
            }
            sql += " ORDER BY id DESC LIMIT ?"
            binds.append(.int(max(1, min(limit, 1_000))))
            return try await ex.query(sql, binds).map(Self.decodeJob)
        }
    }
}
