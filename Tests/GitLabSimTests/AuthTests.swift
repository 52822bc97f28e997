import Foundation
import GitLabSimKit
import Testing

@Suite("Authentication and error bodies")
struct AuthTests {
    @Test func missingAndUnknownTokensGet401() async throws {
        try await SimHarness.with() { h async throws in
            for token in [nil, "glpat-doesnotexist000000"] as [String?] {
                let r = try await h.get("/user", token: token)
                #expect(r.status == 401)
                #expect(r.json == ["message": "401 Unauthorized"])
            }
        }
    }

    @Test func tokenPlacesAreAllAccepted() async throws {
        try await SimHarness.with() { h async throws in
            let header = try await h.get("/user", token: Tok.picket)
            let bearer = try await h.get("/user", headers: [("Authorization", "Bearer \(Tok.picket)")])
            let query = try await h.get("/user?private_token=\(Tok.picket)")
            for r in [header, bearer, query] {
                #expect(r.status == 200)
                #expect(r.json["username"] == "service_account_group_10_picket")
                #expect(r.json["bot"] == true)
            }
        }
    }

    @Test func expiredAndRevokedTokensGetOAuthBodies() async throws {
        try await SimHarness.with() { h async throws in
            let expired = try await h.get("/projects/101", token: Tok.bobExpired)
            #expect(expired.status == 401)
            #expect(expired.json == ["error": "invalid_token",
                                     "error_description": "Token is expired. You can either do re-authorization or token refresh."])
            #expect(expired.header("WWW-Authenticate")?.contains("error=\"invalid_token\"") == true)
            let revoked = try await h.get("/projects/101", token: Tok.bobRevoked)
            #expect(revoked.status == 401)
            #expect(revoked.json == ["error": "invalid_token",
                                     "error_description": "Token was revoked. You have to re-authorize from the user."])
        }
    }

    @Test func scopesAreEnforcedPerEndpoint() async throws {
        try await SimHarness.with() { h async throws in
            // read_user: /user yes, group API no.
            #expect(try await h.get("/user", token: Tok.aliceReadUser).status == 200)
            let group = try await h.get("/groups/acme", token: Tok.aliceReadUser)
            #expect(group.status == 403)
            #expect(group.json == ["error": "insufficient_scope",
                                   "error_description": "The request requires higher privileges than provided by the access token.",
                                   "scope": "api read_api"])
            #expect(group.header("WWW-Authenticate") == nil)
            // read_api on a write endpoint: needs api.
            let write = try await h.request(.POST, "/projects/101/merge_requests/1/notes", token: Tok.picketRead, form: "body=x")
            #expect(write.status == 403)
            #expect(write.json["scope"] == "api")
            // Any scope may introspect itself.
            #expect(try await h.get("/personal_access_tokens/self", token: Tok.aliceReadUser).status == 200)
        }
    }

    @Test func notVisibleIs404AndForbiddenIs403() async throws {
        try await SimHarness.with() { h async throws in
            let hidden = try await h.get("/projects/101", token: Tok.erin)
            #expect(hidden.status == 404)
            #expect(hidden.json == ["message": "404 Project Not Found"])
            let hiddenGroup = try await h.get("/groups/acme%2Fplatform", token: Tok.erin)
            #expect(hiddenGroup.json == ["message": "404 Group Not Found"])
            // Anonymous: a private project is simply not there.
            #expect(try await h.get("/projects/101").status == 404)
            // Guest may see the project but not manage hooks or read code.
            #expect(try await h.get("/projects/101", token: Tok.dave).status == 200)
            let hooks = try await h.get("/projects/101/hooks", token: Tok.dave)
            #expect(hooks.status == 403)
            #expect(hooks.json == ["message": "403 Forbidden"])
            #expect(try await h.get("/projects/101/repository/branches", token: Tok.dave).status == 403)
            let route = try await h.get("/no/such/route", token: Tok.picket)
            #expect(route.status == 404)
            #expect(route.json == ["error": "404 Not Found"])
            let missingParam = try await h.request(.POST, "/projects/101/statuses/main", token: Tok.picket, form: "name=x")
            #expect(missingParam.status == 400)
            #expect(missingParam.json == ["error": "state is missing"])
            let badState = try await h.request(.POST, "/projects/101/statuses/main", token: Tok.picket, form: "state=great")
            #expect(badState.json == ["error": "state does not have a valid value"])
        }
    }

    @Test func versionAndMetadata() async throws {
        try await SimHarness.with() { h async throws in
            let v = try await h.get("/version", token: Tok.picket)
            #expect(v.json == ["version": "17.9.2-ee", "revision": "4c1d2a5f8e3"])
            #expect(try await h.get("/version").status == 401)
            #expect(try await h.get("/metadata", token: Tok.picket).json["enterprise"] == true)
        }
    }

    @Test func badWorldFilesNameTheField() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/world.yml"
        try "users:\n  - { username: a }\ntokens:\n  - { value: t1, user: nobody, scopes: [api] }\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect { try WorldLoader.load(path: file) } throws: { e in
            (e as? WorldError)?.description == "world.yml: tokens[0].user: no user \"nobody\""
        }
        try "projects:\n  - { path: x, namespace: nowhere }\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect { try WorldLoader.load(path: file) } throws: { e in
            (e as? WorldError)?.description == "world.yml: projects[0].namespace: no group or user \"nowhere\""
        }
        try "groups:\n  - { path: g, plann: free }\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: WorldError.self) { try WorldLoader.load(path: file) }
    }
}
