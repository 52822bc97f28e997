import NIOHTTP1
import Foundation
import PicketCore
@testable import PicketGitLab
import PicketTestSupport
import Testing

/// Every step of the setup check against the simulated GitLab, with the exact text users see.
@Suite struct ConnectionCheckTests {
    typealias Tok = SimHarness.Tok

    func status(_ r: CheckReport) -> [CheckStep: CheckStatus] {
        Dictionary(uniqueKeysWithValues: r.results.map { ($0.step, $0.status) })
    }

    @Test func serviceAccountMaintainerPassesEveryStep() async throws {
        try await SimHarness.with { h in
            let r = try await h.check(Tok.service, group: "acme")
            #expect(r.results.map(\.step) == CheckStep.allCases)
            let m = Dictionary(uniqueKeysWithValues: r.results.map { ($0.step, $0.message) })
            #expect(m[.url] == "GitLab 17.9.2-ee answers at \(h.url)")
            #expect(m[.token] == "token 'picket' (id 1) is active")
            #expect(m[.scopes] == "scopes: api (api gives Picket everything it uses)")
            #expect(m[.expiry] == "the token never expires")
            #expect(m[.account] == "the token acts as 'service_account_group_10_picket', a service account")
            #expect(m[.group] == "group 'ACME' (acme, id 10)")
            #expect(m[.role] == "'service_account_group_10_picket' is Maintainer (40) in 'acme'")
            #expect(m[.tier] == "GitLab does not show the tier of 'acme' to this account (only its Owners see it); service accounts need Premium or Ultimate")
            #expect(m[.projects] == "the account sees 5 projects in 'acme' and its subgroups (archived ones not counted)")
            #expect(m[.git] == "git can read 'acme/platform/backend/payments/payments-api' over HTTP (1 branch)")
            #expect(r.results.allSatisfy { $0.status == .pass }, "\(r.results)")
            #expect(r.passed)
            #expect(r.facts.user?.kind == .serviceAccount)
            #expect(r.facts.membership?.accessLevel == 40)
        }
    }

    @Test func wrongURLIsNotGitLab() async throws {
        try await SimHarness.with { h in
            let r = try await h.check(Tok.service, group: "acme", url: h.url + "/gitlab")
            let step = try #require(r.result(.url))
            #expect(step.status == .fail)
            #expect(step.message.hasPrefix("\(h.url)/gitlab answers, but not as GitLab's API (GET /api/v4/version returned 404"), "\(step.message)")
            #expect(step.fix == "Use the address you open GitLab at in a browser, including any path prefix (e.g. https://git.example.org/gitlab), without /api/v4 or a group path.")
            #expect(r.result(.token)?.message == "not checked: GitLab does not answer at \(h.url)/gitlab")
            #expect(!r.passed)
        }
    }

    @Test func nothingListeningIsRefused() async throws {
        let port = BackgroundProcess.freePort()
        let c = ConnectionChecker(configuration: try GitLabClientConfiguration.make(url: "http://127.0.0.1:\(port)", environment: [:]),
                                  token: GitLabToken(Tok.service)!, groupPath: "acme")
        let r = await c.run()
        #expect(r.result(.url)?.message == "connection to 127.0.0.1:\(port) refused; check the URL's host and port and that GitLab is running")
        #expect(r.result(.url)?.status == .fail)
    }

    @Test func plainHTTPToARemoteHostIsRefusedBeforeSendingTheToken() async throws {
        let c = ConnectionChecker(configuration: try GitLabClientConfiguration.make(url: "http://gitlab.example.org", environment: [:]),
                                  token: GitLabToken(Tok.service)!, groupPath: "acme")
        let r = await c.run()
        #expect(r.result(.url)?.message == "http://gitlab.example.org is plain HTTP: the token would cross the network in clear text")
        #expect(r.result(.url)?.fix == "Use the https:// address of your GitLab instance.")
    }

    @Test func unknownExpiredAndRevokedTokens() async throws {
        try await SimHarness.with { h in
            let unknown = try await h.check("glpat-NotKnownAnywhere0001", group: "acme")
            #expect(unknown.result(.token)?.status == .fail)
            #expect(unknown.result(.token)?.message == "GitLab does not accept this token (401 Unauthorized): it is unknown to \(h.url), mistyped, or deleted")
            #expect(unknown.result(.token)?.fix?.hasPrefix("Check that the token was created on this GitLab instance and copied whole") == true)
            #expect(unknown.result(.scopes)?.message == "not checked: the token is not usable")

            let expired = try await h.check(Tok.expired, group: "acme")
            #expect(expired.result(.token)?.message == "GitLab says this token is expired")
            #expect(expired.result(.token)?.fix == ConnectionChecker.newTokenFix)

            let revoked = try await h.check(Tok.revoked, group: "acme")
            #expect(revoked.result(.token)?.message == "GitLab says this token was revoked")
            #expect(!revoked.passed && !expired.passed && !unknown.passed)
        }
    }

    @Test func readUserOnlyFailsAndReadOnlyWarnsWithWhatIsLost() async throws {
        try await SimHarness.with { h in
            let ru = try await h.check(Tok.readUser, group: "acme")
            #expect(ru.result(.scopes)?.status == .fail)
            #expect(ru.result(.scopes)?.message == "scopes: read_user: this token cannot read projects or code")
            #expect(ru.result(.group)?.status == .skip)
            #expect(!ru.passed)

            let ro = try await h.check(Tok.readOnly, group: "acme")
            #expect(ro.result(.scopes)?.status == .warn)
            #expect(ro.result(.scopes)?.message == "scopes: read_api, read_repository: read-only — Picket can list and scan projects, but cannot create webhooks (no scan on push or merge request), post merge request notes, or set commit statuses")
            #expect(ro.result(.expiry)?.message == "the token expires on 2099-01-01 at 00:00 UTC, in \(Int(TokenInfo.midnightUTC("2099-01-01")!.timeIntervalSinceNow / 86_400)) days")
            #expect(ro.result(.git)?.status == .pass)
            #expect(ro.passed, "read-only works, with a warning")
        }
    }

