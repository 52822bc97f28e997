import Foundation
import PicketCore

extension SQLStore {
    static let scanColumns = """
        id, workspace_id, repository_id, kind, ref, commit_sha, merge_request_iid, status, job_id, created_at, \
        started_at, finished_at, error, findings_total, findings_new, findings_fixed, findings_reopened, \
        findings_ignored, superseded, scanners
        """

    static func decodeScan(_ r: SQLRow) throws -> Scan {
        Scan(id: try r.int("id"), workspaceID: try r.int("workspace_id"), repositoryID: try r.int("repository_id"),
             kind: try r.decode(ScanKind.self, "kind"), ref: try r.text("ref"), commitSHA: try r.optionalText("commit_sha"),
             mergeRequestIID: try r.optionalInt("merge_request_iid"), status: try r.decode(ScanStatus.self, "status"),
             jobID: try r.optionalInt("job_id"), createdAt: try r.time("created_at"), startedAt: try r.optionalTime("started_at"),
             finishedAt: try r.optionalTime("finished_at"), error: try r.optionalText("error"),
             counts: ScanCounts(total: Int(try r.int("findings_total")), new: Int(try r.int("findings_new")),
                                fixed: Int(try r.int("findings_fixed")), reopened: Int(try r.int("findings_reopened")),
                                ignored: Int(try r.int("findings_ignored"))),
             superseded: try r.bool("superseded"),
             scanners: try decodeJSON([ScannerRun].self, r.optionalText("scanners"), column: "scanners") ?? [])
    }

    public func createScan(_ s: NewScan) async throws -> Scan {
        let ref = try Self.nonEmpty(s.ref, "the scanned branch (ref)", max: 1_000)
        let now = options.now()
        return try await database.write { ex in
            guard let repo = try await ex.queryFirst("SELECT workspace_id FROM repositories WHERE id = ?", [.int(s.repositoryID)]) else {
                throw StoreError.notFound("repository \(s.repositoryID)")
            }
            let rows = try await ex.query("""
                INSERT INTO scans (workspace_id, repository_id, kind, ref, commit_sha, merge_request_iid, status, job_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?) RETURNING \(Self.scanColumns)
                """, [.int(try repo.int("workspace_id")), .int(s.repositoryID), .text(s.kind.rawValue), .text(ref),
                      .text(s.commitSHA), .int(s.mergeRequestIID), .int(s.jobID), .time(now)])
            guard let row = rows.first else { throw StoreError.database("INSERT INTO scans returned no row") }
            return try Self.decodeScan(row)
        }
    }

    public func startScan(_ id: Int64) async throws -> Scan {
        let now = options.now()
        return try await database.write { ex in
            let rows = try await ex.query("""
                UPDATE scans SET status = 'running', started_at = ? WHERE id = ? AND status IN ('queued', 'running', 'failed')
                RETURNING \(Self.scanColumns)
                """, [.time(now), .int(id)])
            if let row = rows.first { return try Self.decodeScan(row) }
            guard let row = try await ex.queryFirst("SELECT \(Self.scanColumns) FROM scans WHERE id = ?", [.int(id)]) else {
                throw StoreError.notFound("scan \(id)")
            }
            return try Self.decodeScan(row)
        }
    }

    public func failScan(_ id: Int64, error: String) async throws -> Scan {
        let now = options.now()
        return try await database.write { ex in
            let rows = try await ex.query("""
                UPDATE scans SET status = 'failed', error = ?, finished_at = ? WHERE id = ? AND status <> 'succeeded'
                RETURNING \(Self.scanColumns)
                """, [.text(Self.clip(error)), .time(now), .int(id)])
            if let row = rows.first { return try Self.decodeScan(row) }
            guard let row = try await ex.queryFirst("SELECT \(Self.scanColumns) FROM scans WHERE id = ?", [.int(id)]) else {
                throw StoreError.notFound("scan \(id)")
            }
            return try Self.decodeScan(row)
        }
    }

    public func scan(_ id: Int64) async throws -> Scan {
        try await database.read { ex in
            guard let row = try await ex.queryFirst("SELECT \(Self.scanColumns) FROM scans WHERE id = ?", [.int(id)]) else {
                throw StoreError.notFound("scan \(id)")
            }
            return try Self.decodeScan(row)
        }
    }

    public func scans(repositoryID: Int64, limit: Int = 50) async throws -> [Scan] {
        try await database.read { ex in
            try await ex.query("SELECT \(Self.scanColumns) FROM scans WHERE repository_id = ? ORDER BY id DESC LIMIT ?",
                               [.int(repositoryID), .int(max(1, min(limit, 1_000)))]).map(Self.decodeScan)
        }
    }
}
