import Foundation
import PicketCore
@testable import PicketServer
@testable import PicketStore
import Testing

@Suite("Users, sessions, CSRF, roles, API tokens")
struct AuthTests {
    @Test("the first administrator's one-time password: generated once, stored hashed, changed at first sign-in")
    func firstAdmin() async throws {
        try await PlatformHarness.with(.sqlite, workers: 0) { h in
            let password = try #require(try await h.platform.bootstrapAdmin())
            #expect(password.count >= 20)
            #expect(try await h.platform.bootstrapAdmin() == nil, "only once")
            // Hashed at rest: the password is nowhere in the database file.
            guard case .sqlite(let path) = h.database.location else { return }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path)) + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
            #expect(bytes.range(of: Data(password.utf8)) == nil)

            let c = TestClient(base: h.baseURL)
            defer { Task { await c.shutdown() } }
            let login = try await c.login("admin", password)
            #expect(login.status == 303)
            let session = try #require(login.headers("Set-Cookie").first { $0.hasPrefix("picket_session=") })
            #expect(session.contains("HttpOnly"))
            #expect(session.contains("SameSite=Lax"))
            #expect(!session.contains("Secure"), "plain-http server: no Secure flag")
            // Every page sends the user to the password page until the password is changed.
            let findings = try await c.get("/findings")
            #expect(findings.status == 303)
            #expect(findings.header("Location") == "/account/password")
            let page = try await c.get("/account/password")
            #expect(page.status == 200)
            let csrf = try #require(page.csrf)
            let tooShort = try await c.postForm("/account/password", [("_csrf", csrf), ("current", password), ("new", "short"), ("confirm", "short")])
            #expect(tooShort.body.contains("at least 12"))
            let changed = try await c.postForm("/account/password", [("_csrf", csrf), ("current", password),
                                                                     ("new", "a much better passphrase"), ("confirm", "a much better passphrase")])
            #expect(changed.status == 303)
            #expect(try await c.get("/findings").status == 200)
            #expect(try await h.store.authenticate(username: "admin", password: password) == nil)
        }
    }

    @Test("sign-in: wrong password refused, pages need a session, redirects stay on this site")
    func signIn() async throws {
        try await PlatformHarness.with(.sqlite, workers: 0) { h in
            _ = try await h.makeAdmin()
            let c = TestClient(base: h.baseURL)
            defer { Task { await c.shutdown() } }
            let anon = try await c.get("/findings?severity=high")
            #expect(anon.status == 303)
            #expect(anon.header("Location") == "/login?next=%2Ffindings%3Fseverity%3Dhigh")
            #expect(try await c.login("root-admin", "wrong password").status == 401)
            #expect(c.cookies["picket_session"] == nil)
            // The login form itself is CSRF-protected.
            let noToken = try await c.postForm("/login", [("username", "root-admin"), ("password", "correct horse battery")])
            #expect(noToken.status == 403)
            let page = try await c.get("/login")
            let evil = try await c.postForm("/login", [("_csrf", page.csrf ?? ""), ("username", "root-admin"),
                                                       ("password", "correct horse battery"), ("next", "//evil.example/")])
            #expect(evil.status == 303)
            #expect(evil.header("Location") == "/")
            #expect(try await c.get("/findings").status == 200)
        }
    }

    @Test("behind an https public URL the session cookie is Secure")
    func secureCookie() async throws {
        try await PlatformHarness.with(.sqlite, workers: 0, publicURL: "https://picket.example.test") { h in
            _ = try await h.makeAdmin()
            let c = TestClient(base: h.baseURL)
            defer { Task { await c.shutdown() } }
            let login = try await c.login("root-admin", "correct horse battery")
            let cookie = try #require(login.headers("Set-Cookie").first { $0.hasPrefix("picket_session=") })
            #expect(cookie.contains("Secure"))
        }
    }

    @Test("every form needs this session's CSRF token")
    func csrf() async throws {
        try await PlatformHarness.with(.sqlite, workers: 0) { h in
            _ = try await h.makeAdmin()
            let ws = try await h.store.createWorkspace(NewWorkspace(name: "w", gitlabURL: "http://127.0.0.1:9", groupPath: "g"))
            let c = TestClient(base: h.baseURL)
            defer { Task { await c.shutdown() } }
            _ = try await c.login("root-admin", "correct horse battery")
            let token = try await c.csrf()
            let forms: [String] = ["/workspaces/\(ws.id)/settings", "/workspaces/\(ws.id)/sync", "/findings/ignore", "/account/tokens", "/logout", "/users"]
            for path in forms {
                let none = try await c.postForm(path, [("gate", "low"), ("name", "x"), ("reason", "r"), ("id", "1")])
                #expect(none.status == 403, "\(path) without a token: \(none.status)")
                let forged = try await c.postForm(path, [("_csrf", String(token.reversed())), ("gate", "low")])
                #expect(forged.status == 403, "\(path) with a wrong token: \(forged.status)")
            }
            // Another session's token does not work here.
            let other = TestClient(base: h.baseURL)
            defer { Task { await other.shutdown() } }
            _ = try await other.login("root-admin", "correct horse battery")
            let otherToken = try await other.csrf()
            #expect(otherToken != token)
            #expect(try await c.postForm("/workspaces/\(ws.id)/settings", [("_csrf", otherToken), ("gate", "low")]).status == 403)
            let ok = try await c.postForm("/workspaces/\(ws.id)/settings", [("_csrf", token), ("gate", "low"), ("schedule", "6h")])
            #expect(ok.status == 200, "\(ok.body.prefix(300))")
            let updated = try await h.store.workspace(ws.id)
            #expect(updated.gateSeverity == .low)
            #expect(updated.schedule == "6h")
        }
    }

    @Test("viewers read but change nothing, in the dashboard and the API")
    func viewer() async throws {
        try await PlatformHarness.with(.sqlite, workers: 0) { h in
            let viewer = try await h.store.createUser(username: "vera", password: "viewer password 1", role: .viewer, displayName: nil)
            let ws = try await h.store.createWorkspace(NewWorkspace(name: "w", gitlabURL: "http://127.0.0.1:9", groupPath: "g"))
            let c = TestClient(base: h.baseURL)
            defer { Task { await c.shutdown() } }
            _ = try await c.login("vera", "viewer password 1")
            #expect(try await c.get("/findings").status == 200)
            #expect(try await c.get("/workspaces/\(ws.id)").status == 200)
            let token = try await c.csrf()
            #expect(try await c.postForm("/workspaces/\(ws.id)/settings", [("_csrf", token), ("gate", "low")]).status == 403)
            #expect(try await c.postForm("/findings/ignore", [("_csrf", token), ("id", "1"), ("reason", "x")]).status == 403)
            #expect(try await c.get("/setup").status == 403)
            #expect(try await c.get("/users").status == 403)
            let api = try await h.apiToken(for: viewer)
            let a = TestClient(base: h.baseURL)
            defer { Task { await a.shutdown() } }
            let auth = [("Authorization", "Bearer \(api)")]
            #expect(try await a.get("/api/v1/workspaces", headers: auth).status == 200)
            let patch = try await a.postJSON("/api/v1/workspaces/\(ws.id)", ["gateSeverity": "low"], headers: auth, method: .PATCH)
            #expect(patch.status == 403)
            #expect(try await h.store.workspace(ws.id).gateSeverity == .high)
        }
    }

    @Test("API tokens: Bearer only, stored hashed, revocable; session calls that change things need the CSRF header")
    func apiTokens() async throws {
        try await PlatformHarness.with(.sqlite, workers: 0) { h in
            let admin = try await h.makeAdmin()
            let ws = try await h.store.createWorkspace(NewWorkspace(name: "w", gitlabURL: "http://127.0.0.1:9", groupPath: "g"))
            let c = TestClient(base: h.baseURL)
            defer { Task { await c.shutdown() } }
            let anonymous = try await c.get("/api/v1/workspaces")
            #expect(anonymous.status == 401)
            #expect(anonymous.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            #expect(try await c.get("/api/v1/workspaces", headers: [("Authorization", "Bearer pkt_not-a-token")]).status == 401)
            #expect(try await c.get("/api/v1/workspaces", headers: [("Authorization", "Basic YWRtaW46eA==")]).status == 401)

            // Created in the dashboard, shown once.
            _ = try await c.login("root-admin", "correct horse battery")
            let created = try await c.postForm("/account/tokens", [("_csrf", try await c.csrf()), ("name", "ci")])
            let start = try #require(created.body.range(of: "<pre id=\"new-token\">"))
            let rest = created.body[start.upperBound...]
            let token = String(rest[..<(rest.firstIndex(of: "<") ?? rest.endIndex)])
            #expect(token.hasPrefix("pkt_"))
            #expect(!(try await c.get("/account")).body.contains(token), "never shown again")
            let bearer = TestClient(base: h.baseURL)
            defer { Task { await bearer.shutdown() } }
            let me = try await bearer.get("/api/v1/me", headers: [("Authorization", "Bearer \(token)")])
            #expect(me.status == 200)
            #expect(me.object["username"] as? String == "root-admin")
            let patched = try await bearer.postJSON("/api/v1/workspaces/\(ws.id)", ["gateSeverity": "critical"],
                                                    headers: [("Authorization", "Bearer \(token)")], method: .PATCH)
            #expect(patched.status == 200, "\(patched.body)")
            #expect(patched.object["gateSeverity"] as? String == "critical")

            // The session (cookie) may read the API, but changes need X-CSRF-Token.
            #expect(try await c.get("/api/v1/me").status == 200)
            let noHeader = try await c.postJSON("/api/v1/workspaces/\(ws.id)", ["gateSeverity": "low"], method: .PATCH)
            #expect(noHeader.status == 403)
            let withHeader = try await c.postJSON("/api/v1/workspaces/\(ws.id)", ["gateSeverity": "low"],
                                                  headers: [("X-CSRF-Token", try await c.csrf())], method: .PATCH)
            #expect(withHeader.status == 200)

            // Revoked tokens stop working.
            let record = try #require(try await h.store.apiTokens(userID: admin.id).first)
            try await h.store.revokeAPIToken(record.id)
            #expect(try await bearer.get("/api/v1/me", headers: [("Authorization", "Bearer \(token)")]).status == 401)
        }
    }
}
