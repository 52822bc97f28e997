import AsyncHTTPClient
import Foundation
import GitLabSimKit
import NIOCore
import NIOHTTP1

/// Starts a simulator for one test and speaks HTTP to it over 127.0.0.1.
struct SimHarness {
    let sim: GitLabSimulator

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var sampleWorld: String { packageRoot.appendingPathComponent("samples/gitlab-world/world.yml").path }

    static func start(world: String = sampleWorld) async throws -> SimHarness {
        SimHarness(sim: try await GitLabSimulator.start(worldFile: world))
    }

    /// A world document edited in memory (e.g. the sample with rate limits on), resolved against the sample folder.
    static func start(json: String, directory: String? = nil) async throws -> SimHarness {
        let value = try JSONValue.parse(Data(json.utf8))
        let dir = directory ?? packageRoot.appendingPathComponent("samples/gitlab-world").path
        return SimHarness(sim: try await GitLabSimulator.start(world: WorldLoader.load(value: value, directory: dir)))
    }

    func stop() async { await sim.stop() }

    /// Runs `body` against a fresh simulator and always awaits its shutdown (which removes its run folder).
    static func with(world: String = sampleWorld, _ body: @Sendable (SimHarness) async throws -> Void) async throws {
        try await run(try await start(world: world), body)
    }

    static func with(json: String, directory: String? = nil, _ body: @Sendable (SimHarness) async throws -> Void) async throws {
        try await run(try await start(json: json, directory: directory), body)
    }

    private static func run(_ h: SimHarness, _ body: @Sendable (SimHarness) async throws -> Void) async throws {
        do {
            try await body(h)
        } catch {
            await h.stop()
            throw error
        }
        await h.stop()
    }

    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: JSONValue { (try? JSONValue.parse(body)) ?? .null }
        func header(_ name: String) -> String? { headers.first(name: name) }
    }

    func request(_ method: HTTPMethod, _ path: String, token: String? = nil, headers: [(String, String)] = [],
                 json: String? = nil, form: String? = nil) async throws -> Reply {
        let url = path.hasPrefix("http") ? path : (path.hasPrefix("/-/") || path.hasPrefix("/api/") ? sim.baseURL + path : sim.apiURL + path)
        var req = HTTPClientRequest(url: url)
        req.method = method
        if let token { req.headers.add(name: "PRIVATE-TOKEN", value: token) }
        for (k, v) in headers { req.headers.add(name: k, value: v) }
        if let json {
            req.headers.add(name: "Content-Type", value: "application/json")
            req.body = .bytes(ByteBuffer(string: json))
        } else if let form {
            req.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            req.body = .bytes(ByteBuffer(string: form))
        }
        let resp = try await HTTPClient.shared.execute(req, timeout: .seconds(60))
        let body = try await resp.body.collect(upTo: 64 << 20)
        return Reply(status: Int(resp.status.code), headers: resp.headers, body: Data(body.readableBytesView))
    }

    func get(_ path: String, token: String? = nil, headers: [(String, String)] = []) async throws -> Reply {
        try await request(.GET, path, token: token, headers: headers)
    }
}

/// Tokens of the sample world (samples/gitlab-world/world.yml).
enum Tok {
    static let picket = "glpat-SimPicketServiceTok01"
    static let picketRead = "glpat-SimPicketReadOnlyTok1"
    static let aliceAPI = "glpat-SimAliceOwnerApiTok01"
    static let aliceReadUser = "glpat-SimAliceReadUserTok01"
    static let bobExpired = "glpat-SimBobExpiredToken001"
    static let bobRevoked = "glpat-SimBobRevokedToken001"
    static let bob = "glpat-SimBobDeveloperTok001"
    static let carol = "glpat-SimCarolReporterTok01"
    static let dave = "glpat-SimDaveGuestToken0001"
    static let erin = "glpat-SimErinOutsiderTok01"
    static let root = "glpat-SimRootAdminToken001"
    static let webBot = "glpat-SimWebGroupBotTok001"
    static let paymentsBot = "glpat-SimPaymentsProjBot01"
}

/// Runs a command (git, python) with arguments as a vector; returns status and combined output. Waits on a
/// dispatch thread: the simulator shares this process's cooperative pool, which must never be blocked.
func run(_ exe: String, _ args: [String], cwd: String? = nil, env: [String: String] = [:]) async throws -> (status: Int32, output: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = args
    var e = ProcessInfo.processInfo.environment
    e["GIT_TERMINAL_PROMPT"] = "0"
    e["GIT_CONFIG_NOSYSTEM"] = "1"
    e["GIT_CONFIG_GLOBAL"] = "/dev/null"
    for (k, v) in env { e[k] = v }
    p.environment = e
    if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let box = UncheckedBox((p, pipe))
    return await withCheckedContinuation { cont in
        DispatchQueue.global().async {
            let (process, pipe) = box.value
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            cont.resume(returning: (process.terminationStatus, String(decoding: data, as: UTF8.self)))
        }
    }
}

final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ v: T) { value = v }
}

func tempDir() throws -> String {
    let d = NSTemporaryDirectory() + "glsim-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
}
