import Foundation
@testable import PicketStore
import Testing

@Suite("Accounts, sessions and API tokens")
struct AccountTests {
    @Test("users: PBKDF2 hashes, authentication, roles, last admin protected", arguments: Backend.allCases)
    func users(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let admin = try await store.createUser(username: "Dana", password: "correct horse battery", role: .admin, displayName: "Dana D.")
            let viewer = try await store.createUser(username: "vic", password: "another long password", role: .viewer, displayName: nil)
            await #expect(throws: StoreError.self) { try await store.createUser(username: "dana", password: "whatever is long", role: .viewer, displayName: nil) }
            await #expect(throws: StoreError.self) { try await store.createUser(username: "short", password: "tiny", role: .viewer, displayName: nil) }
            await #expect(throws: StoreError.self) { try await store.createUser(username: "bad name!", password: "long enough pw", role: .viewer, displayName: nil) }

            let stored = try await store.database.read { ex in try await ex.queryFirst("SELECT password_hash FROM users WHERE id = ?", [.int(admin.id)])?.text("password_hash") }
            let hash = try #require(stored)
            #expect(hash.hasPrefix("pbkdf2-sha256$600000$"))
            #expect(!hash.contains("correct horse"))

            #expect(try await store.authenticate(username: "DANA", password: "correct horse battery")?.id == admin.id)
            #expect(try await store.authenticate(username: "dana", password: "wrong password!!") == nil)
            #expect(try await store.authenticate(username: "nobody", password: "correct horse battery") == nil)
            #expect(try await store.user(admin.id).lastLoginAt != nil)

            // The only admin cannot be demoted or disabled.
            await #expect(throws: StoreError.self) { try await store.updateUser(admin.id, role: .viewer) }
            _ = try await store.updateUser(viewer.id, disabled: true)
            #expect(try await store.authenticate(username: "vic", password: "another long password") == nil)
            try await store.setPassword(userID: admin.id, password: "a brand new password")
            #expect(try await store.authenticate(username: "dana", password: "correct horse battery") == nil)
            #expect(try await store.authenticate(username: "dana", password: "a brand new password") != nil)
            #expect(try await store.users().map(\.username) == ["Dana", "vic"])
        }
    }

    @Test("sessions are stored hashed, expire, and end with the user", arguments: Backend.allCases)
    func sessions(_ backend: Backend) async throws {
        let clock = ManualClock()
        try await StoreFixture.withStore(backend, options: StoreOptions(now: clock.function)) { store, _ in
            let u = try await store.createUser(username: "dana", password: "correct horse battery", role: .admin, displayName: nil)
            let s = try await store.createSession(userID: u.id, lifetime: 3600)
            #expect(s.sessionID.count >= 40)
            let raw = try await store.database.read { ex in try await ex.query("SELECT id_hash FROM sessions") }
            #expect(try raw.map { try $0.text("id_hash") } == [SecretToken.hash(s.sessionID)])
            #expect(try await store.session(id: s.sessionID)?.user.id == u.id)
            #expect(try await store.session(id: s.sessionID + "x") == nil)
            clock.advance(3601)
            #expect(try await store.session(id: s.sessionID) == nil)
            #expect(try await store.deleteExpiredSessions() == 1)
            let s2 = try await store.createSession(userID: u.id, lifetime: 3600)
            try await store.deleteSession(id: s2.sessionID)
            #expect(try await store.session(id: s2.sessionID) == nil)
        }
    }

    @Test("API tokens: shown once, stored as SHA-256, revocable, expiring", arguments: Backend.allCases)
    func apiTokens(_ backend: Backend) async throws {
        let clock = ManualClock()
        try await StoreFixture.withStore(backend, options: StoreOptions(now: clock.function)) { store, _ in
            let u = try await store.createUser(username: "ci-bot", password: "correct horse battery", role: .viewer, displayName: nil)
            let t = try await store.createAPIToken(userID: u.id, name: "CI", scopes: ["read", "findings:write"], expiresAt: clock.now.addingTimeInterval(86_400))
            #expect(t.token.hasPrefix("pkt_"))
            #expect(t.record.prefix == String(t.token.prefix(12)))
            let dump = try await store.database.read { ex in try await ex.query("SELECT * FROM api_tokens") }
            for row in dump { for v in row.values { if case .text(let s) = v { #expect(s != t.token && !s.contains(String(t.token.dropFirst(12)))) } } }
            let auth = try #require(try await store.authenticateAPIToken(t.token))
            #expect(auth.user.id == u.id)
            #expect(auth.credential.scopes == ["read", "findings:write"])
            #expect(auth.credential.lastUsedAt == clock.now)
            #expect(try await store.authenticateAPIToken("pkt_" + String(repeating: "A", count: 43)) == nil)
            clock.advance(86_401)
            #expect(try await store.authenticateAPIToken(t.token) == nil, "expired")
            let t2 = try await store.createAPIToken(userID: u.id, name: "CI 2", scopes: [], expiresAt: nil)
            #expect(try await store.authenticateAPIToken(t2.token) != nil)
            try await store.revokeAPIToken(t2.record.id)
            #expect(try await store.authenticateAPIToken(t2.token) == nil, "revoked")
            #expect(try await store.apiTokens(userID: u.id).map(\.name) == ["CI", "CI 2"])
        }
    }
}
