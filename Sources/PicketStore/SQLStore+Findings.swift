import Foundation
import PicketCore

extension SQLStore {
    static let findingColumns = """
        id, workspace_id, repository_id, branch, fingerprint, kind, rule_id, title, message, severity, confidence, path, \
        start_line, end_line, commit_sha, state, ignore_source, ignore_reason, ignored_by, first_seen_scan_id, first_seen_at, \
        last_seen_scan_id, last_seen_at, fixed_scan_id, fixed_at, evidence_preview, evidence_snippet, secret_sha256, details, \
        severity_rank
        """

    static func decodeFinding(_ r: SQLRow) throws -> StoredFinding {
        StoredFinding(
            id: try r.int("id"), workspaceID: try r.int("workspace_id"), repositoryID: try r.int("repository_id"),
            branch: try r.text("branch"), fingerprint: try r.text("fingerprint"), kind: try r.decode(FindingKind.self, "kind"),
            ruleID: try r.text("rule_id"), title: try r.text("title"), message: try r.text("message"),
            severity: try r.decode(Severity.self, "severity"), confidence: try r.decode(Confidence.self, "confidence"),
            path: try r.text("path"), startLine: Int(try r.int("start_line")), endLine: Int(try r.int("end_line")),
            commitSHA: try r.optionalText("commit_sha"), state: try r.decode(FindingState.self, "state"),
            ignoreSource: try r.optionalText("ignore_source").flatMap(IgnoreSource.init(rawValue:)),
            ignoreReason: try r.optionalText("ignore_reason"), ignoredBy: try r.optionalText("ignored_by"),
            firstSeenScanID: try r.int("first_seen_scan_id"), firstSeenAt: try r.time("first_seen_at"),
            lastSeenScanID: try r.int("last_seen_scan_id"), lastSeenAt: try r.time("last_seen_at"),
            fixedScanID: try r.optionalInt("fixed_scan_id"), fixedAt: try r.optionalTime("fixed_at"),
            evidencePreview: try r.optionalText("evidence_preview"), evidenceSnippet: try r.optionalText("evidence_snippet"),
            secretSHA256: try r.optionalText("secret_sha256"),
            details: try decodeJSON(FindingDetails.self, r.optionalText("details"), column: "details") ?? FindingDetails())
    }

    // MARK: query

    /// The keyset position after the last row of a page: the sort's key values.
    struct Cursor: Codable, Equatable {
        var s: String
        var d: Bool
        var k: Int64
        var p: String?
        var id: Int64

        func encoded() -> String {
            let data = (try? JSONEncoder().encode(self)) ?? Data()
            return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }

        static func decode(_ text: String) throws -> Cursor {
            var b64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while b64.count % 4 != 0 { b64 += "=" }
            guard text.count <= 4096, let data = Data(base64Encoded: b64),
                  let c = try? JSONDecoder().decode(Cursor.self, from: data) else {
                throw StoreError.invalidInput("the page cursor is not valid; start again from the first page")
            }
            return c
        }
    }

    /// Sort key columns, most significant first; `id` breaks ties so the order is total.
    static func sortColumns(_ sort: FindingSort) -> [String] {
        switch sort {
        case .severity: return ["severity_rank", "id"]
        case .lastSeen: return ["last_seen_at", "id"]
        case .firstSeen: return ["first_seen_at", "id"]
        case .path: return ["path", "start_line", "id"]
        }
    }

