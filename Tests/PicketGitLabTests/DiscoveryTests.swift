import Foundation
import NIOHTTP1
import PicketCore
@testable import PicketGitLab
import PicketTestSupport
import Testing

/// Listing a group's projects (subgroups included), their default branch heads, and nothing more.
@Suite struct DiscoveryTests {
    typealias Tok = SimHarness.Tok

    @Test func defaultListingSkipsArchivedEmptyAndSharedAndMakesOnlyTheNeededRequests() async throws {
        try await SimHarness.with { h in
            try await h.withClient(Tok.service) { client in
                let group = try await client.group("acme")
                try await h.control(.DELETE, "requests")
                let found = try await ProjectDiscovery(client: client).discover(group: group)
                #expect(found.map(\.path) == ["acme/platform/backend/payments/payments-api", "acme/platform/ledger", "acme/web/storefront"])
                #expect(found.allSatisfy { $0.skip == nil && $0.branch == "main" && $0.headSHA?.count == 40 })
                let (total, counts) = try await h.requestCounts()
                #expect(counts["GET /groups/:id/projects"] == 1)
                #expect(counts["GET /projects/:id/repository/branches/:branch"] == 3)
                #expect(total == 4, "one listing page and one branch look-up per non-empty project: \(counts)")
                #expect(client.stats.snapshot.requests == 5, "4 + the group look-up before the reset")

                let all = try await ProjectDiscovery(client: client).discover(
                    group: group, options: DiscoveryOptions(includeArchived: true, includeEmpty: true, withShared: true))
                #expect(Set(all.map(\.path)) == ["acme/platform/backend/payments/payments-api", "acme/platform/ledger", "acme/web/storefront",
                                                 "acme/platform/old-portal", "acme/web/empty-project", "acme/web/hostile"])
                #expect(all.first { $0.path == "acme/web/empty-project" }?.skip == .empty)

                // partners/sdk is shared into acme/web itself (GitLab lists shared projects of the group, not of its subgroups).
                let web = try await client.group("acme/web")
                let plain = try await ProjectDiscovery(client: client).discover(group: web)
                #expect(plain.map(\.path) == ["acme/web/storefront"])
                let shared = try await ProjectDiscovery(client: client).discover(group: web, options: DiscoveryOptions(withShared: true))
                #expect(shared.map(\.path) == ["acme/web/storefront", "partners/sdk"])
            }
        }
    }

    @Test func incrementalStateSkipsUnmovedHeads() async throws {
        try await SimHarness.with { h in
            try await h.withClient(Tok.service) { client in
                let group = try await client.group("acme")
                let first = try await ProjectDiscovery(client: client).discover(group: group)
                let dir = try TestEnvironment.makeTemporaryDirectory("picket-state")
                defer { TestEnvironment.remove(dir) }
                let data = DataDirectory(path: dir)
                var state = ScanState(url: h.url, group: "acme")
                for d in first where d.path != "acme/web/storefront" {
                    state.projects[String(d.project.id)] = .init(path: d.path, branch: d.branch!, headSHA: d.headSHA!,
                                                                 scannedAt: Date(timeIntervalSince1970: 1_700_000_000), activeFindings: 0)
                }
                try state.save(dataDirectory: data)
                let loaded = try ScanState.load(dataDirectory: data, url: h.url, group: "acme")
                #expect(loaded == state)
                let second = try await ProjectDiscovery(client: client).discover(group: group, state: loaded)
                #expect(second.map(\.skip) == [.unchanged, .unchanged, nil])

                // A damaged state file is an error naming the file, not a silent full scan.
                try Data("{".utf8).write(to: URL(fileURLWithPath: ScanState.path(dataDirectory: data, url: h.url, group: "acme")))
                #expect(throws: PicketError.self) { _ = try ScanState.load(dataDirectory: data, url: h.url, group: "acme") }
            }
        }
    }

    @Test func paginationGoesPastTenThousandRowsWithoutXTotal() async throws {
        // 10,050 empty projects in one group: GitLab stops counting at 10,000 (no X-Total, no rel="last").
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-big-world")
        defer { TestEnvironment.remove(dir) }
        var yaml = """
        users:
          - { id: 1, username: service_account_group_1_picket, name: Picket, user_type: service_account }
        groups:
          - { id: 1, path: big, name: Big, plan: ultimate, members: [ { user: service_account_group_1_picket, access_level: 40 } ] }
        tokens:
          - { id: 1, value: glpat-TestBigWorldToken0001, user: service_account_group_1_picket, scopes: [api], expires_at: null }
        projects:

        """
        for i in 1...10_050 { yaml += "  - { id: \(i), path: p\(i), namespace: big, empty_repo: true }\n" }
        try yaml.write(toFile: dir + "/world.yml", atomically: true, encoding: .utf8)
        try await SimHarness.with(world: dir + "/world.yml") { h in
            try await h.withClient("glpat-TestBigWorldToken0001") { client in
                let counted = try await client.countGroupProjects(groupID: 1)
                #expect(counted.count == nil, "X-Total is absent past 10,000")
                let r = try await h.check("glpat-TestBigWorldToken0001", group: "big", probeGit: false)
                #expect(r.result(.projects)?.message == "the account sees more than 10,000 projects in 'big' and its subgroups (archived ones not counted)")

                try await h.control(.DELETE, "requests")
                let found = try await ProjectDiscovery(client: client).discover(group: try await client.group("big"),
                                                                                options: DiscoveryOptions(includeEmpty: true))
                #expect(found.count == 10_050)
                #expect(Set(found.map(\.project.id)).count == 10_050)
                #expect(try await h.requestCounts().counts["GET /groups/:id/projects"] == 101)
            }
        }
    }

    @Test func keysetPaginationOverProjects() async throws {
        try await SimHarness.with { h in
            try await h.withClient(Tok.service) { client in
                let keyset: [GitLabProject] = try await client.all("/projects", query: [("membership", "true")], perPage: 2, style: .keyset)
                let offset: [GitLabProject] = try await client.all("/projects", query: [("membership", "true"), ("order_by", "id"), ("sort", "asc")], perPage: 2)
                #expect(keyset.map(\.id) == offset.map(\.id))
                #expect(keyset.map(\.id) == keyset.map(\.id).sorted())
                #expect(keyset.count >= 6, "\(keyset.map(\.pathWithNamespace))")
            }
        }
    }
}
