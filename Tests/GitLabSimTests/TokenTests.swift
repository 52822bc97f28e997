import Foundation
import GitLabSimKit
import Testing

@Suite("Token introspection and rotation")
struct TokenTests {
    @Test func selfInformation() async throws {
        try await SimHarness.with() { h async throws in
            let r = try await h.get("/personal_access_tokens/self", token: Tok.picketRead)
            #expect(r.status == 200)
            #expect(r.json["id"] == 2)
            #expect(r.json["name"] == "picket-readonly")
            #expect(r.json["scopes"] == ["read_api", "read_repository"])
            #expect(r.json["expires_at"] == "2030-01-01")
            #expect(r.json["active"] == true)
            #expect(r.json["revoked"] == false)
            #expect(r.json["user_id"] == 6)
            #expect(r.json["last_used_ips"] == ["127.0.0.1"])
            #expect(try await h.get("/personal_access_tokens/self", token: Tok.picket).json["expires_at"] == .null)
        }
    }

    @Test func rotationRevokesTheOldTokenAtOnce() async throws {
        try await SimHarness.with() { h async throws in
            let r = try await h.request(.POST, "/personal_access_tokens/self/rotate", token: Tok.aliceAPI)
            #expect(r.status == 200)
            guard case .string(let newToken)? = r.json["token"] else { Issue.record("no token in \(r.text)"); return }
            #expect(newToken.hasPrefix("glpat-"))
            #expect(r.json["name"] == "alice-api")
            #expect(r.json["active"] == true)
            #expect(r.json["expires_at"]?.stringValue?.count == 10)
            let old = try await h.get("/user", token: Tok.aliceAPI)
            #expect(old.status == 401)
            #expect(old.json["error_description"] == "Token was revoked. You have to re-authorize from the user.")
            // Using the revoked token again revoked the whole family, including the new token (reuse detection).
            let new = try await h.get("/user", token: newToken)
            #expect(new.status == 401)
        }
    }

    @Test func rotationWithExpiryAndWithoutScope() async throws {
        try await SimHarness.with() { h async throws in
            let denied = try await h.request(.POST, "/personal_access_tokens/self/rotate", token: Tok.picketRead)
            #expect(denied.status == 403)
            #expect(denied.json["scope"] == "api self_rotate")
            let f = DateFormatter()
            f.dateFormat = "yyyy-MM-dd"
            f.timeZone = TimeZone(identifier: "UTC")
            let date = f.string(from: Date().addingTimeInterval(30 * 86_400))
            let tooLate = f.string(from: Date().addingTimeInterval(400 * 86_400))
            #expect(try await h.request(.POST, "/personal_access_tokens/self/rotate", token: Tok.bob, json: #"{"expires_at":"\#(tooLate)"}"#).status == 400)
            let r = try await h.request(.POST, "/personal_access_tokens/self/rotate", token: Tok.bob, json: #"{"expires_at":"\#(date)"}"#)
            #expect(r.status == 200)
            #expect(r.json["expires_at"] == .string(date))
            let newToken = r.json["token"]?.stringValue ?? ""
            #expect(try await h.get("/user", token: newToken).json["username"] == "bob")
            #expect(try await h.get("/personal_access_tokens/self", token: newToken).json["name"] == "bob-api")
        }
    }

    @Test func resourceTokensRotateThroughTheirResource() async throws {
        try await SimHarness.with() { h async throws in
            // A PAT of a human cannot use the group variant.
            #expect(try await h.request(.POST, "/groups/acme%2Fweb/access_tokens/self/rotate", token: Tok.carol).status == 405)
            let r = try await h.request(.POST, "/groups/acme%2Fweb/access_tokens/self/rotate", token: Tok.webBot)
            #expect(r.status == 200)
            #expect(r.json["access_level"] == 30)
            #expect(r.json["resource_type"] == "group")
            let me = try await h.get("/user", token: r.json["token"]?.stringValue)
            #expect(me.json["bot"] == true)
            #expect(me.json["username"]?.stringValue?.hasPrefix("group_14_bot_") == true)
            #expect(try await h.get("/groups/acme%2Fweb", token: Tok.webBot).status == 401)
        }
    }

    @Test func controlAPIMintsTokens() async throws {
        try await SimHarness.with() { h async throws in
            let minted = try await h.request(.POST, "/-/sim/tokens", json: #"{"user":"carol","scopes":["read_api"],"expires_at":"2031-01-01"}"#)
            #expect(minted.status == 201)
            let value = minted.json["token"]?.stringValue ?? ""
            #expect(try await h.get("/user", token: value).json["username"] == "carol")
            #expect(try await h.request(.POST, "/projects/103/merge_requests/1/notes", token: value, json: #"{"body":"x"}"#).status == 403)
            let listed = try await h.get("/-/sim/tokens")
            #expect(!listed.text.contains(value))
        }
    }

    @Test func associationsListGroupsAndProjects() async throws {
        try await SimHarness.with() { h async throws in
            let r = try await h.get("/personal_access_tokens/self/associations", token: Tok.bob)
            let groups = r.json["groups"]?.arrayValue ?? []
            #expect(groups.compactMap { $0["id"]?.intValue }.sorted() == [11, 12, 13])
            #expect(groups.allSatisfy { $0["access_levels"] == 30 })
            let projects = r.json["projects"]?.arrayValue ?? []
            #expect(Set(projects.compactMap { $0["id"]?.intValue }) == [101, 102, 104])
        }
    }
}
