import Foundation
import PicketCore
import PicketStore

/// Fills a store with synthetic findings and times the findings-page queries the dashboard makes, through the
/// real `SQLStore` API. Used by bench/platform/findings-bench.sh; not part of Picket's product.
///
///     picket-bench --database URL|PATH [--findings 1000000] [--repositories 1000] [--iterations 200]
@main
struct PicketBench {
    static func main() async {
        do {
            try await run(Array(CommandLine.arguments.dropFirst()))
        } catch {
            FileHandle.standardError.write(Data("picket-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run(_ args: [String]) async throws {
        var database: String?
        var findings = 1_000_000
        var repositories = 1_000
        var iterations = 200
        var i = 0
        func value() throws -> String {
            i += 1
            guard i < args.count else { throw PicketError.usage("\(args[i - 1]) needs a value") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--database": database = try value()
            case "--findings": findings = Int(try value()) ?? findings
            case "--repositories": repositories = Int(try value()) ?? repositories
            case "--iterations": iterations = Int(try value()) ?? iterations
            default: throw PicketError.usage("unknown argument \(args[i])")
            }
            i += 1
        }
        guard let database else { throw PicketError.usage("--database URL|PATH is required") }
        let location = try DatabaseLocation.parse(database)
        let store = try await SQLStore.open(location)
        print("store: \(location)  findings: \(findings)  repositories: \(repositories)")
        let repoIDs = try await fill(store, findings: findings, repositories: repositories)
        try await measure(store, repoIDs: repoIDs, iterations: iterations)
        try await measureRecording(store)
        await store.close()
    }

    /// Creates the repositories through the store API, then the findings with one set-based INSERT per 100,000
    /// rows (the same SQL on both databases: a recursive CTE counts, arithmetic spreads the values).
    static func fill(_ store: SQLStore, findings: Int, repositories: Int) async throws -> [Int64] {
        var existing = try await store.workspaces().first
        if existing == nil {
            existing = try await store.createWorkspace(NewWorkspace(name: "Bench", gitlabURL: "https://gitlab.example.com", groupPath: "bench"))
        }
        guard let ws = existing else { throw PicketError.runtime("no workspace") }
        var repos = try await store.repositories(workspaceID: ws.id, includeArchived: true)
        if repos.count < repositories {
            for p in repos.count..<repositories {
                repos.append(try await store.upsertRepository(workspaceID: ws.id, RepositoryInfo(
                    gitlabProjectID: Int64(p + 1), path: String(format: "bench/service-%04d", p + 1), defaultBranch: "main")))
            }
        }
        let ids = repos.map(\.id).sorted()
        guard let first = ids.first, ids.last == first + Int64(ids.count - 1) else {
            throw PicketError.runtime("expected contiguous repository ids in a fresh bench database")
        }
        var have = try await store.countFindings(FindingQuery(states: []))
        if have >= findings { return ids }
        let scan = try await store.createScan(NewScan(repositoryID: first, ref: "main", commitSHA: "bench"))
        let base: Int64 = 1_750_000_000_000
        let started = ContinuousClock.now
        // Independent pseudo-random spreads (different prime moduli), so repository, kind, state and severity do
        // not correlate.
        let sev = "(((n * 2654435761) % 1000003) % 100)"
        let kind = "(((n * 40503) % 65521) % 4)"
        let st = "(((n * 69069) % 99991) % 10)"
        let sql = """
            WITH RECURSIVE g(n) AS (SELECT ? UNION ALL SELECT n + 1 FROM g WHERE n < ?)
            INSERT INTO findings (workspace_id, repository_id, branch, fingerprint, kind, rule_id, title, message, severity,
                severity_rank, confidence, path, start_line, end_line, state, state_group, ignore_source, ignore_reason,
                ignored_by, first_seen_scan_id, first_seen_at, last_seen_scan_id, last_seen_at, details, updated_at)
            SELECT ?, ? + (n % ?), 'main', 'fp-' || CAST(n AS TEXT),
                CASE \(kind) WHEN 0 THEN 'secret' WHEN 1 THEN 'dependency' WHEN 2 THEN 'sast' ELSE 'iac' END,
                'rule-' || CAST(\(kind) AS TEXT) || '-' || CAST((n / 7) % 50 AS TEXT),
                'Finding ' || CAST(n AS TEXT) || ' of rule ' || CAST(\(kind) AS TEXT) || '-' || CAST((n / 7) % 50 AS TEXT),
                'synthetic finding for the benchmark',
                CASE WHEN \(sev) < 5 THEN 'critical' WHEN \(sev) < 25 THEN 'high' WHEN \(sev) < 60 THEN 'medium'
                     WHEN \(sev) < 85 THEN 'low' ELSE 'info' END,
                CASE WHEN \(sev) < 5 THEN 4 WHEN \(sev) < 25 THEN 3 WHEN \(sev) < 60 THEN 2 WHEN \(sev) < 85 THEN 1 ELSE 0 END,
                'high',
                'src/module' || CAST(n % 300 AS TEXT) || '/file' || CAST((n / 300) % 40 AS TEXT) || '.py',
                1 + (n % 500), 1 + (n % 500),
                CASE WHEN \(st) < 7 THEN 'open' WHEN \(st) < 9 THEN 'fixed' ELSE 'ignored' END,
                CASE WHEN \(st) < 7 THEN 0 WHEN \(st) < 9 THEN 1 ELSE 2 END,
                CASE WHEN \(st) = 9 THEN 'user' ELSE NULL END,
                CASE WHEN \(st) = 9 THEN 'accepted risk' ELSE NULL END,
                CASE WHEN \(st) = 9 THEN 'bench' ELSE NULL END,
                ?, ? + n * 1000, ?, ? + n * 1000 + ((n * 31) % 1000) * 3600000, '{}', ? + n * 1000
            FROM g
            """
        let chunk = 100_000
        while have < findings {
            let lo = have + 1
            let hi = min(findings, have + chunk)
            try await store.database.write { ex in
                try await ex.execute(sql, [.int(lo), .int(hi), .int(ws.id), .int(first), .int(ids.count),
                                           .int(scan.id), .int(base), .int(scan.id), .int(base), .int(base)])
            }
            have = hi
            print("  filled \(have) findings (\(Int((ContinuousClock.now - started).seconds)) s)")
        }
        try await store.maintain()
        print("fill + analyze: \(String(format: "%.1f", (ContinuousClock.now - started).seconds)) s")
        return ids
    }

    /// How long `recordScan` takes for a repository with 1,000 findings: first scan (all new), a rescan with
    /// 10% moved lines, and a scan where 100 are gone (fixed), on top of the filled database.
    static func measureRecording(_ store: SQLStore) async throws {
        let ws = try await store.workspaces()[0]
        let repo = try await store.upsertRepository(workspaceID: ws.id, RepositoryInfo(
            gitlabProjectID: 10_000_000 + Int64(Date().timeIntervalSince1970) % 1_000_000, path: "bench/recording-\(Int(Date().timeIntervalSince1970))", defaultBranch: "main"))
        func findings(shift: Int) -> [Finding] {
            (0..<1_000).map { i in
                let path = "src/pkg\(i % 40)/file\(i % 7).py"
                return Finding(kind: .secret, ruleID: "rule-\(i % 30)", title: "Synthetic \(i)", message: "bench", severity: .high,
                               location: Location(path: path, startLine: 10 + i % 200 + (i % 10 == 0 ? shift : 0)),
                               evidence: Evidence(preview: "tok…", sha256: Hashing.sha256Hex("v\(i)")),
                               fingerprint: Fingerprint(kind: .secret, rule: "rule-\(i % 30)", path: path, identity: "v\(i)"))
            }
        }
        func report(_ f: [Finding]) -> ScanReport {
            ScanReport(target: TargetInfo(root: "/bench", mode: .workingTree, origin: ScanOrigin(branch: "main")),
                       startedAt: Date(), finishedAt: Date(),
                       scanners: [ScannerRun(id: "secrets", name: "secrets", status: .ok, durationSeconds: 1, stats: [:])],
                       findings: f, diagnostics: [])
        }
        print("")
        print("| recordScan, 1,000 findings | ms |")
        print("|---|---:|")
        for (name, f) in [("first scan (1,000 new)", findings(shift: 0)), ("rescan (100 moved lines)", findings(shift: 3)),
                          ("rescan (100 fixed)", Array(findings(shift: 3).dropLast(100)))] {
            let t0 = ContinuousClock.now
            let outcome = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "bench", report: report(f))
            let ms = (ContinuousClock.now - t0).seconds * 1000
            print(String(format: "| %@ (new %d, fixed %d) | %.0f |", name, outcome.scan.counts.new, outcome.scan.counts.fixed, ms))
        }
    }

    static func measure(_ store: SQLStore, repoIDs: [Int64], iterations: Int) async throws {
        // The cursor 20,000 rows deep in the default order, reached by walking pages.
        var deep = FindingQuery(limit: 500)
        for _ in 0..<40 {
            let page = try await store.findings(deep)
            deep.cursor = page.nextCursor
        }
        deep.limit = 50
        let mid = repoIDs[repoIDs.count / 2]
        let cases: [(String, @Sendable () async throws -> Int)] = [
            ("first page: open, by severity", { try await store.findings(FindingQuery(limit: 50)).findings.count }),
            ("first page: open, by last seen", { try await store.findings(FindingQuery(sort: .lastSeen, limit: 50)).findings.count }),
            ("filtered: 1 repository, severity >= high", {
                try await store.findings(FindingQuery(repositoryIDs: [mid], minimumSeverity: .high, limit: 50)).findings.count }),
            ("filtered: secrets, severity >= high, by last seen", {
                try await store.findings(FindingQuery(minimumSeverity: .high, kinds: [.secret], sort: .lastSeen, limit: 50)).findings.count }),
            ("filtered: ignored, by path", { try await store.findings(FindingQuery(states: [.ignored], sort: .path, limit: 50)).findings.count }),
            ("filtered: one rule, all states", { try await store.findings(FindingQuery(states: [], ruleIDs: ["rule-1-7"], limit: 50)).findings.count }),
            ("deep page: keyset cursor at row 20,000", { [deep] in try await store.findings(deep).findings.count }),
            ("deep page: offset 20,000", { try await store.findings(FindingQuery(limit: 50, offset: 20_000)).findings.count }),
            ("text search 'module42/' (substring)", { try await store.findings(FindingQuery(text: "module42/", limit: 50)).findings.count }),
            ("text search without a match (worst case)", { try await store.findings(FindingQuery(text: "no-such-text", limit: 50)).findings.count }),
            ("severity counts, 50 repositories", {
                try await store.severityCounts(workspaceID: nil, repositoryIDs: Array(repoIDs.prefix(50)), branch: nil).count }),
            ("count of open findings", { try await store.countFindings(FindingQuery()) }),
        ]
        print("")
        print("| query | rows | p50 ms | p95 ms | max ms |")
        print("|---|---:|---:|---:|---:|")
        for (name, run) in cases {
            var rows = 0
            for _ in 0..<5 { rows = try await run() }
            var times: [Double] = []
            let n = name.hasPrefix("count") || name.hasPrefix("text") ? max(20, iterations / 10) : iterations
            for _ in 0..<n {
                let t0 = ContinuousClock.now
                rows = try await run()
                times.append((ContinuousClock.now - t0).seconds * 1000)
            }
            times.sort()
            func pct(_ p: Double) -> Double { times[min(times.count - 1, Int((Double(times.count) * p).rounded(.up)) - 1)] }
            print(String(format: "| %@ | %d | %.2f | %.2f | %.2f |", name, rows, pct(0.5), pct(0.95), times.last ?? 0))
        }
    }
}
