import Foundation
import NIOHTTP1
import PicketCore
@testable import PicketGitLab
import PicketTestSupport
import Testing

/// Self-rotation through GitLab's endpoints: the new token is in the vault, the old one is dead.
@Suite struct TokenRotationTests {
    typealias Tok = SimHarness.Tok

    func storeChecked(_ h: SimHarness, token: String, group: String, data: DataDirectory) async throws -> TokenVault {
        let report = try await h.check(token, group: group, probeGit: false)
        #expect(report.passed)
        let vault = try TokenVault(dataDirectory: data, environment: [:])
        try vault.store(h.token(token), url: h.url, group: group,
                        metadata: TokenRecord.Metadata(info: try #require(report.facts.token), user: report.facts.user))
        return vault
    }

    @Test func serviceAccountTokenRotatesAndTheOldOneIsRevoked() async throws {
        try await SimHarness.with { h in
            let dir = try TestEnvironment.makeTemporaryDirectory("picket-rotate")
            defer { TestEnvironment.remove(dir) }
            let vault = try await storeChecked(h, token: Tok.service, group: "acme", data: DataDirectory(path: dir))
            let outcome = try await TokenRotator(vault: vault, configuration: try h.configuration()).rotate()
            #expect(outcome.previousTokenID == 1)
            #expect(outcome.verified)
            let (record, newToken) = try #require(try vault.load())
            #expect(newToken.reveal != Tok.service)
            #expect(record.metadata.tokenID == outcome.record.metadata.tokenID && record.metadata.tokenID != 1)
            #expect(record.metadata.rotatedAt != nil)
            #expect(record.metadata.expiresAt != nil, "GitLab requires an expiry on rotation by default (one week)")
            #expect(record.metadata.owner?.kind == .serviceAccount)

            let user = try await h.withClient(newToken.reveal) { try await $0.currentUser() }
            #expect(user.username == "service_account_group_10_picket")
            try await h.withClient(Tok.service) { c in
                await #expect(throws: GitLabError.tokenRevoked) { _ = try await c.currentUser() }
            }
        }
    }

    @Test func groupAccessTokenRotatesThroughTheGroupEndpoint() async throws {
        try await SimHarness.with { h in
            let dir = try TestEnvironment.makeTemporaryDirectory("picket-rotate")
            defer { TestEnvironment.remove(dir) }
            let vault = try await storeChecked(h, token: Tok.groupBot, group: "acme", data: DataDirectory(path: dir))
            #expect(try vault.load()?.record.metadata.owner?.kind == .groupBot(groupID: 10))
            try await h.control(.DELETE, "requests")
            let date = ISO8601DateFormatter.string(from: Date().addingTimeInterval(100 * 86_400), timeZone: TimeZone(identifier: "UTC")!,
                                                   formatOptions: [.withFullDate])
            let outcome = try await TokenRotator(vault: vault, configuration: try h.configuration(), log: nil).rotate(expiresAt: date)
            #expect(outcome.record.metadata.expiresAt == date)
            let counts = try await h.requestCounts().counts
            #expect(counts["POST /groups/:id/access_tokens/self/rotate"] == 1, "\(counts)")
            #expect(counts["POST /personal_access_tokens/self/rotate"] == nil)
            try await h.withClient(Tok.groupBot) { c in
                await #expect(throws: GitLabError.tokenRevoked) { _ = try await c.tokenSelf() }
            }
        }
    }

    @Test func automaticRotationOnlyWhenExpiryIsNear() async throws {
        try await SimHarness.with { h in
            let dir = try TestEnvironment.makeTemporaryDirectory("picket-rotate")
            defer { TestEnvironment.remove(dir) }
            let soon = ISO8601DateFormatter.string(from: Date().addingTimeInterval(10 * 86_400), timeZone: TimeZone(identifier: "UTC")!,
                                                   formatOptions: [.withFullDate])
            let (status, _) = try await h.control(.POST, "tokens", json: #"{"user":"service_account_group_10_picket","scopes":["api"],"expires_at":"\#(soon)","value":"glpat-TestRotateSoonTok001","name":"soon"}"#)
            #expect(status == 201)
            let vault = try await storeChecked(h, token: "glpat-TestRotateSoonTok001", group: "acme", data: DataDirectory(path: dir))
            let rotator = TokenRotator(vault: vault, configuration: try h.configuration())
            #expect(try await rotator.rotateIfExpiring(withinDays: 5) == nil, "10 days left, threshold 5: nothing to do")
            #expect(try vault.load()?.token.reveal == "glpat-TestRotateSoonTok001")
            let outcome = try #require(try await rotator.rotateIfExpiring(withinDays: 30))
            #expect(outcome.verified)
            #expect(try vault.load()?.token.reveal != "glpat-TestRotateSoonTok001")
        }
    }

    @Test func rotationRefusedByScopeLeavesTheStoredTokenAlone() async throws {
        try await SimHarness.with { h in
            let dir = try TestEnvironment.makeTemporaryDirectory("picket-rotate")
            defer { TestEnvironment.remove(dir) }
            let vault = try await storeChecked(h, token: Tok.readOnly, group: "acme", data: DataDirectory(path: dir))
            do {
                _ = try await TokenRotator(vault: vault, configuration: try h.configuration()).rotate()
                Issue.record("a read_api token cannot rotate itself")
            } catch {
                #expect("\(error)" == "GitLab answered 403: self-rotation needs the api or self_rotate scope; rotate the token in GitLab and store the new one with 'picket gitlab token set'")
            }
            #expect(try vault.load()?.token.reveal == Tok.readOnly)
        }
    }
}
