import Foundation
import PicketCore
import PicketTestSupport
import Testing
@testable import PicketDeps

/// `picket db ...` as users run it: the built binary, exit codes, messages.
@Suite("picket db command", .serialized)
struct DBCommandTests {
    func picket(_ args: [String], data: String) async throws -> ProcessRunner.Result {
        try await TestEnvironment.runPicket(["db"] + args + ["--data-dir", data])
    }

    @Test func importStatusLookup() async throws {
        let data = try TestEnvironment.makeTemporaryDirectory("picket-cli-db")
        defer { TestEnvironment.remove(data) }
        let empty = try await picket(["status"], data: data)
        #expect(empty.status == 2)
        #expect(empty.stderrText.contains("no advisory database at \(data)/osv/osv.sqlite"))

        let imported = try await picket(["import", SharedCorpus.fixtures + "/osv/edge"], data: data)
        #expect(imported.status == 0, "\(imported.stderrText)")
        #expect(imported.stdoutText.contains("12 records (1 withdrawn)"))
        #expect(imported.stderrText.contains("kept 1 record(s) for ecosystem 'FooBarOS'"))

        let status = try await picket(["status", "--json"], data: data)
        #expect(status.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: status.stdout) as? [String: Any])
        #expect(doc["records"] as? Int == 12)
        #expect(doc["withdrawn"] as? Int == 1)
        let text = try await picket(["status"], data: data)
        #expect(text.stdoutText.contains("FooBarOS"))
        #expect(text.stdoutText.contains("version order unknown"))

        let vulnerable = try await picket(["lookup", "npm", "pkg-b", "1.0.0"], data: data)
        #expect(vulnerable.status == 1)
        #expect(vulnerable.stdoutText.contains("TEST-ALIAS-A  medium 5.3  fixed: 2.2.0"))
        #expect(vulnerable.stdoutText.contains("1 vulnerability; upgrade to 2.2.0"))
        let clean = try await picket(["lookup", "npm", "pkg-b", "2.2.0"], data: data)
        #expect(clean.status == 0)
        #expect(clean.stdoutText.contains("0 vulnerabilities"))
    }

    @Test func badImportExitsTwoAndChangesNothing() async throws {
        let data = try TestEnvironment.makeTemporaryDirectory("picket-cli-db")
        defer { TestEnvironment.remove(data) }
        #expect(try await picket(["import", SharedCorpus.fixtures + "/osv/edge"], data: data).status == 0)
        let bad = try await picket(["import", SharedCorpus.fixtures + "/osv/invalid"], data: data)
        #expect(bad.status == 2)
        #expect(bad.stderrText.contains("TEST-NOID.json: not a valid OSV record: 'id': required field missing"))
        let skipped = try await picket(["import", "--skip-invalid", SharedCorpus.fixtures + "/osv/invalid"], data: data)
        #expect(skipped.status == 0)
        #expect(skipped.stderrText.components(separatedBy: "skipped invalid record").count == 4)
        let missing = try await picket(["import", "/no/such/dump.zip"], data: data)
        #expect(missing.status == 2)
        #expect(missing.stderrText.contains("/no/such/dump.zip: no such file or folder"))
        let status = try await picket(["status", "--json"], data: data)
        let doc = try #require(try JSONSerialization.jsonObject(with: status.stdout) as? [String: Any])
        #expect(doc["records"] as? Int == 12)
    }

    @Test func updateFromALocalServer() async throws {
        let root = try TestEnvironment.makeTemporaryDirectory("picket-bucket")
        let data = try TestEnvironment.makeTemporaryDirectory("picket-cli-db")
        defer { TestEnvironment.remove(root); TestEnvironment.remove(data) }
        try FileManager.default.createDirectory(atPath: root + "/crates.io", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: SharedCorpus.path("corpora/osv-dumps/crates.io/all.zip"), toPath: root + "/crates.io/all.zip")
        let server = try TestHTTPServer(root: root)
        defer { server.stop() }
        let none = try await picket(["update", "--base-url", server.baseURL], data: data)
        #expect(none.status == 2)
        #expect(none.stderrText.contains("name the ecosystems to download"))
        let r = try await picket(["update", "--base-url", server.baseURL, "--ecosystem", "crates.io"], data: data)
        #expect(r.status == 0, "\(r.stderrText)")
        #expect(r.stdoutText.contains("crates.io: full dump, 1206 records"))
        let lookup = try await picket(["lookup", "crates.io", "cookie", "0.7.5"], data: data)
        #expect(lookup.status == 1)
        #expect(lookup.stdoutText.contains("RUSTSEC-2017-0005  high 7.5  fixed: 0.7.6"))
    }
}
