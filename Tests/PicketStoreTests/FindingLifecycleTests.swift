import Foundation
import PicketCore
@testable import PicketStore
import Testing

@Suite("Findings over time")
struct FindingLifecycleTests {
    private func all(_ store: SQLStore, _ repo: Repository) async throws -> [String: StoredFinding] {
        let page = try await store.findings(FindingQuery(repositoryIDs: [repo.id], states: [], limit: 500))
        return Dictionary(uniqueKeysWithValues: page.findings.map { ($0.fingerprint, $0) })
    }

    @Test("open → fixed → reopened, with events and counts", arguments: Backend.allCases)
    func openFixedReopened(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let repo = try await Sample.repository(store)
            let a = Sample.finding(identity: "a")
            let b = Sample.finding(rule: "aws-key", path: "deploy.sh", identity: "b", severity: .critical)
            let s1 = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c1", report: Sample.report([a, b]))
            #expect(s1.scan.counts == ScanCounts(total: 2, new: 2))
            #expect(s1.scan.status == .succeeded)
            var f = try await all(store, repo)
            #expect(f[a.fingerprint.value]?.state == .open)
            #expect(f[b.fingerprint.value]?.state == .open)

            let s2 = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c2", report: Sample.report([a]))
            #expect(s2.scan.counts == ScanCounts(total: 1, fixed: 1))
            f = try await all(store, repo)
            let fixedB = try #require(f[b.fingerprint.value])
            #expect(fixedB.state == .fixed)
            #expect(fixedB.fixedScanID == s2.scan.id)
            #expect(f[a.fingerprint.value]?.lastSeenScanID == s2.scan.id)
            #expect(f[a.fingerprint.value]?.firstSeenScanID == s1.scan.id)

            let s3 = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c3", report: Sample.report([a, b]))
            #expect(s3.scan.counts == ScanCounts(total: 2, reopened: 1))
            f = try await all(store, repo)
            #expect(f[b.fingerprint.value]?.state == .reopened)
            #expect(f[b.fingerprint.value]?.id == fixedB.id)
            #expect(f[b.fingerprint.value]?.fixedScanID == nil)
            let events = try await store.events(findingID: fixedB.id).map(\.type)
            #expect(events == [.opened, .fixed, .reopened])
            #expect(try await store.events(findingID: fixedB.id).allSatisfy { $0.author == "picket" })
            // Branches are separate: a scan of another branch fixes nothing on main.
            _ = try await store.recordScan(repositoryID: repo.id, branch: "feature", commit: "c4", report: Sample.report([]))
            #expect(try await all(store, repo)[a.fingerprint.value]?.state == .open)
            let repoAfter = try await store.repository(repo.id)
            #expect(repoAfter.lastHeadSHA == "c3")
        }
    }

    @Test("ignored stays ignored when absent or present; last seen still moves", arguments: Backend.allCases)
    func ignoredStaysIgnored(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let repo = try await Sample.repository(store)
            let a = Sample.finding(identity: "a")
            _ = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c1", report: Sample.report([a]))
            let id = try #require(try await all(store, repo)[a.fingerprint.value]?.id)
            #expect(try await store.ignoreFindings([id], reason: "test fixture", author: "dana") == 1)
            #expect(try await store.ignoreFindings([id], reason: "again", author: "dana") == 0)
            _ = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c2", report: Sample.report([]))
            #expect(try await store.finding(id).state == .ignored)
            let s3 = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c3", report: Sample.report([a]))
            let f = try await store.finding(id)
            #expect(f.state == .ignored)
            #expect(f.ignoreSource == .user)
            #expect(f.ignoreReason == "test fixture")
            #expect(f.ignoredBy == "dana")
            #expect(f.lastSeenScanID == s3.scan.id)
            #expect(s3.scan.counts.ignored == 1)
            let ev = try await store.events(findingID: id)
            #expect(ev.map(\.type) == [.opened, .ignored])
            #expect(ev.last?.author == "dana")
            #expect(ev.last?.reason == "test fixture")
            // Unignore: the latest scan saw it, so it is open again.
            #expect(try await store.unignoreFindings([id], reason: "was real", author: "dana") == 1)
            #expect(try await store.finding(id).state == .open)
            await #expect(throws: StoreError.notFound("finding 999999")) {
                try await store.ignoreFindings([id, 999_999], reason: "x", author: "dana")
            }
        }
    }

    @Test("unignoring a finding the code no longer has makes it fixed", arguments: Backend.allCases)
    func unignoreAbsentIsFixed(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let repo = try await Sample.repository(store)
            let a = Sample.finding(identity: "a")
            _ = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c1", report: Sample.report([a]))
            let id = try #require(try await all(store, repo)[a.fingerprint.value]?.id)
            try await store.ignoreFindings([id], reason: "later", author: "dana")
            let s2 = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c2", report: Sample.report([]))
            try await store.unignoreFindings([id], reason: nil, author: "dana")
            let f = try await store.finding(id)
            #expect(f.state == .fixed)
            #expect(f.fixedScanID == s2.scan.id)
        }
    }

    @Test("a finding that moved lines keeps its identity and history", arguments: Backend.allCases)
    func movedLines(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let repo = try await Sample.repository(store)
            let before = Sample.finding(line: 3, identity: "same")
            let after = Sample.finding(line: 41, identity: "same")
            #expect(before.fingerprint == after.fingerprint)
            let s1 = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c1", report: Sample.report([before]))
            let s2 = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c2", report: Sample.report([after]))
            #expect(s2.scan.counts == ScanCounts(total: 1))
            let page = try await store.findings(FindingQuery(repositoryIDs: [repo.id], states: []))
            #expect(page.findings.count == 1)
            let f = try #require(page.findings.first)
            #expect(f.startLine == 41)
            #expect(f.firstSeenScanID == s1.scan.id)
            #expect(f.lastSeenScanID == s2.scan.id)
            #expect(f.state == .open)
            let occ = try await store.database.read { ex in
                try await ex.query("SELECT scan_id, start_line FROM finding_occurrences WHERE finding_id = ? ORDER BY scan_id", [.int(f.id)])
            }
            #expect(try occ.map { try $0.int("start_line") } == [3, 41])
        }
    }

    @Test("a failed scanner does not fix its findings; a successful one does", arguments: Backend.allCases)
    func failedScannerDoesNotFix(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let repo = try await Sample.repository(store)
            let secret = Sample.finding(identity: "s")
            let dep = Sample.finding(rule: "GHSA-aaaa-bbbb-cccc", kind: .dependency, path: "package-lock.json", identity: "lodash@4.17.0")
            _ = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c1", report: Sample.report([secret, dep]))
            let s2 = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c2",
                                                report: Sample.report([], scanners: [("secrets", .failed), ("deps", .ok)]))
            #expect(s2.scan.counts.fixed == 1)
            var f = try await all(store, repo)
            #expect(f[secret.fingerprint.value]?.state == .open)
            #expect(f[dep.fingerprint.value]?.state == .fixed)
            // A scanner that did not run at all fixes nothing either.
            _ = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c3",
                                           report: Sample.report([], scanners: [("deps", .ok)]))
            f = try await all(store, repo)
            #expect(f[secret.fingerprint.value]?.state == .open)
            #expect(try await store.scan(s2.scan.id).scanners.map(\.status) == [.failed, .ok])
        }
    }

    @Test("recording the same scan twice writes once", arguments: Backend.allCases)
    func idempotentRecord(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let repo = try await Sample.repository(store)
            let a = Sample.finding(identity: "a")
            let b = Sample.finding(identity: "b")
            _ = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c1", report: Sample.report([a, b]))
            let scan = try await store.createScan(NewScan(repositoryID: repo.id, kind: .push, ref: "main", commitSHA: "c2"))
            _ = try await store.startScan(scan.id)
            let first = try await store.recordScan(scan.id, report: Sample.report([a]))
            let eventsAfterFirst = try await store.database.read { ex in try await ex.queryFirst("SELECT COUNT(*) AS n FROM finding_events")?.int("n") }
            let second = try await store.recordScan(scan.id, report: Sample.report([a, b]))
            #expect(!first.alreadyRecorded)
            #expect(second.alreadyRecorded)
            #expect(second.scan.counts == first.scan.counts)
            let eventsAfterSecond = try await store.database.read { ex in try await ex.queryFirst("SELECT COUNT(*) AS n FROM finding_events")?.int("n") }
            #expect(eventsAfterFirst == eventsAfterSecond)
            #expect(try await all(store, repo)[b.fingerprint.value]?.state == .fixed)
            // Concurrent retries of one scan also write once.
            let scan2 = try await store.createScan(NewScan(repositoryID: repo.id, ref: "main", commitSHA: "c3"))
            let outcomes = try await withThrowingTaskGroup(of: ScanOutcome.self) { group in
                for _ in 0..<4 { group.addTask { try await store.recordScan(scan2.id, report: Sample.report([a, b])) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { !$0.alreadyRecorded }.count == 1)
            #expect(outcomes.allSatisfy { $0.scan.counts.reopened == 1 })
        }
    }

    @Test("findings suppressed by .picket.yml are stored ignored with the reason", arguments: Backend.allCases)
    func configSuppressed(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let repo = try await Sample.repository(store)
            let suppressed = Sample.finding(identity: "t", suppression: Suppression(kind: .config, reason: "test fixture key"))
            let inline = Sample.finding(path: "src/a.py", identity: "i", suppression: Suppression(kind: .inlineComment, reason: "picket:ignore"))
            let s1 = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c1", report: Sample.report([suppressed, inline]))
            #expect(s1.scan.counts.ignored == 2)
            let f = try #require(try await all(store, repo)[suppressed.fingerprint.value])
            #expect(f.state == .ignored)
            #expect(f.ignoreSource == .config)
            #expect(f.ignoreReason == "ignored in .picket.yml: test fixture key")
            #expect(try await all(store, repo)[inline.fingerprint.value]?.ignoreReason == "ignored by an inline comment: picket:ignore")
            #expect(try await store.events(findingID: f.id).map(\.type) == [.opened, .ignored])
            // Shown as ignored, not among the open findings.
            #expect(try await store.findings(FindingQuery(repositoryIDs: [repo.id])).findings.isEmpty)
            #expect(try await store.findings(FindingQuery(repositoryIDs: [repo.id], states: [.ignored])).findings.count == 2)
            // The configuration no longer ignores it: back to open.
            var unsuppressed = suppressed
            unsuppressed.suppression = nil
            _ = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c2", report: Sample.report([unsuppressed, inline]))
            let g = try await store.finding(f.id)
            #expect(g.state == .open)
            #expect(g.ignoreReason == nil)
            #expect(try await store.events(findingID: f.id).map(\.type) == [.opened, .ignored, .unignored])
        }
    }

    @Test("a raw secret is refused and nothing is written", arguments: Backend.allCases)
    func rawSecretRefused(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let repo = try await Sample.repository(store)
            let raw = "glpat-Zx81Qm2vLp0aRt6YbN3c"
            let bad = Sample.finding(identity: raw, revealed: raw)
            let scan = try await store.createScan(NewScan(repositoryID: repo.id, ref: "main"))
            await #expect(throws: StoreError.self) { try await store.recordScan(scan.id, report: Sample.report([Sample.finding(identity: "ok"), bad])) }
            #expect(try await store.scan(scan.id).status == .queued)
            #expect(try await store.countFindings(FindingQuery(states: [])) == 0)
            do {
                _ = try await store.recordScan(scan.id, report: Sample.report([bad]))
                Issue.record("expected a refusal")
            } catch let e as StoreError {
                guard case .invalidInput(let m) = e else { Issue.record("wrong error \(e)"); return }
                #expect(!m.contains(raw), "the error must not repeat the secret")
            }
            // Recorded without the raw value, only the hash and the redacted preview are stored.
            var redacted = bad
            redacted.evidence.revealed = nil
            _ = try await store.recordScan(scan.id, report: Sample.report([redacted]))
            let dump = try await store.database.read { ex in
                try await ex.query("SELECT title, message, evidence_preview, evidence_snippet, secret_sha256, details, fingerprint FROM findings")
            }
            for row in dump {
                for v in row.values { if case .text(let t) = v { #expect(!t.contains(raw)) } }
            }
        }
    }

    @Test("severity changes are recorded as events", arguments: Backend.allCases)
    func severityChanged(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let repo = try await Sample.repository(store)
            _ = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c1", report: Sample.report([Sample.finding(identity: "a", severity: .medium)]))
            _ = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c2", report: Sample.report([Sample.finding(identity: "a", severity: .critical)]))
            let f = try #require(try await store.findings(FindingQuery(repositoryIDs: [repo.id])).findings.first)
            #expect(f.severity == .critical)
            let ev = try await store.events(findingID: f.id)
            #expect(ev.last?.type == .severityChanged)
            #expect(ev.last?.oldValue == "medium")
            #expect(ev.last?.newValue == "critical")
        }
    }

    @Test("an older scan recorded after a newer one changes no state", arguments: Backend.allCases)
    func supersededScan(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let repo = try await Sample.repository(store)
            let a = Sample.finding(identity: "a")
            let old = try await store.createScan(NewScan(repositoryID: repo.id, ref: "main", commitSHA: "old"))
            let new = try await store.createScan(NewScan(repositoryID: repo.id, ref: "main", commitSHA: "new"))
            _ = try await store.recordScan(new.id, report: Sample.report([a]))
            let late = try await store.recordScan(old.id, report: Sample.report([]))
            #expect(late.scan.superseded)
            #expect(late.scan.status == .succeeded)
            #expect(try await all(store, repo)[a.fingerprint.value]?.state == .open)
            #expect(try await store.repository(repo.id).lastScanID == new.id)
        }
    }
}

