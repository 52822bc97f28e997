import Foundation
import PicketCore

extension SQLStore {
    /// The author of changes that scans make.
    public static let scanAuthor = "picket"

    /// The store never holds a secret in clear: a finding that carries its unredacted value is refused whole.
    static func checkNoRawSecrets(_ findings: [Finding]) throws {
        if let f = findings.first(where: { $0.evidence.revealed != nil }) {
            throw StoreError.invalidInput("finding '\(f.ruleID)' at \(f.location.path):\(f.location.startLine) carries the unredacted secret (evidence.revealed); the store keeps only redacted previews and SHA-256 hashes, so scan without --no-redact")
        }
    }

    static func ignoreReason(_ s: Suppression) -> String {
        switch s.kind {
        case .config: return "ignored in .picket.yml: \(s.reason)"
        case .inlineComment: return "ignored by an inline comment: \(s.reason)"
        case .baseline, .allowlist: return "suppressed (\(s.kind.rawValue)): \(s.reason)"
        }
    }

    private struct Existing {
        var id: Int64
        var kind: FindingKind?
        var state: FindingState
        var ignoreSource: IgnoreSource?
        var ignoreReason: String?
        var severity: String
    }

    private struct PendingEvent {
        var findingID: Int64
        var type: FindingEventType
        var reason: String?
        var oldValue: String?
        var newValue: String?
    }

    public func recordScan(_ scanID: Int64, report: ScanReport) async throws -> ScanOutcome {
        try Self.checkNoRawSecrets(report.findings)
        let now = options.now()
        let scannersJSON = try Self.json(report.scanners)
        let fixable = options.scannerKinds.fixableKinds(report.scanners)
        // One finding per fingerprint (the first in report order wins).
        var seenFingerprints = Set<String>()
        let findings = report.findings.filter { seenFingerprints.insert($0.fingerprint.value).inserted }

        return try await database.write { ex in
            guard let row = try await ex.queryFirst("SELECT \(Self.scanColumns) FROM scans WHERE id = ?\(ex.dialect.forUpdate)", [.int(scanID)]) else {
                throw StoreError.notFound("scan \(scanID)")
            }
            let scan = try Self.decodeScan(row)
            if scan.status == .succeeded { return ScanOutcome(scan: scan, alreadyRecorded: true) }
            // Serialise recordings per repository (PostgreSQL; SQLite's write lock already does).
            guard let repo = try await ex.queryFirst("SELECT default_branch FROM repositories WHERE id = ?\(ex.dialect.forUpdate)",
                                                     [.int(scan.repositoryID)]) else {
                throw StoreError.notFound("repository \(scan.repositoryID)")
            }
            // A newer scan of this branch already set the findings' states: this older one must not undo that.
            let newer = try await ex.queryFirst("""
                SELECT id FROM scans WHERE repository_id = ? AND ref = ? AND status = 'succeeded' AND superseded = ? AND id > ? LIMIT 1
                """, [.int(scan.repositoryID), .text(scan.ref), .bool(false), .int(scanID)])
            var counts = ScanCounts(total: findings.count)
            let superseded = newer != nil
            if !superseded {
                counts = try await self.applyLifecycle(ex, scan: scan, findings: findings, fixable: fixable, now: now)
            }
            let rows = try await ex.query("""
                UPDATE scans SET status = 'succeeded', error = NULL, started_at = COALESCE(started_at, ?), finished_at = ?,
                    findings_total = ?, findings_new = ?, findings_fixed = ?, findings_reopened = ?, findings_ignored = ?,
                    superseded = ?, scanners = ?
                WHERE id = ? RETURNING \(Self.scanColumns)
                """, [.time(report.startedAt), .time(now), .int(counts.total), .int(counts.new), .int(counts.fixed),
                      .int(counts.reopened), .int(counts.ignored), .bool(superseded), .text(scannersJSON), .int(scanID)])
            guard let updated = rows.first else { throw StoreError.database("scan \(scanID) vanished while recording") }
            if !superseded {
                let isDefault = (try repo.optionalText("default_branch")).map { $0 == scan.ref } ?? false
                if isDefault && fixable.contains(.dependency) {
                    try await self.replaceComponents(ex, repositoryID: scan.repositoryID, scanID: scanID, report.components)
                }
                try await ex.execute("""
                    UPDATE repositories SET last_scan_id = ?, last_scan_at = ?, updated_at = ?,
                        last_head_sha = CASE WHEN ? THEN COALESCE(?, last_head_sha) ELSE last_head_sha END
                    WHERE id = ?
                    """, [.int(scanID), .time(now), .time(now), .bool(isDefault), .text(scan.commitSHA), .int(scan.repositoryID)])
            }
            return ScanOutcome(scan: try Self.decodeScan(updated), alreadyRecorded: false)
        }
    }

