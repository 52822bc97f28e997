import Foundation
import GitLabSimKit
import Testing

@Suite("Groups, members and project listing")
struct GroupTests {
    @Test func groupsByIdAndEncodedPath() async throws {
        try await SimHarness.with() { h async throws in
            let byPath = try await h.get("/groups/acme%2Fplatform%2Fbackend%2Fpayments", token: Tok.picket)
            #expect(byPath.status == 200)
            #expect(byPath.json["id"] == 13)
            #expect(byPath.json["full_path"] == "acme/platform/backend/payments")
            #expect(byPath.json["parent_id"] == 12)
            #expect(try await h.get("/groups/13", token: Tok.picket).json["full_name"] == "ACME / Platform / Backend / Payments")
            // An unencoded slash is another route: 404.
            #expect(try await h.get("/groups/acme/platform", token: Tok.picket).status == 404)
            let subs = try await h.get("/groups/acme/subgroups", token: Tok.picket)
            #expect(subs.json.arrayValue?.compactMap { $0["path"]?.stringValue } == ["legacy", "platform", "web"])
            let desc = try await h.get("/groups/10/descendant_groups", token: Tok.picket)
            #expect(Set(desc.json.arrayValue?.compactMap { $0["id"]?.intValue } ?? []) == [11, 12, 13, 14, 15])
        }
    }

    @Test func membersAllReportsInheritedLevels() async throws {
        try await SimHarness.with() { h async throws in
            let all = try await h.get("/groups/13/members/all", token: Tok.picket)
            let levels = Dictionary(uniqueKeysWithValues: (all.json.arrayValue ?? []).compactMap { m -> (String, Int)? in
                guard let u = m["username"]?.stringValue, let l = m["access_level"]?.intValue else { return nil }
                return (u, l)
            })
            #expect(levels == ["alice": 50, "bob": 30, "service_account_group_10_picket": 40])
            let direct = try await h.get("/groups/13/members", token: Tok.picket)
            #expect(direct.json == [])
            let me = try await h.get("/groups/acme%2Fplatform%2Fbackend/members/all/6", token: Tok.picket)
            #expect(me.json["access_level"] == 40)
            #expect(me.json["username"] == "service_account_group_10_picket")
            let none = try await h.get("/groups/13/members/all/7", token: Tok.picket)
            #expect(none.status == 404)
            #expect(none.json == ["message": "404 Not found"])
        }
    }

    @Test func groupProjectsHonourSubgroupsArchivedAndSharing() async throws {
        try await SimHarness.with() { h async throws in
            func ids(_ q: String) async throws -> [Int] {
                try await h.get("/groups/acme/projects?\(q)", token: Tok.picket).json.arrayValue?.compactMap { $0["id"]?.intValue } ?? []
            }
            #expect(try await ids("") == [])
            #expect(try await ids("include_subgroups=true&order_by=id&sort=asc") == [101, 102, 103, 104, 105, 106])
            #expect(try await ids("include_subgroups=true&archived=false&order_by=id&sort=asc") == [101, 102, 103, 104, 106])
            #expect(try await ids("include_subgroups=true&archived=true") == [105])
            // Default order is created_at desc.
            #expect(try await ids("include_subgroups=true") == [106, 105, 104, 103, 102, 101])
            let web = try await h.get("/groups/acme%2Fweb/projects?order_by=id&sort=asc", token: Tok.picket)
            let webIDs = web.json.arrayValue?.compactMap { $0["id"]?.intValue }
            #expect(webIDs == [103, 106, 107])  // sdk is shared into acme/web
            #expect(web.json.arrayValue?.last?["namespace"]?["full_path"] == "partners")
            #expect(try await h.get("/groups/acme%2Fweb/projects?with_shared=false", token: Tok.picket).json.arrayValue?.count == 2)
            let empty = try await h.get("/projects/106", token: Tok.picket)
            #expect(empty.json["empty_repo"] == true)
            #expect(empty.json["default_branch"] == .null)
            let p = try await h.get("/projects/acme%2Fplatform%2Fbackend%2Fpayments%2Fpayments-api", token: Tok.picket)
            #expect(p.json["id"] == 101)
            #expect(p.json["default_branch"] == "main")
            #expect(p.json["http_url_to_repo"] == .string(h.sim.baseURL + "/acme/platform/backend/payments/payments-api.git"))
            #expect(p.json["permissions"] == ["project_access": nil, "group_access": ["access_level": 40, "notification_level": 3]])
        }
    }

    @Test func namespacePlanIsShownToOwnersOnly() async throws {
        try await SimHarness.with() { h async throws in
            #expect(try await h.get("/namespaces/acme", token: Tok.aliceAPI).json["plan"] == "ultimate")
            #expect(try await h.get("/namespaces/acme", token: Tok.picket).json["plan"] == nil)
        }
    }
}