    func whereClause(_ q: FindingQuery, dialect: SQLDialect) throws -> (String, [SQLValue]) {
        var clauses: [String] = []
        var binds: [SQLValue] = []
        func inList<T>(_ column: String, _ values: [T], _ f: (T) -> SQLValue) {
            if values.count == 1 {
                clauses.append("\(column) = ?")
            } else {
                clauses.append("\(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ", ")))")
            }
            binds += values.map(f)
        }
        if !q.states.isEmpty {
            let groups = Set(q.states.map(\.group)).sorted()
            inList("state_group", groups) { .int($0) }
            let whole = Set(FindingState.allCases.filter { groups.contains($0.group) })
            if whole != q.states { inList("state", q.states.map(\.rawValue).sorted()) { .text($0) } }
        }
        if let w = q.workspaceID { inList("workspace_id", [w]) { .int($0) } }
        if !q.repositoryIDs.isEmpty { inList("repository_id", Array(Set(q.repositoryIDs)).sorted()) { .int($0) } }
        if let b = q.branch { inList("branch", [b]) { .text($0) } }
        if let m = q.minimumSeverity {
            clauses.append("severity_rank >= ?")
            binds.append(.int(m.rank))
        }
        if !q.severities.isEmpty { inList("severity_rank", q.severities.map(\.rank).sorted()) { .int($0) } }
        if !q.kinds.isEmpty { inList("kind", q.kinds.map(\.rawValue).sorted()) { .text($0) } }
        if !q.ruleIDs.isEmpty { inList("rule_id", Array(Set(q.ruleIDs)).sorted()) { .text($0) } }
        if let t = q.text?.trimmingCharacters(in: .whitespaces), !t.isEmpty {
            guard t.count <= 200 else { throw StoreError.invalidInput("the search text is longer than 200 characters") }
            let escaped = t.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            let like = dialect.caseInsensitiveLike
            clauses.append("(title \(like) ? ESCAPE '\\' OR path \(like) ? ESCAPE '\\' OR rule_id \(like) ? ESCAPE '\\')")
            binds += Array(repeating: .text("%\(escaped)%"), count: 3)
        }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), binds)
    }

    public func findings(_ q: FindingQuery) async throws -> FindingPage {
        guard (1...FindingQuery.maximumLimit).contains(q.limit) else {
            throw StoreError.invalidInput("limit must be between 1 and \(FindingQuery.maximumLimit)")
        }
        if let o = q.offset, o < 0 { throw StoreError.invalidInput("offset must not be negative") }
        if q.offset != nil && q.cursor != nil { throw StoreError.invalidInput("give either a cursor or an offset, not both") }
        let (whereSQL, binds) = try whereClause(q, dialect: dialect)
        let columns = Self.sortColumns(q.sort)
        let dir = q.descending ? "DESC" : "ASC"
        let orderBy = "ORDER BY \(columns.map { "\($0) \(dir)" }.joined(separator: ", "))"
        func and(_ extra: String) -> String { whereSQL.isEmpty ? "WHERE \(extra)" : "\(whereSQL) AND \(extra)" }
        let select = "SELECT \(Self.findingColumns) FROM findings"
        let want = q.limit + 1
        var rows: [SQLRow]
        if let text = q.cursor {
            let c = try Cursor.decode(text)
            guard c.s == q.sort.rawValue, c.d == q.descending else {
                throw StoreError.invalidInput("the page cursor belongs to another sort order; start again from the first page")
            }
            let keys: [SQLValue] = q.sort == .path ? [.text(c.p ?? ""), .int(c.k), .int(c.id)] : [.int(c.k), .int(c.id)]
            let op = q.descending ? "<" : ">"
            if dialect == .postgres {
                // PostgreSQL seeks a B-tree directly on a row-value comparison.
                let cmp = "(\(columns.joined(separator: ", "))) \(op) (\(Array(repeating: "?", count: keys.count).joined(separator: ", ")))"
                let sql = "\(select) \(and(cmp)) \(orderBy) LIMIT ?"
                rows = try await database.read { ex in try await ex.query(sql, binds + keys + [.int(want)]) }
            } else {
                // SQLite bounds only the first column of a row value, so a deep page would scan the rest of its
                // severity band. Split "after (a, b, c)" into seeks: a = A AND b = B AND c > C, then a = A AND
                // b > B, then a > A — each an index range in sort order — and concatenate.
                let parts: [(String, [SQLValue])] = (0..<keys.count).reversed().map { i in
                    let eq = columns.prefix(i).map { "\($0) = ?" }
                    let cond = (eq + ["\(columns[i]) \(op) ?"]).joined(separator: " AND ")
                    return (cond, Array(keys.prefix(i + 1)))
                }
                rows = try await database.read { ex in
                    var out: [SQLRow] = []
                    for (cond, values) in parts where out.count < want {
                        out += try await ex.query("\(select) \(and(cond)) \(orderBy) LIMIT ?", binds + values + [.int(want - out.count)])
                    }
                    return out
                }
            }
        } else {
            var sql = "\(select) \(whereSQL) \(orderBy) LIMIT ?"
            var all = binds + [.int(want)]
            if let o = q.offset {
                sql += " OFFSET ?"
                all.append(.int(o))
            }
            let sqlText = sql
            let allBinds = all
            rows = try await database.read { ex in try await ex.query(sqlText, allBinds) }
        }
        var found = try rows.prefix(q.limit).map(Self.decodeFinding)
        var next: String? = nil
        if rows.count > q.limit, let last = found.last {
            let k: Int64
            switch q.sort {
            case .severity: k = Int64(last.severity.rank)
            case .lastSeen: k = last.lastSeenAt.millisecondsSince1970
            case .firstSeen: k = last.firstSeenAt.millisecondsSince1970
            case .path: k = Int64(last.startLine)
            }
            next = Cursor(s: q.sort.rawValue, d: q.descending, k: k, p: q.sort == .path ? last.path : nil, id: last.id).encoded()
        }
        found = Array(found)
        return FindingPage(findings: found, nextCursor: next)
    }

    public func countFindings(_ q: FindingQuery) async throws -> Int {
        let (whereSQL, binds) = try whereClause(q, dialect: dialect)
        return try await database.read { ex in
            Int(try await ex.queryFirst("SELECT COUNT(*) AS n FROM findings \(whereSQL)", binds)?.int("n") ?? 0)
        }
    }

    public func finding(_ id: Int64) async throws -> StoredFinding {
        try await database.read { ex in
            guard let r = try await ex.queryFirst("SELECT \(Self.findingColumns) FROM findings WHERE id = ?", [.int(id)]) else {
                throw StoreError.notFound("finding \(id)")
            }
            return try Self.decodeFinding(r)
        }
    }

    public func events(findingID: Int64) async throws -> [FindingEvent] {
        try await database.read { ex in
            try await ex.query("""
                SELECT id, finding_id, type, author, reason, scan_id, old_value, new_value, created_at
                FROM finding_events WHERE finding_id = ? ORDER BY id
                """, [.int(findingID)]).map { r in
                FindingEvent(id: try r.int("id"), findingID: try r.int("finding_id"), type: try r.decode(FindingEventType.self, "type"),
                             author: try r.text("author"), reason: try r.optionalText("reason"), scanID: try r.optionalInt("scan_id"),
                             oldValue: try r.optionalText("old_value"), newValue: try r.optionalText("new_value"),
                             createdAt: try r.time("created_at"))
            }
        }
    }

    public func severityCounts(workspaceID: Int64?, repositoryIDs: [Int64], branch: String?) async throws -> [SeverityCounts] {
        var q = FindingQuery(workspaceID: workspaceID, repositoryIDs: repositoryIDs, branch: branch)
        q.states = [.open, .reopened]
        let (whereSQL, binds) = try whereClause(q, dialect: dialect)
        let rows = try await database.read { ex in
            try await ex.query("SELECT repository_id, severity_rank, COUNT(*) AS n FROM findings \(whereSQL) GROUP BY repository_id, severity_rank", binds)
        }
        var byRepo: [Int64: [Severity: Int]] = [:]
        for r in rows {
            let rank = Int(try r.int("severity_rank"))
            guard let sev = Severity.allCases.first(where: { $0.rank == rank }) else { continue }
            byRepo[try r.int("repository_id"), default: [:]][sev, default: 0] += Int(try r.int("n"))
        }
        for id in repositoryIDs where byRepo[id] == nil { byRepo[id] = [:] }
        return byRepo.keys.sorted().map { SeverityCounts(repositoryID: $0, counts: byRepo[$0] ?? [:]) }
    }

    // MARK: triage

    public func ignoreFindings(_ ids: [Int64], reason: String, author: String) async throws -> Int {
        let reason = try Self.nonEmpty(reason, "the reason for ignoring", max: 2_000)
        let author = try Self.nonEmpty(author, "the author", max: 200)
        let unique = Array(Set(ids)).sorted()
        guard !unique.isEmpty else { return 0 }
        let now = options.now()
        return try await database.write { ex in
            let current = try await self.lockFindings(ex, unique)
            var changed: [(Int64, String)] = []
            for (id, (state, source)) in current.sorted(by: { $0.key < $1.key }) where !(state == .ignored && source == .user) {
                changed.append((id, state.rawValue))
            }
            for chunk in Self.chunks(changed.map(\.0)) {
                try await ex.execute("""
                    UPDATE findings SET state = 'ignored', state_group = ?, ignore_source = 'user', ignore_reason = ?, ignored_by = ?, updated_at = ?
                    WHERE id IN (\(ex.placeholders(chunk.count)))
                    """, [.int(FindingState.ignored.group), .text(reason), .text(author), .time(now)] + chunk.map { .int($0) })
            }
            try await self.insertEvents(ex, changed.map { ($0.0, .ignored, author, reason, nil, $0.1, "ignored") }, now: now)
            return changed.count
        }
    }

    public func unignoreFindings(_ ids: [Int64], reason: String?, author: String) async throws -> Int {
        let author = try Self.nonEmpty(author, "the author", max: 200)
        let unique = Array(Set(ids)).sorted()
        guard !unique.isEmpty else { return 0 }
        let now = options.now()
        return try await database.write { ex in
            let current = try await self.lockFindings(ex, unique)
            var changed = 0
            for id in unique where current[id]?.0 == .ignored {
                // Back to open when the branch's latest scan still saw it, else it was fixed meanwhile.
                guard let r = try await ex.queryFirst("""
                    SELECT f.last_seen_scan_id AS seen,
                        (SELECT MAX(s.id) FROM scans s WHERE s.repository_id = f.repository_id AND s.ref = f.branch
                            AND s.status = 'succeeded' AND s.superseded = ?) AS latest
                    FROM findings f WHERE f.id = ?
                    """, [.bool(false), .int(id)]) else { continue }
                let seen = try r.int("seen")
                let latest = try r.optionalInt("latest") ?? seen
                let state: FindingState = seen >= latest ? .open : .fixed
                try await ex.execute("""
                    UPDATE findings SET state = ?, state_group = ?, ignore_source = NULL, ignore_reason = NULL, ignored_by = NULL,
                        fixed_scan_id = CASE WHEN ? THEN ? ELSE NULL END, fixed_at = CASE WHEN ? THEN ? ELSE NULL END, updated_at = ?
                    WHERE id = ?
                    """, [.text(state.rawValue), .int(state.group), .bool(state == .fixed), .int(latest), .bool(state == .fixed),
                          .time(now), .time(now), .int(id)])
                try await self.insertEvents(ex, [(id, .unignored, author, reason, nil, "ignored", state.rawValue)], now: now)
                changed += 1
            }
            return changed
        }
    }

    /// Locks the rows (PostgreSQL) and returns their state; unknown ids are an error naming them.
    private func lockFindings(_ ex: any SQLExecutor, _ ids: [Int64]) async throws -> [Int64: (FindingState, IgnoreSource?)] {
        var out: [Int64: (FindingState, IgnoreSource?)] = [:]
        for chunk in Self.chunks(ids) {
            for r in try await ex.query("SELECT id, state, ignore_source FROM findings WHERE id IN (\(ex.placeholders(chunk.count)))\(ex.dialect.forUpdate)",
                                        chunk.map { .int($0) }) {
                out[try r.int("id")] = (try r.decode(FindingState.self, "state"),
                                        try r.optionalText("ignore_source").flatMap(IgnoreSource.init(rawValue:)))
            }
        }
        let missing = ids.filter { out[$0] == nil }
        if !missing.isEmpty {
            throw StoreError.notFound("finding\(missing.count == 1 ? "" : "s") \(missing.prefix(10).map(String.init).joined(separator: ", "))")
        }
        return out
    }
}
