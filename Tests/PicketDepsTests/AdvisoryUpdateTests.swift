import Foundation
import PicketCore
import PicketTestSupport
import Testing
@testable import PicketDeps

/// `db update` against a real HTTP server on 127.0.0.1 serving the bucket layout from the corpus dumps.
@Suite("Advisory update over HTTP", .serialized)
struct AdvisoryUpdateTests {
    /// A bucket folder with `crates.io/all.zip` (the corpus dump) and a server on it.
    func bucket() throws -> (root: String, server: TestHTTPServer, data: String) {
        let root = try TestEnvironment.makeTemporaryDirectory("picket-bucket")
        try FileManager.default.createDirectory(atPath: root + "/crates.io", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: SharedCorpus.path("corpora/osv-dumps/crates.io/all.zip"), toPath: root + "/crates.io/all.zip")
        let data = try TestEnvironment.makeTemporaryDirectory("picket-data")
        return (root, try TestHTTPServer(root: root), data)
    }

    func write(_ text: String, _ path: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }

    @Test func fullThenIncrementalThenUpToDate() async throws {
        let (root, server, data) = try bucket()
        defer { server.stop(); TestEnvironment.remove(root); TestEnvironment.remove(data) }
        let dataDir = DataDirectory(path: data)
        let updater = AdvisoryUpdater(dataDirectory: dataDir, baseURL: server.baseURL)

        let first = try await updater.update(ecosystems: ["crates.io"])
        #expect(first.map(\.mode) == [.full])
        #expect(first.first?.records == 1206)
        #expect(server.requests == ["/crates.io/all.zip"])
        #expect(try updater.installedEcosystems() == ["crates.io"])

        // Two records changed after the newest one imported (2026-08-21T06:28:40Z); the list is newest first.
        try write("""
            2026-09-02T00:00:00Z,RUSTSEC-2099-0001
            2026-09-01T00:00:00Z,RUSTSEC-2017-0005
            2026-08-21T06:28:40Z,RUSTSEC-2026-0001
            2020-01-01T00:00:00Z,RUSTSEC-2016-0001

            """, root + "/crates.io/modified_id.csv")
        try write("""
            {"id": "RUSTSEC-2099-0001", "modified": "2026-09-02T00:00:00Z", "summary": "new",
             "affected": [{"package": {"ecosystem": "crates.io", "name": "picket-test-crate"},
                           "ranges": [{"type": "SEMVER", "events": [{"introduced": "0.0.0-0"}, {"fixed": "1.0.0"}]}]}]}
            """, root + "/crates.io/RUSTSEC-2099-0001.json")
        let original = try Data(contentsOf: URL(fileURLWithPath: SharedCorpus.path("corpora/osv/crates.io/RUSTSEC-2017-0005.json")))
        var changed = try #require(try JSONSerialization.jsonObject(with: original) as? [String: Any])
        changed["summary"] = "UPDATED"
        changed["modified"] = "2026-09-01T00:00:00Z"
        try JSONSerialization.data(withJSONObject: changed).write(to: URL(fileURLWithPath: root + "/crates.io/RUSTSEC-2017-0005.json"))

        let second = try await updater.update(ecosystems: ["crates.io"])
        #expect(second.map(\.mode) == [.incremental])
        #expect(second.first?.records == 2)
        #expect(Array(server.requests.dropFirst()) == ["/crates.io/modified_id.csv", "/crates.io/RUSTSEC-2099-0001.json",
                                                      "/crates.io/RUSTSEC-2017-0005.json"])
        let db = try AdvisoryDatabase.open(dataDirectory: dataDir)
        let m = try db.matches(for: [PackageRef(ecosystem: .cratesIO, name: "picket_test_crate", version: "0.5.0", file: "Cargo.lock")])
        #expect(m.first?.vulnerabilities.map(\.id) == ["RUSTSEC-2099-0001"])
        #expect(m.first?.recommendedVersion == "1.0.0")
        #expect(try db.record(id: "RUSTSEC-2017-0005")?.summary == "UPDATED")
        let status = try db.status()
        #expect(status.records == 1207)
        #expect(status.sources.first?.newestModified == "2026-09-02T00:00:00Z")

        let third = try await updater.update(ecosystems: ["crates.io"])
        #expect(third.map(\.mode) == [.upToDate])
        #expect(server.requests.last == "/crates.io/modified_id.csv")

        // A full download replaces the source: the record only the incremental update brought is gone.
        let full = try await updater.update(ecosystems: ["crates.io"], full: true)
        #expect(full.map(\.mode) == [.full])
        #expect(try AdvisoryDatabase.open(dataDirectory: dataDir).status().records == 1206)
    }

    @Test func longChangeListsFallBackToTheFullDump() async throws {
        let (root, server, data) = try bucket()
        defer { server.stop(); TestEnvironment.remove(root); TestEnvironment.remove(data) }
        let updater = AdvisoryUpdater(dataDirectory: DataDirectory(path: data), baseURL: server.baseURL)
        _ = try await updater.update(ecosystems: ["crates.io"])
        let lines = (0...AdvisoryUpdater.incrementalLimit).map { "2027-01-01T00:00:00Z,RUSTSEC-2098-\($0)" }
        try write(lines.joined(separator: "\n") + "\n", root + "/crates.io/modified_id.csv")
        let r = try await updater.update(ecosystems: ["crates.io"])
        #expect(r.map(\.mode) == [.full])
        #expect(server.requests == ["/crates.io/all.zip", "/crates.io/modified_id.csv", "/crates.io/all.zip"])
    }

    @Test func errorsNameTheURL() async throws {
        let (root, server, data) = try bucket()
        defer { TestEnvironment.remove(root); TestEnvironment.remove(data) }
        let updater = AdvisoryUpdater(dataDirectory: DataDirectory(path: data), baseURL: server.baseURL)
        do {
            _ = try await updater.update(ecosystems: ["NoSuchEcosystem"])
            Issue.record("an unknown ecosystem was downloaded")
        } catch {
            #expect("\(error)" == "GET \(server.baseURL)/NoSuchEcosystem/all.zip: HTTP 404 (unknown ecosystem? names are case-sensitive, e.g. PyPI, crates.io)")
        }
        // Nothing listens any more: a clear offline error, and the database is not created.
        let base = server.baseURL
        server.stop()
        do {
            _ = try await AdvisoryUpdater(dataDirectory: DataDirectory(path: data), baseURL: base).update(ecosystems: ["crates.io"])
            Issue.record("a download from a closed port succeeded")
        } catch {
            #expect("\(error)".hasPrefix("GET \(base)/crates.io/all.zip failed:"))
            #expect("\(error)".contains("offline?"))
        }
        #expect(!FileManager.default.fileExists(atPath: data + "/osv/osv.sqlite"))
    }
}
