import Foundation
@testable import PicketGitLab
import Testing

/// Pure pieces of the client: URL handling, header parsing, backoff, proxy selection, dates.
@Suite struct ClientUnitTests {
    @Test func endpointParsing() throws {
        let a = try GitLabEndpoint(parsing: "https://gitlab.com/")
        #expect(a.baseURL == "https://gitlab.com")
        #expect(a.apiURL("/groups/acme%2Fplatform", query: [("per_page", "100")]) == "https://gitlab.com/api/v4/groups/acme%2Fplatform?per_page=100")
        let b = try GitLabEndpoint(parsing: "https://Git.Example.org:8443/gitlab/api/v4")
        #expect(b.baseURL == "https://git.example.org:8443/gitlab")
        #expect(b.gitURL(projectPath: "acme/sub/my project") == "https://git.example.org:8443/gitlab/acme/sub/my%20project.git")
        #expect(GitLabEndpoint.encodeID("acme/platform") == "acme%2Fplatform")
        #expect(throws: GitLabError.self) { _ = try GitLabEndpoint(parsing: "gitlab.com") }
        #expect(throws: GitLabError.self) { _ = try GitLabEndpoint(parsing: "https://user:glpat-x@gitlab.com") }
        #expect(try GitLabEndpoint(parsing: "http://127.0.0.1:8080").isLoopback)
        #expect(!(try GitLabEndpoint(parsing: "http://10.0.0.1").isLoopback))
    }

    @Test func linkHeader() {
        let link = #"<https://gitlab.example.com/api/v4/groups/1/projects?page=1&per_page=3>; rel="prev", <https://gitlab.example.com/api/v4/groups/1/projects?page=3&per_page=3>; rel="next", <https://gitlab.example.com/api/v4/groups/1/projects?page=1&per_page=3>; rel="first""#
        #expect(GitLabClient.nextLink(link) == "https://gitlab.example.com/api/v4/groups/1/projects?page=3&per_page=3")
        #expect(GitLabClient.nextLink(#"<https://h/api/v4/projects?id_after=42&pagination=keyset>; rel="next""#) == "https://h/api/v4/projects?id_after=42&pagination=keyset")
        #expect(GitLabClient.nextLink(#"<https://h/x?page=1>; rel="first""#) == nil)
        #expect(GitLabClient.nextLink(nil) == nil)
    }

    @Test func statisticsRoutes() {
        #expect(GitLabClient.route(.GET, "/projects/12/repository/branches/feature%2Fx") == "GET /projects/:id/repository/branches/:branch")
        #expect(GitLabClient.route(.GET, "/groups/acme%2Fweb") == "GET /groups/:id")
        #expect(GitLabClient.route(.GET, "/groups/10/members/all/6") == "GET /groups/:id/members/all/:id")
    }

    @Test func rateLimitHeaders() {
        let h: [String: String] = ["ratelimit-limit": "60", "ratelimit-remaining": "3", "ratelimit-reset": "1700000000", "retry-after": "17"]
        let rl = RateLimitHeaders(header: { h[$0] })
        #expect(rl.limit == 60 && rl.remaining == 3 && rl.retryAfter == 17)
        #expect(rl.resetAt == Date(timeIntervalSince1970: 1_700_000_000))
        let date = RateLimitHeaders(header: { $0 == "retry-after" ? "Tue, 05 Jan 2021 11:00:00 GMT" : nil })
        #expect(date.retryAfter == 0, "a date in the past means no wait")
    }

    @Test func backoffIsExponentialCappedAndNeverBeforeRetryAfter() {
        let p = RetryPolicy(maxAttempts: 8, baseDelay: 1, maxDelay: 30, jitter: 0.25)
        for retry in 1...10 {
            let d = p.delay(retry: retry, retryAfter: nil)
            let base = min(30, pow(2, Double(retry - 1)))
            #expect(d >= base && d <= base * 1.25 + 1e-9)
        }
        #expect(p.delay(retry: 1, retryAfter: 20) >= 20)
        #expect(p.delay(retry: 1, retryAfter: 20) <= 25)
    }

