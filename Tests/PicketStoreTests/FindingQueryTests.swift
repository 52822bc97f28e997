import Foundation
import PicketCore
@testable import PicketStore
import Testing

@Suite("Findings query")
struct FindingQueryTests {
    /// Three repositories, ~270 findings of mixed kind, severity, rule, path and state, scanned at different times.
    static func populate(_ store: SQLStore, clock: ManualClock) async throws -> [StoredFinding] {
        let kinds: [FindingKind] = [.secret, .dependency, .sast, .iac]
        let rules = ["gitlab-pat", "aws-key", "GHSA-1111-2222-3333", "python.sqli", "terraform.s3-public", "100%_literal"]
        var rng = SeededRandom(seed: 42)
        for p in 1...3 {
            let repo = try await Sample.repository(store, projectID: Int64(p), path: "acme/service-\(p)")
            var findings: [Finding] = []
            for i in 0..<90 {
                let kind = kinds[rng.next(kinds.count)]
                let rule = rules[rng.next(rules.count)]
                let sev = Severity.allCases[rng.next(5)]
                let path = ["src/app.py", "src/db/Query.py", "infra/main.tf", "package-lock.json", "Config/Secrets.env"][rng.next(5)]
                findings.append(Sample.finding(rule: rule, kind: kind, path: path, line: rng.next(400) + 1, identity: "r\(p)-\(i)",
                                               severity: sev, title: "\(rule) issue \(i) in \(path)"))
            }
            clock.advance(60)
            _ = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c\(p)", report: Sample.report(findings, scanners: [
                ("secrets", .ok), ("deps", .ok), ("sast", .ok), ("iac", .ok)]))
            // A second scan later without the last 15: they become fixed; the rest get a newer last seen.
            clock.advance(60)
            _ = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "d\(p)", report: Sample.report(Array(findings.dropLast(15)), scanners: [
                ("secrets", .ok), ("deps", .ok), ("sast", .ok), ("iac", .ok)]))
        }
        var all = try await store.findings(FindingQuery(states: [], limit: 500)).findings
        #expect(all.count == 270)
        let toIgnore = all.filter { $0.state == .open }.prefix(20).map(\.id)
        try await store.ignoreFindings(Array(toIgnore), reason: "accepted risk", author: "dana")
        all = try await store.findings(FindingQuery(states: [], limit: 500)).findings
        return all
    }

    static func expectedOrder(_ items: [StoredFinding], _ sort: FindingSort, descending: Bool) -> [Int64] {
        let asc = items.sorted { a, b in
            switch sort {
            case .severity:
                if a.severity.rank != b.severity.rank { return a.severity.rank < b.severity.rank }
            case .lastSeen:
                if a.lastSeenAt != b.lastSeenAt { return a.lastSeenAt < b.lastSeenAt }
            case .firstSeen:
                if a.firstSeenAt != b.firstSeenAt { return a.firstSeenAt < b.firstSeenAt }
            case .path:
                if a.path != b.path { return Array(a.path.utf8).lexicographicallyPrecedes(Array(b.path.utf8)) }
                if a.startLine != b.startLine { return a.startLine < b.startLine }
            }
            return a.id < b.id
        }.map(\.id)
        return descending ? asc.reversed() : asc
    }

    /// Every page through the cursor, concatenated.
    static func walk(_ store: SQLStore, _ q: FindingQuery) async throws -> [Int64] {
        var out: [Int64] = []
        var q = q
        var pages = 0
        while true {
            let page = try await store.findings(q)
            out += page.findings.map(\.id)
            pages += 1
            guard let next = page.nextCursor, pages < 1_000 else { break }
            #expect(page.findings.count == q.limit)
            q.cursor = next
        }
        return out
    }

    @Test("filters, sorts and keyset/offset pagination agree with the data", arguments: Backend.allCases)
    func filtersSortsPages(_ backend: Backend) async throws {
        let clock = ManualClock()
        try await StoreFixture.withStore(backend, options: StoreOptions(now: clock.function)) { store, _ in
            let all = try await Self.populate(store, clock: clock)
            #expect(Set(all.map(\.state)) == [.open, .fixed, .ignored])
            let repo2 = try #require(try await store.repository(workspaceID: all[0].workspaceID, gitlabProjectID: 2))

            struct Case { var q: FindingQuery; var keep: (StoredFinding) -> Bool }
            let cases: [Case] = [
                Case(q: FindingQuery(), keep: { $0.state == .open || $0.state == .reopened }),
                Case(q: FindingQuery(states: []), keep: { _ in true }),
                Case(q: FindingQuery(states: [.fixed]), keep: { $0.state == .fixed }),
                Case(q: FindingQuery(states: [.open, .ignored]), keep: { $0.state == .open || $0.state == .ignored }),
                Case(q: FindingQuery(minimumSeverity: .high), keep: { $0.state == .open && $0.severity >= .high }),
                Case(q: FindingQuery(severities: [.low, .critical]), keep: { $0.state == .open && ($0.severity == .low || $0.severity == .critical) }),
                Case(q: FindingQuery(repositoryIDs: [repo2.id], kinds: [.secret, .iac]),
                     keep: { $0.state == .open && $0.repositoryID == repo2.id && ($0.kind == .secret || $0.kind == .iac) }),
                Case(q: FindingQuery(states: [], ruleIDs: ["aws-key"]), keep: { $0.ruleID == "aws-key" }),
                Case(q: FindingQuery(branch: "main", text: "query"), keep: { $0.state == .open && ($0.title.lowercased().contains("query") || $0.path.lowercased().contains("query") || $0.ruleID.lowercased().contains("query")) }),
                // '%' and '_' are literal characters in a search, not wildcards.
                Case(q: FindingQuery(states: [], text: "100%_l"), keep: { $0.ruleID == "100%_literal" }),
                Case(q: FindingQuery(states: [], text: "0%x"), keep: { _ in false }),
            ]
            for (n, c) in cases.enumerated() {
                let expected = all.filter(c.keep)
                for sort in FindingSort.allCases {
                    for descending in [true, false] {
                        var q = c.q
                        q.sort = sort
                        q.descending = descending
                        q.limit = 7
                        let got = try await Self.walk(store, q)
                        #expect(got == Self.expectedOrder(expected, sort, descending: descending), "case \(n) sort \(sort) desc \(descending)")
                    }
                }
                #expect(try await store.countFindings(c.q) == expected.count, "count case \(n)")
            }

            // Offset pages are slices of the same order.
            let order = Self.expectedOrder(all.filter { $0.state == .open }, .severity, descending: true)
            for offset in [0, 10, 95, order.count - 3, order.count + 5] {
                let page = try await store.findings(FindingQuery(limit: 10, offset: offset))
                #expect(page.findings.map(\.id) == Array(order.dropFirst(offset).prefix(10)), "offset \(offset)")
            }

            // A cursor only continues the order it came from.
            let first = try await store.findings(FindingQuery(limit: 5))
            let cursor = try #require(first.nextCursor)
            await #expect(throws: StoreError.self) { try await store.findings(FindingQuery(sort: .path, limit: 5, cursor: cursor)) }
            await #expect(throws: StoreError.self) { try await store.findings(FindingQuery(limit: 5, cursor: "garbage!")) }
            await #expect(throws: StoreError.self) { try await store.findings(FindingQuery(limit: 0)) }
        }
    }

    @Test("counts by severity per repository", arguments: Backend.allCases)
    func severityCounts(_ backend: Backend) async throws {
        let clock = ManualClock()
        try await StoreFixture.withStore(backend, options: StoreOptions(now: clock.function)) { store, _ in
            let all = try await Self.populate(store, clock: clock)
            let counts = try await store.severityCounts(workspaceID: all[0].workspaceID, repositoryIDs: [], branch: nil)
            #expect(counts.count == 3)
            for c in counts {
                for sev in Severity.allCases {
                    let expected = all.filter { $0.repositoryID == c.repositoryID && $0.severity == sev && ($0.state == .open || $0.state == .reopened) }.count
                    #expect((c.counts[sev] ?? 0) == expected)
                }
            }
            let one = try await store.severityCounts(workspaceID: nil, repositoryIDs: [counts[0].repositoryID], branch: "main")
            #expect(one == [counts[0]])
        }
    }
}

/// Deterministic numbers for test data.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(n))
    }
}
