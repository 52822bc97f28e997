import AsyncHTTPClient
import Foundation
import GitLabSimKit
import NIOCore
import NIOHTTP1
import PicketCore
import PicketGitLab
import PicketTestSupport

/// The simulated GitLab for a test: the fixture world started in-process on 127.0.0.1, plus its control API
/// (`/-/sim/...`: fault injection, rate limits, request log, tokens).
struct SimHarness {
    let sim: GitLabSimulator

    static let fixtures: String = Bundle.module.resourcePath! + "/Fixtures"

    /// Tokens of the fixture world (`Fixtures/world/world.yml`).
    enum Tok {
        static let service = "glpat-TestPicketServiceTok1"
        static let readOnly = "glpat-TestPicketReadOnlyTk1"
        static let readUser = "glpat-TestAliceReadUserTok1"
        static let expired = "glpat-TestBobExpiredTokenA1"
        static let revoked = "glpat-TestBobRevokedTokenA1"
        static let developer = "glpat-TestBobDeveloperTok01"
        static let reporter = "glpat-TestCarolReporterTk01"
        static let guest = "glpat-TestDaveGuestTokenA01"
        static let freeHuman = "glpat-TestFrankFreeTokenA01"
        static let groupBot = "glpat-TestAcmeGroupBotTok01"
    }

    static func start(world: String = fixtures + "/world/world.yml") async throws -> SimHarness {
        SimHarness(sim: try await GitLabSimulator.start(worldFile: world))
    }

    /// Runs `body` with a fresh simulator and stops it afterwards, also when `body` throws.
    static func with<R>(world: String = fixtures + "/world/world.yml", _ body: (SimHarness) async throws -> R) async throws -> R {
        let h = try await start(world: world)
        do {
            let r = try await body(h)
            await h.sim.stop()
            return r
        } catch {
            await h.sim.stop()
            throw error
        }
    }

    var url: String { sim.baseURL }

    func token(_ s: String) -> GitLabToken { GitLabToken(s)! }

    func configuration(url: String? = nil, retry: RetryPolicy = RetryPolicy(baseDelay: 0.05, maxDelay: 5)) throws -> GitLabClientConfiguration {
        var c = try GitLabClientConfiguration.make(url: url ?? sim.baseURL, environment: [:])
        c.retry = retry
        return c
    }

    /// A client with its own gate (tests must not share pacing state), shut down after `body`, also when it throws.
    @discardableResult
    func withClient<R>(_ token: String, retry: RetryPolicy = RetryPolicy(baseDelay: 0.05, maxDelay: 5), gate: RequestGate? = nil,
                       _ body: (GitLabClient) async throws -> R) async throws -> R {
        let client = try await GitLabClient(configuration: try configuration(retry: retry), token: GitLabToken(token)!,
                                            gate: gate ?? RequestGate(maxConcurrent: 8))
        do {
            let r = try await body(client)
            await client.shutdown()
            return r
        } catch {
            await client.shutdown()
            throw error
        }
    }

    func check(_ token: String, group: String, url: String? = nil, probeGit: Bool = true, now: Date = Date()) async throws -> CheckReport {
        let c = ConnectionChecker(configuration: try configuration(url: url), token: GitLabToken(token)!, groupPath: group,
                                  probeGit: probeGit, now: { now })
        let client = try await GitLabClient(configuration: c.configuration, token: c.token, gate: RequestGate(maxConcurrent: 8))
        let report = await c.run(with: client)
        await client.shutdown()
        return report
    }

    // MARK: Control API

    @discardableResult
    func control(_ method: HTTPMethod, _ path: String, json: String? = nil) async throws -> (status: Int, body: String) {
        var req = HTTPClientRequest(url: sim.baseURL + "/-/sim/" + path)
        req.method = method
        if let json {
            req.headers.add(name: "Content-Type", value: "application/json")
            req.body = .bytes(ByteBuffer(string: json))
        }
        let resp = try await HTTPClient.shared.execute(req, timeout: .seconds(30))
        let body = try await resp.body.collect(upTo: 64 << 20)
        return (Int(resp.status.code), String(buffer: body))
    }

    /// The simulator's request log: total and counts by route.
    func requestCounts() async throws -> (total: Int, counts: [String: Int]) {
        let (_, body) = try await control(.GET, "requests")
        let obj = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] ?? [:]
        return (obj["total"] as? Int ?? -1, obj["counts"] as? [String: Int] ?? [:])
    }

    /// Pushes a local repository's branch to a project over smart HTTP, as a user would.
    func push(_ localRepo: String, to projectPath: String, token: String = Tok.service, branch: String = "main") async throws {
        let auth = GitAuth(endpoint: try GitLabEndpoint(parsing: sim.baseURL), token: GitLabToken(token)!)
        let r = try await ProcessRunner("git", ["-c", "protocol.http.allow=always", "push", "-q",
                                                try GitLabEndpoint(parsing: sim.baseURL).gitURL(projectPath: projectPath),
                                                "HEAD:refs/heads/\(branch)"],
                                        environment: Git.environment(extra: auth.environment), workingDirectory: localRepo,
                                        timeout: .seconds(120)).run()
        guard r.succeeded else { throw PicketError.runtime("push to \(projectPath) failed: \(r.stderrText)") }
    }
}