    @Test func proxyFromEnvironment() throws {
        let e = try GitLabEndpoint(parsing: "https://gitlab.example.org")
        #expect(try ProxySettings.fromEnvironment(["https_proxy": "http://proxy.internal:3128"], for: e) == ProxySettings(host: "proxy.internal", port: 3128))
        #expect(try ProxySettings.fromEnvironment(["HTTPS_PROXY": "proxy.internal:8080"], for: e) == ProxySettings(host: "proxy.internal", port: 8080))
        #expect(try ProxySettings.fromEnvironment(["https_proxy": "http://p:1", "no_proxy": "localhost,.example.org"], for: e) == nil)
        #expect(try ProxySettings.fromEnvironment(["https_proxy": "http://p:1", "no_proxy": "example.org"], for: e) == nil)
        #expect(try ProxySettings.fromEnvironment(["https_proxy": "http://p:1", "no_proxy": "*"], for: e) == nil)
        #expect(try ProxySettings.fromEnvironment(["https_proxy": "http://p:1", "no_proxy": "other.org"], for: e) != nil)
        #expect(try ProxySettings.fromEnvironment(["http_proxy": "http://p:1"], for: e) == nil, "http_proxy does not apply to https")
        #expect(throws: GitLabError.configuration("https_proxy: only http:// proxies are supported (CONNECT tunnel)")) {
            _ = try ProxySettings.fromEnvironment(["https_proxy": "socks5://p:1080"], for: e)
        }
    }

    @Test func expiryIsMidnightUTC() throws {
        let info = TokenInfo(id: 1, name: "t", scopes: ["api"], userId: 2, expiresAt: "2026-03-10")
        let instant = try #require(info.expiryInstant)
        #expect(instant == Date(timeIntervalSince1970: 1_773_100_800)) // 2026-03-10T00:00:00Z
        #expect(info.daysLeft(now: instant.addingTimeInterval(-86_400 * 3 - 1)) == 3)
        #expect(info.daysLeft(now: instant.addingTimeInterval(1))! < 0)
    }

    @Test func accountKinds() {
        #expect(GitLabUser(id: 1, username: "service_account_group_345_6018abc", bot: true).kind == .serviceAccount)
        #expect(GitLabUser(id: 1, username: "group_12_bot_9a8b7c", bot: true).kind == .groupBot(groupID: 12))
        #expect(GitLabUser(id: 1, username: "project_99_bot_1f2e", bot: true).kind == .projectBot(projectID: 99))
        #expect(GitLabUser(id: 1, username: "scanner-bot", bot: true).kind == .bot)
        #expect(GitLabUser(id: 1, username: "group_12_bot_9a8b7c", bot: false).kind == .human)
    }

    @Test func gitAuthKeepsTheTokenOutOfArgumentsAndScopesTheHeader() throws {
        let e = try GitLabEndpoint(parsing: "https://git.example.org/gitlab")
        let t = try #require(GitLabToken("glpat-GitAuthTest-123456"))
        let auth = GitAuth(endpoint: e, token: t)
        let env = auth.environment
        #expect(env["GIT_CONFIG_COUNT"] == "1")
        #expect(env["GIT_CONFIG_KEY_0"] == "http.https://git.example.org/gitlab/.extraHeader")
        #expect(env["GIT_CONFIG_VALUE_0"] == "Authorization: Basic " + Data("oauth2:glpat-GitAuthTest-123456".utf8).base64EncodedString())
        let fetcher = SafeFetcher(auth: auth, workDirectory: "/tmp")
        #expect(!fetcher.hardening.joined(separator: " ").contains("glpat-"))
        #expect(auth.redact("fatal: glpat-GitAuthTest-123456 and \(Data("oauth2:glpat-GitAuthTest-123456".utf8).base64EncodedString())") == "fatal: [REDACTED] and [REDACTED]")
    }
}
