import Foundation
import GitLabSimKit
import Testing

@Suite("Rate limiting and fault injection")
struct RateLimitTests {
    static let world = #"""
    {"instance":{"rate_limits":{"enabled":true,"authenticated_api":{"limit":5,"period":60},"endpoints":{"notes_create":{"limit":2,"period":60}}}},
     "users":[{"id":1,"username":"u"}],
     "tokens":[{"value":"glpat-rate-limit-test-01","user":"u","scopes":["api"]},{"value":"glpat-rate-limit-test-02","user":"u","scopes":["api"]}],
     "groups":[{"id":1,"path":"g","members":[{"user":"u","access_level":40}]}],
     "projects":[{"id":1,"path":"p","namespace":"g","source":"projects/ledger"}],
     "merge_requests":[{"project":"g/p","title":"t","source_branch":"b","author":"u","source":"projects/sdk"}]}
    """#

    @Test func throttleHeadersAnd429() async throws {
        try await SimHarness.with(json: Self.world) { h async throws in
            let token = "glpat-rate-limit-test-01"
            for i in 1 ... 5 {
                let r = try await h.get("/user", token: token)
                #expect(r.status == 200)
                #expect(r.header("RateLimit-Limit") == "5")
                #expect(r.header("RateLimit-Observed") == String(i))
                #expect(r.header("RateLimit-Remaining") == String(5 - i))
                #expect(r.header("RateLimit-Name") == "throttle_authenticated_api")
                #expect(Int(r.header("RateLimit-Reset") ?? "") ?? 0 > Int(Date().timeIntervalSince1970) - 1)
                #expect(r.header("Retry-After") == nil)
            }
            // The throttle is per user: another token of the same user is limited too.
            let blocked = try await h.get("/user", token: "glpat-rate-limit-test-02")
            #expect(blocked.status == 429)
            #expect(blocked.text == "Retry later\n")
            #expect(blocked.header("Content-Type") == "text/plain")
            let retry = Int(blocked.header("Retry-After") ?? "") ?? 0
            #expect(retry >= 1 && retry <= 60)
            #expect(blocked.header("RateLimit-Remaining") == "0")
            #expect(blocked.header("RateLimit-ResetTime")?.hasSuffix("GMT") == true)
            // Control API resets the windows.
            #expect(try await h.request(.DELETE, "/-/sim/rate-limits").status == 204)
            #expect(try await h.get("/user", token: token).status == 200)
        }
    }

    @Test func applicationLimitOnNoteCreation() async throws {
        try await SimHarness.with(json: Self.world) { h async throws in
            let token = "glpat-rate-limit-test-01"
            for _ in 1 ... 2 {
                #expect(try await h.request(.POST, "/projects/1/merge_requests/1/notes", token: token, json: #"{"body":"x"}"#).status == 201)
            }
            let third = try await h.request(.POST, "/projects/1/merge_requests/1/notes", token: token, json: #"{"body":"x"}"#)
            #expect(third.status == 429)
            #expect(third.json == ["message": ["error": "This endpoint has been requested too many times. Try again later."]])
        }
    }

    @Test func injectedStormAndRequestCounters() async throws {
        try await SimHarness.with() { h async throws in
            let set = try await h.request(.POST, "/-/sim/faults", json: #"{"rate_limit_storm":3,"storm_retry_after":2}"#)
            #expect(set.json["rate_limit_storm"] == 3)
            for _ in 1 ... 3 {
                let r = try await h.get("/user", token: Tok.picket)
                #expect(r.status == 429)
                #expect(r.header("Retry-After") == "2")
            }
            #expect(try await h.get("/user", token: Tok.picket).status == 200)
            #expect(try await h.request(.DELETE, "/-/sim/requests").status == 204)
            _ = try await h.get("/groups/acme/projects?include_subgroups=true", token: Tok.picket)
            _ = try await h.get("/groups/10/projects", token: Tok.picket)
            _ = try await h.get("/projects/101", token: Tok.picket)
            let log = try await h.get("/-/sim/requests")
            #expect(log.json["counts"]?["GET /groups/:id/projects"] == 2)
            #expect(log.json["counts"]?["GET /projects/:id"] == 1)
            #expect(log.json["total"] == 3)
            #expect(!log.text.contains(Tok.picket))
        }
    }
}