    @Test func tokenExpiringWithinThirtyDaysWarns() async throws {
        try await SimHarness.with { h in
            let now = Date()
            let date = ISO8601DateFormatter.string(from: now.addingTimeInterval(12 * 86_400), timeZone: TimeZone(identifier: "UTC")!,
                                                   formatOptions: [.withFullDate])
            let (status, _) = try await h.control(HTTPMethod.POST, "tokens", json: #"{"user":"service_account_group_10_picket","scopes":["api"],"expires_at":"\#(date)","value":"glpat-TestSoonExpiringTok1","name":"soon"}"#)
            #expect(status == 201)
            let r = try await h.check("glpat-TestSoonExpiringTok1", group: "acme", now: now)
            let days = Int(TokenInfo.midnightUTC(date)!.timeIntervalSince(now) / 86_400)
            #expect(r.result(.expiry)?.status == .warn)
            #expect(r.result(.expiry)?.message == "the token expires on \(date) at 00:00 UTC, in \(days) days")
            #expect(r.result(.expiry)?.fix?.hasPrefix("Rotate it with 'picket gitlab token rotate'") == true)
            #expect(r.passed)
        }
    }

    @Test func developerAndReporterWarnWithWhatFailsAndGuestFails() async throws {
        try await SimHarness.with { h in
            let dev = try await h.check(Tok.developer, group: "acme/web")
            #expect(dev.result(.role)?.status == .warn)
            #expect(dev.result(.role)?.message == "'bob' is Developer (30) in 'acme/web': scanning works, but Picket cannot create project webhooks (Maintainer), so pushes and merge requests are not scanned automatically")
            #expect(dev.result(.role)?.fix == "Group > Manage > Members: find 'bob' and set the role to Maintainer (or invite it with that role).")
            #expect(dev.result(.account)?.status == .warn)
            #expect(dev.passed)

            let rep = try await h.check(Tok.reporter, group: "acme/web")
            #expect(rep.result(.role)?.message == "'carol' is Reporter (20) in 'acme/web': scanning works, but Picket cannot create project webhooks (Maintainer), so pushes and merge requests are not scanned automatically, or set commit statuses (Developer)")

            let guest = try await h.check(Tok.guest, group: "acme")
            #expect(guest.result(.role)?.status == .fail)
            #expect(guest.result(.role)?.message == "'dave' is Guest (10) in 'acme': it cannot read the code of private projects (Reporter is the least that can; Picket needs Maintainer)")
            #expect(!guest.passed)

            let outsider = try await h.check(Tok.freeHuman, group: "acme")
            #expect(outsider.result(.group)?.status == .fail)
            #expect(outsider.result(.group)?.message == "group 'acme' not found or not visible to this account")
        }
    }

    @Test func humanTokenOnAFreeGroupPointsToTheDedicatedUserPath() async throws {
        try await SimHarness.with { h in
            let r = try await h.check(Tok.freeHuman, group: "partners")
            #expect(r.result(.account)?.status == .warn)
            #expect(r.result(.account)?.message == "the token acts as 'frank', a person's account: the token leaves with the person (blocked, removed, or gone from the group)")
            #expect(r.result(.account)?.fix == "GitLab Free has no service accounts: create a dedicated user for Picket, give it a personal access token with the api scope, and invite it to the group as Maintainer.")
            #expect(r.result(.tier)?.message == "'partners' is on GitLab Free: service accounts need Premium or Ultimate; on Free, use a personal access token of a dedicated user")
            #expect(r.result(.role)?.message == "'frank' is Owner (50) in 'partners'")
            #expect(r.passed, "a person's token works; it is a warning")

            // The same kind of token on a Premium/Ultimate group points to a group service account instead.
            let onUltimate = try await h.check(Tok.developer, group: "acme/web")
            #expect(onUltimate.result(.account)?.fix?.hasPrefix("Create a group service account (Group > Settings > Service accounts > Add service account; Premium or Ultimate)") == true)
        }
    }

    @Test func missingGroup() async throws {
        try await SimHarness.with { h in
            let r = try await h.check(Tok.service, group: "acme/nope")
            #expect(r.result(.group)?.status == .fail)
            #expect(r.result(.group)?.message == "group 'acme/nope' not found or not visible to this account")
            #expect(r.result(.group)?.fix == "Check the path as it appears in the group's address (\(h.url)/acme/nope), and invite 'service_account_group_10_picket' to the group: Group > Manage > Members > Invite members, role Maintainer.")
            #expect(r.result(.role)?.message == "not checked: the group is not visible")
            #expect(!r.passed)
        }
    }

    @Test func groupAccessTokenBotIsAccepted() async throws {
        try await SimHarness.with { h in
            let r = try await h.check(Tok.groupBot, group: "acme")
            let account = try #require(r.result(.account))
            #expect(account.status == .pass)
            #expect(account.message.hasPrefix("the token acts as 'group_10_bot_"))
            #expect(account.message.hasSuffix("', the bot of a group access token (group 10)"))
            #expect(r.passed)
        }
    }
}