@Suite("Findings over time, in bulk")
struct BulkLifecycleTests {
    @Test("scans larger than one write batch: insert, rescan with moves, fix a slice", arguments: Backend.allCases)
    func bulk(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let repo = try await Sample.repository(store)
            func findings(shift: Int) -> [Finding] {
                (0..<1_050).map { i in Sample.finding(rule: "rule-\(i % 9)", path: "src/f\(i % 31).py", line: 1 + i % 300 + (i % 4 == 0 ? shift : 0), identity: "v\(i)") }
            }
            let s1 = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c1", report: Sample.report(findings(shift: 0)))
            #expect(s1.scan.counts == ScanCounts(total: 1_050, new: 1_050))
            let s2 = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c2", report: Sample.report(findings(shift: 5)))
            #expect(s2.scan.counts == ScanCounts(total: 1_050))
            let s3 = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c3", report: Sample.report(Array(findings(shift: 5).prefix(600))))
            #expect(s3.scan.counts == ScanCounts(total: 600, fixed: 450))
            #expect(try await store.countFindings(FindingQuery(repositoryIDs: [repo.id])) == 600)
            #expect(try await store.countFindings(FindingQuery(repositoryIDs: [repo.id], states: [.fixed])) == 450)
            let moved = try await store.findings(FindingQuery(repositoryIDs: [repo.id], text: "src/f0.py", limit: 500)).findings
            #expect(!moved.isEmpty)
            for f in moved { #expect(f.lastSeenScanID == s3.scan.id) }
            let occurrences = try await store.database.read { ex in try await ex.queryFirst("SELECT COUNT(*) AS n FROM finding_occurrences")?.int("n") }
            #expect(occurrences == Int64(1_050 + 1_050 + 600))
            let events = try await store.database.read { ex in try await ex.queryFirst("SELECT COUNT(*) AS n FROM finding_events")?.int("n") }
            #expect(events == Int64(1_050 + 450))
        }
    }
}
