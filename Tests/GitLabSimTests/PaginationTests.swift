import Foundation
import GitLabSimKit
import Testing

@Suite("Pagination")
struct PaginationTests {
    /// A world with `count` projects in one group (no repositories: listing stays cheap).
    static func bigWorld(_ count: Int) -> String {
        var projects: [String] = []
        projects.reserveCapacity(count)
        for i in 1 ... count { projects.append(#"{"id":\#(i),"path":"svc-\#(i)","namespace":"big/sub","created_at":"2025-01-01T00:00:00Z"}"#) }
        return #"{"users":[{"id":1,"username":"scanner"}],"#
            + #""tokens":[{"value":"glpat-big-world-token-0001","user":"scanner","scopes":["read_api"]}],"#
            + #""groups":[{"id":1,"path":"big","members":[{"user":"scanner","access_level":30}],"subgroups":[{"id":2,"path":"sub"}]}],"#
            + #""projects":[\#(projects.joined(separator: ","))]}"#
    }

    @Test func offsetHeadersOnSmallLists() async throws {
        try await SimHarness.with() { h async throws in
            let r = try await h.get("/groups/acme/projects?include_subgroups=true&per_page=4&page=2&order_by=id&sort=asc", token: Tok.picket)
            #expect(r.header("X-Total") == "6")
            #expect(r.header("X-Total-Pages") == "2")
            #expect(r.header("X-Page") == "2")
            #expect(r.header("X-Per-Page") == "4")
            #expect(r.header("X-Prev-Page") == "1")
            #expect(r.header("X-Next-Page") == "")
            let link = r.header("Link") ?? ""
            #expect(link.contains("rel=\"prev\""))
            #expect(link.contains("rel=\"first\""))
            #expect(link.contains("rel=\"last\""))
            #expect(!link.contains("rel=\"next\""))
            #expect(r.json.arrayValue?.compactMap { $0["id"]?.intValue } == [105, 106])
        }
    }

    @Test func pastTenThousandRowsTotalsAreOmittedAndKeysetWalksAll() async throws {
        try await SimHarness.with(json: Self.bigWorld(10_050)) { h async throws in
            let token = "glpat-big-world-token-0001"
            let first = try await h.get("/groups/big/projects?include_subgroups=true&per_page=100", token: token)
            #expect(first.status == 200)
            #expect(first.header("X-Total") == nil)
            #expect(first.header("X-Total-Pages") == nil)
            #expect(first.header("X-Next-Page") == "2")
            #expect(!(first.header("Link") ?? "").contains("rel=\"last\""))
            let last = try await h.get("/groups/big/projects?include_subgroups=true&per_page=100&page=101", token: token)
            #expect(last.json.arrayValue?.count == 50)
            #expect(last.header("X-Next-Page") == "")
            // Keyset: follow Link rel="next" until it disappears.
            var seen: [Int] = []
            var next: String? = h.sim.apiURL + "/groups/big/projects?include_subgroups=true&simple=true&pagination=keyset&order_by=id&sort=asc&per_page=100"
            var pages = 0
            while let url = next, pages < 200 {
                let r = try await h.get(url, token: token)
                #expect(r.header("X-Total") == nil)
                #expect(r.header("X-Page") == nil)
                seen += r.json.arrayValue?.compactMap { $0["id"]?.intValue } ?? []
                next = r.header("Link").flatMap { l in
                    l.hasSuffix("rel=\"next\"") ? String(l.dropFirst().prefix { $0 != ">" }) : nil
                }
                pages += 1
            }
            #expect(seen == Array(1 ... 10_050))
            #expect(pages == 101)
        }
    }

    @Test func offsetBeyondTheMaximumIs405() async throws {
        try await SimHarness.with() { h async throws in
            let r = try await h.get("/groups/acme/projects?include_subgroups=true&per_page=100&page=501", token: Tok.picket)
            #expect(r.status == 405)
            #expect(r.json["error"] == "Offset pagination has a maximum allowed offset of 50000 for requests that return objects of type Project. Remaining records can be retrieved using keyset pagination.")
        }
    }
}
