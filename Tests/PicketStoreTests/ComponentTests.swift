import Foundation
import PicketCore
@testable import PicketStore
import Testing

/// The dependency list: what the last successful dependency scan of each default branch found, searchable
/// across the workspace, on both databases.
@Suite("Components (dependency list)")
struct ComponentTests {
    static func component(_ eco: String, _ name: String, _ version: String?, file: String = "package-lock.json", line: Int? = 7,
                          direct: Bool? = true, scope: String? = nil, license: String? = nil) -> Component {
        Component(ecosystem: eco, name: name, version: version, purl: version.map { "pkg:\(eco.lowercased())/\(name)@\($0)" },
                  scope: scope, direct: direct, license: license, file: file, line: line)
    }

    static func report(_ components: [Component], deps: ScannerRun.Status = .ok) -> ScanReport {
        var r = Sample.report([], scanners: [("secrets", .ok), ("deps", deps)])
        r.components = components
        return r
    }

    @Test("a default-branch scan replaces the list; failed, other-branch and older scans leave it", arguments: Backend.allCases)
    func replacedOnlyBySuccessfulDefaultBranchScans(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let repo = try await Sample.repository(store)
            let first = [Self.component("npm", "lodash", "4.17.20", license: "MIT"),
                         Self.component("npm", "@babel/core", "7.0.0", direct: false, scope: "dev"),
                         Self.component("PyPI", "Django_Utils", nil, file: "requirements.txt", line: nil, direct: nil)]
            let s1 = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c1", report: Self.report(first))
            var page = try await store.components(ComponentQuery(repositoryIDs: [repo.id]))
            #expect(page.total == 3)
            #expect(page.nextOffset == nil)
            // Sorted by name (case-insensitive), fields as recorded, nils kept.
            #expect(page.components.map(\.component.name) == ["@babel/core", "Django_Utils", "lodash"])
            #expect(page.components.map(\.component) == [first[1], first[2], first[0]])
            #expect(page.components.allSatisfy { $0.scanID == s1.scan.id && $0.repositoryPath == "acme/api" })

            // A scan whose dependency scanner failed keeps the old list; so do other branches.
            _ = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c2", report: Self.report([], deps: .failed))
            _ = try await store.recordScan(repositoryID: repo.id, branch: "feature", commit: "c3",
                                           report: Self.report([Self.component("npm", "left-pad", "1.0.0")]))
            #expect(try await store.components(ComponentQuery(repositoryIDs: [repo.id])).total == 3)

            // The next good scan replaces the list whole.
            let second = [Self.component("npm", "lodash", "4.17.21", license: "MIT")]
            let s4 = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c4", report: Self.report(second))
            page = try await store.components(ComponentQuery(repositoryIDs: [repo.id]))
            #expect(page.components.map(\.component) == second)
            #expect(page.components.first?.scanID == s4.scan.id)

            // An older scan recorded late (superseded) does not bring its list back.
            let older = try await store.createScan(NewScan(repositoryID: repo.id, kind: .full, ref: "main", commitSHA: "c5"))
            _ = try await store.recordScan(repositoryID: repo.id, branch: "main", commit: "c6", report: Self.report(second + [Self.component("npm", "chalk", "5.0.0")]))
            _ = try await store.recordScan(older.id, report: Self.report(first))
            #expect(try await store.components(ComponentQuery(repositoryIDs: [repo.id])).components.map(\.component.name) == ["chalk", "lodash"])
        }
    }

    @Test("search across the workspace: name substring, ecosystem, exact version, pages", arguments: Backend.allCases)
    func searchAcrossRepositories(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let api = try await Sample.repository(store, projectID: 1, path: "acme/api")
            let web = try await Sample.repository(store, projectID: 2, path: "acme/web")
            _ = try await store.recordScan(repositoryID: api.id, branch: "main", commit: "a", report: Self.report([
                Self.component("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1", file: "pom.xml"),
                Self.component("npm", "lodash", "4.17.20"),
                Self.component("npm", "under_score%", "1.0.0"),
            ]))
            _ = try await store.recordScan(repositoryID: web.id, branch: "main", commit: "b", report: Self.report([
                Self.component("Maven", "org.apache.logging.log4j:log4j-core", "2.17.1", file: "build/pom.xml"),
                Self.component("npm", "lodash", "4.17.21"),
                Self.component("npm", "lodash-es", "4.17.21"),
            ]))
            let log4j = try await store.components(ComponentQuery(search: "LOG4J-CORE"))
            #expect(log4j.components.map(\.repositoryPath) == ["acme/api", "acme/web"])
            #expect(log4j.components.map(\.component.version) == ["2.14.1", "2.17.1"])
            let ws = try #require(try await store.workspaces().first)
            #expect(try await store.components(ComponentQuery(workspaceID: ws.id, search: "lodash")).total == 3)
            #expect(try await store.components(ComponentQuery(workspaceID: ws.id + 1, search: "lodash")).total == 0)
            #expect(try await store.components(ComponentQuery(ecosystem: "Maven")).total == 2)
            #expect(try await store.components(ComponentQuery(search: "lodash", version: "4.17.21")).components.map(\.component.name) == ["lodash", "lodash-es"])
            // LIKE's wildcards are literal in a search.
            #expect(try await store.components(ComponentQuery(search: "_score%")).components.map(\.component.name) == ["under_score%"])
            #expect(try await store.components(ComponentQuery(search: "%")).total == 1)
            // Pages.
            let p1 = try await store.components(ComponentQuery(limit: 4))
            #expect(p1.total == 6)
            #expect(p1.components.count == 4)
            #expect(p1.nextOffset == 4)
            let p2 = try await store.components(ComponentQuery(limit: 4, offset: 4))
            #expect(p2.components.count == 2)
            #expect(p2.nextOffset == nil)
            #expect(Set((p1.components + p2.components).map(\.id)).count == 6)
            // Deleting a repository takes its components with it.
            try await store.database.write { ex in try await ex.execute("DELETE FROM repositories WHERE id = ?", [.int(web.id)]) }
            #expect(try await store.components(ComponentQuery()).total == 3)
        }
    }
}