    private func applyLifecycle(_ ex: any SQLExecutor, scan: Scan, findings: [Finding], fixable: Set<FindingKind>,
                                now: Date) async throws -> ScanCounts {
        var existing: [String: Existing] = [:]
        for r in try await ex.query("""
            SELECT id, fingerprint, kind, state, ignore_source, ignore_reason, severity FROM findings
            WHERE repository_id = ? AND branch = ?
            """, [.int(scan.repositoryID), .text(scan.ref)]) {
            existing[try r.text("fingerprint")] = Existing(
                id: try r.int("id"), kind: FindingKind(rawValue: try r.text("kind")),
                state: try r.decode(FindingState.self, "state"),
                ignoreSource: try r.optionalText("ignore_source").flatMap(IgnoreSource.init(rawValue:)),
                ignoreReason: try r.optionalText("ignore_reason"), severity: try r.text("severity"))
        }
        var counts = ScanCounts(total: findings.count)
        var events: [PendingEvent] = []
        var occurrences: [(Int64, String, Int)] = []
        var present = Set<Int64>()

        // Decide per finding first, then write in batches: one statement per 200 rows, not per finding.
        var updates: [[SQLValue]] = []
        var inserts: [(Finding, [SQLValue], String?)] = []
        for f in findings {
            let details = try Self.json(FindingDetails(f))
            let configReason = f.suppression.map(Self.ignoreReason)
            if let e = existing[f.fingerprint.value] {
                present.insert(e.id)
                var state = e.state
                var source = e.ignoreSource
                var reason = e.ignoreReason
                var ignoredBy: String? = nil
                var keepIgnoredBy = e.state == .ignored
                switch e.state {
                case .open, .reopened:
                    if let configReason {
                        state = .ignored; source = .config; reason = configReason; ignoredBy = Self.scanAuthor; keepIgnoredBy = false
                        events.append(PendingEvent(findingID: e.id, type: .ignored, reason: configReason, oldValue: e.state.rawValue, newValue: "ignored"))
                    }
                case .fixed:
                    if let configReason {
                        state = .ignored; source = .config; reason = configReason; ignoredBy = Self.scanAuthor
                        events.append(PendingEvent(findingID: e.id, type: .ignored, reason: configReason, oldValue: "fixed", newValue: "ignored"))
                    } else {
                        state = .reopened; source = nil; reason = nil
                        counts.reopened += 1
                        events.append(PendingEvent(findingID: e.id, type: .reopened, reason: "found again by scan \(scan.id)", oldValue: "fixed", newValue: "reopened"))
                    }
                case .ignored:
                    if e.ignoreSource == .config {
                        if let configReason {
                            reason = configReason
                        } else {
                            state = .open; source = nil; reason = nil; keepIgnoredBy = false
                            events.append(PendingEvent(findingID: e.id, type: .unignored, reason: "no longer ignored by the repository's configuration", oldValue: "ignored", newValue: "open"))
                        }
                    }
                }
                if e.severity != f.severity.rawValue {
                    events.append(PendingEvent(findingID: e.id, type: .severityChanged, reason: nil, oldValue: e.severity, newValue: f.severity.rawValue))
                }
                if state == .ignored { counts.ignored += 1 }
                updates.append([.int(e.id), .text(f.kind.rawValue), .text(f.ruleID), .text(f.title), .text(f.message),
                                .text(f.severity.rawValue), .int(f.severity.rank), .text(f.confidence.rawValue), .text(f.location.path),
                                .int(f.location.startLine), .int(f.location.endLine), .text(f.location.commit?.sha),
                                .text(state.rawValue), .int(state.group), .text(source?.rawValue), .text(reason),
                                .bool(keepIgnoredBy), .text(ignoredBy), .text(f.evidence.preview), .text(f.evidence.snippet),
                                .text(f.evidence.sha256), .text(details)])
                occurrences.append((e.id, f.location.path, f.location.startLine))
            } else {
                let state: FindingState = configReason == nil ? .open : .ignored
                inserts.append((f, [.int(scan.workspaceID), .int(scan.repositoryID), .text(scan.ref), .text(f.fingerprint.value),
                                    .text(f.kind.rawValue), .text(f.ruleID), .text(f.title), .text(f.message), .text(f.severity.rawValue),
                                    .int(f.severity.rank), .text(f.confidence.rawValue), .text(f.location.path), .int(f.location.startLine),
                                    .int(f.location.endLine), .text(f.location.commit?.sha), .text(state.rawValue), .int(state.group),
                                    .text(configReason == nil ? nil : IgnoreSource.config.rawValue), .text(configReason),
                                    .text(configReason == nil ? nil : Self.scanAuthor), .int(scan.id), .time(now), .int(scan.id), .time(now),
                                    .text(f.evidence.preview), .text(f.evidence.snippet), .text(f.evidence.sha256), .text(details), .time(now)],
                                configReason))
            }
        }

        // VALUES columns are named column1, column2, ... on both databases.
        for chunk in Self.chunks(updates, size: 200) {
            let width = chunk.first?.count ?? 0
            let row = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
            try await ex.execute("""
                UPDATE findings SET kind = v.column2, rule_id = v.column3, title = v.column4, message = v.column5,
                    severity = v.column6, severity_rank = v.column7, confidence = v.column8, path = v.column9,
                    start_line = v.column10, end_line = v.column11, commit_sha = v.column12, state = v.column13,
                    state_group = v.column14, ignore_source = v.column15, ignore_reason = v.column16,
                    ignored_by = CASE WHEN v.column17 THEN ignored_by ELSE v.column18 END,
                    evidence_preview = v.column19, evidence_snippet = v.column20, secret_sha256 = v.column21, details = v.column22,
                    last_seen_scan_id = ?, last_seen_at = ?, fixed_scan_id = NULL, fixed_at = NULL, updated_at = ?
                FROM (VALUES \(Array(repeating: row, count: chunk.count).joined(separator: ", "))) AS v
                WHERE findings.id = v.column1
                """, [.int(scan.id), .time(now), .time(now)] + chunk.flatMap { $0 })
        }

        for chunk in Self.chunks(inserts, size: 200) {
            let row = "(" + Array(repeating: "?", count: chunk.first?.1.count ?? 0).joined(separator: ", ") + ")"
            let rows = try await ex.query("""
                INSERT INTO findings (workspace_id, repository_id, branch, fingerprint, kind, rule_id, title, message, severity,
                    severity_rank, confidence, path, start_line, end_line, commit_sha, state, state_group, ignore_source,
                    ignore_reason, ignored_by, first_seen_scan_id, first_seen_at, last_seen_scan_id, last_seen_at,
                    evidence_preview, evidence_snippet, secret_sha256, details, updated_at)
                VALUES \(Array(repeating: row, count: chunk.count).joined(separator: ", "))
                RETURNING id, fingerprint
                """, chunk.flatMap { $0.1 })
            var ids: [String: Int64] = [:]
            for r in rows { ids[try r.text("fingerprint")] = try r.int("id") }
            for (f, _, configReason) in chunk {
                guard let id = ids[f.fingerprint.value] else { throw StoreError.database("INSERT INTO findings returned no id for a finding") }
                counts.new += 1
                events.append(PendingEvent(findingID: id, type: .opened, reason: "first seen in scan \(scan.id)", oldValue: nil, newValue: "open"))
                if let configReason {
                    counts.ignored += 1
                    events.append(PendingEvent(findingID: id, type: .ignored, reason: configReason, oldValue: "open", newValue: "ignored"))
                }
                occurrences.append((id, f.location.path, f.location.startLine))
            }
        }

        // Absent now: fixed, but only for kinds whose scanners all ran successfully in this scan.
        let gone = existing.values.filter {
            !present.contains($0.id) && ($0.state == .open || $0.state == .reopened) && ($0.kind.map(fixable.contains) ?? false)
        }.map(\.id).sorted()
        for chunk in Self.chunks(gone) {
            try await ex.execute("""
                UPDATE findings SET state = 'fixed', state_group = ?, fixed_scan_id = ?, fixed_at = ?, updated_at = ?
                WHERE id IN (\(ex.placeholders(chunk.count)))
                """, [.int(FindingState.fixed.group), .int(scan.id), .time(now), .time(now)] + chunk.map { .int($0) })
        }
        for id in gone {
            events.append(PendingEvent(findingID: id, type: .fixed, reason: "absent from scan \(scan.id)", oldValue: nil, newValue: "fixed"))
        }
        counts.fixed = gone.count

        for chunk in Self.chunks(occurrences, size: 200) {
            try await ex.execute("""
                INSERT INTO finding_occurrences (scan_id, finding_id, path, start_line)
                VALUES \(Array(repeating: "(?, ?, ?, ?)", count: chunk.count).joined(separator: ", "))
                ON CONFLICT (scan_id, finding_id) DO NOTHING
                """, chunk.flatMap { [.int(scan.id), .int($0.0), .text($0.1), .int($0.2)] as [SQLValue] })
        }
        try await insertEvents(ex, events.map { ($0.findingID, $0.type, Self.scanAuthor, $0.reason, scan.id, $0.oldValue, $0.newValue) }, now: now)
        return counts
    }

    /// Batch insert of (finding, type, author, reason, scan, old, new).
    func insertEvents(_ ex: any SQLExecutor,
                      _ events: [(Int64, FindingEventType, String, String?, Int64?, String?, String?)], now: Date) async throws {
        for chunk in Self.chunks(events, size: 100) {
            try await ex.execute("""
                INSERT INTO finding_events (finding_id, type, author, reason, scan_id, old_value, new_value, created_at)
                VALUES \(Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", "))
                """, chunk.flatMap { e -> [SQLValue] in
                    [.int(e.0), .text(e.1.rawValue), .text(e.2), .text(e.3), .int(e.4), .text(e.5), .text(e.6), .time(now)]
                })
        }
    }
}
