import Foundation
import PicketCore
@testable import PicketGitLab
import PicketSecrets
import PicketTestSupport
import Testing

/// Discovery + safe fetch + scanners over the simulated group, in-process.
@Suite struct GroupScanTests {
    typealias Tok = SimHarness.Tok

    @Test func aProjectWhoseCloneFailsIsReportedAndTheRestAreScanned() async throws {
        try await SimHarness.with { h in
            let data = try TestEnvironment.makeTemporaryDirectory("picket-data")
            defer { TestEnvironment.remove(data) }
            try await h.withClient(Tok.service) { client in
                let group = try await client.group("acme")
                let found = try await ProjectDiscovery(client: client).discover(group: group)
                #expect(found.count == 3)
                // Between discovery and fetch, the ledger's repository breaks on the server.
                try FileManager.default.removeItem(atPath: h.sim.core.repositories.repository(102).gitDir)
                let fetcher = SafeFetcher(auth: GitAuth(endpoint: client.endpoint, token: h.token(Tok.service)), workDirectory: data + "/work")
                let events = EventLog()
                let scan = GroupScan(fetcher: fetcher, scanners: [SecretScanner()], concurrency: 2,
                                     dataDirectory: DataDirectory(path: data)) { events.add($0) }
                let results = await scan.run(found)
                #expect(results.map(\.path) == found.map(\.path), "results keep discovery order")
                let byPath = Dictionary(uniqueKeysWithValues: results.map { ($0.path, $0) })
                #expect(byPath["acme/platform/ledger"]?.status == .failed("git clone failed: fatal: Remote branch main not found in upstream origin"))
                #expect(byPath["acme/web/storefront"]?.status == .scanned)
                let payments = try #require(byPath["acme/platform/backend/payments/payments-api"])
                #expect(payments.status == .scanned)
                #expect(payments.report?.target.origin.projectPath == "acme/platform/backend/payments/payments-api")
                #expect(payments.report?.target.origin.commit?.sha == found[0].headSHA)
                #expect(payments.report?.activeFindings.map(\.location.path) == ["config/settings.py"])
                #expect(events.finished == 3)

                let combined = GroupScan.combinedReport(results, url: h.url, group: group, mode: .workingTree, startedAt: Date())
                #expect(combined.activeFindings.map(\.location.path) == ["acme/platform/backend/payments/payments-api/config/settings.py"])
                #expect(combined.diagnostics.contains { $0.level == .error && $0.path == "acme/platform/ledger" })
                #expect(combined.scanners.map(\.id) == ["secrets"])
                #expect((try? FileManager.default.contentsOfDirectory(atPath: data + "/work"))?.isEmpty ?? true)
            }
        }
    }
}

final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add(_ e: GroupScan.Event) {
        if case .finished = e { lock.withLock { count += 1 } }
    }
    var finished: Int { lock.withLock { count } }
}
