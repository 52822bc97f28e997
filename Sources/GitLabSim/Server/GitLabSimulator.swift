import Foundation
import Hummingbird
import Logging
import NIOCore

/// A running simulated GitLab. Start it in-process from tests, or through the `gitlab-sim` executable.
///
///     let sim = try await GitLabSimulator.start(worldFile: "samples/gitlab-world/world.yml")
///     defer { Task { await sim.stop() } }
///     // sim.baseURL == "http://127.0.0.1:<port>", API at sim.baseURL + "/api/v4"
public final class GitLabSimulator: Sendable {
    public let baseURL: String
    public let port: Int
    public let core: SimulatorCore
    /// Folder holding this run's repositories (deleted by `stop()` when the simulator created it).
    public let runDirectory: String
    private let serverTask: Task<Void, Error>
    private let ownsRunDirectory: Bool

    private init(baseURL: String, port: Int, core: SimulatorCore, runDirectory: String, serverTask: Task<Void, Error>, owns: Bool) {
        self.baseURL = baseURL
        self.port = port
        self.core = core
        self.runDirectory = runDirectory
        self.serverTask = serverTask
        self.ownsRunDirectory = owns
    }

    public static func start(worldFile: String, host: String = "127.0.0.1", port: Int = 0, stateDirectory: String? = nil,
                             logLevel: Logger.Level = .warning) async throws -> GitLabSimulator {
        try await start(world: WorldLoader.load(path: worldFile), host: host, port: port, stateDirectory: stateDirectory, logLevel: logLevel)
    }

    /// Builds the repositories (in a fresh folder under `stateDirectory`, or a temporary one), binds, and returns
    /// once the server accepts connections.
    public static func start(world initial: World, host: String = "127.0.0.1", port: Int = 0, stateDirectory: String? = nil,
                             logLevel: Logger.Level = .warning) async throws -> GitLabSimulator {
        signal(SIGPIPE, SIG_IGN)  // a git child that exits early must not kill us while we write its stdin
        let parent = stateDirectory ?? NSTemporaryDirectory()
        let runDir = URL(fileURLWithPath: parent).appendingPathComponent("gitlab-sim-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: runDir, withIntermediateDirectories: true)
        var world = initial
        let core: SimulatorCore
        do {
            let builder = try RepositoryStore(stateDirectory: runDir)
            try await builder.build(world: &world)
            core = try SimulatorCore(world: world, stateDirectory: runDir)
        } catch {
            try? FileManager.default.removeItem(atPath: runDir)
            throw error
        }

        var logger = Logger(label: "gitlab-sim")
        logger.logLevel = logLevel
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: SimResponder(core: core),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? port)
                portContinuation.finish()
            },
            logger: logger)
        let task = Task { try await app.run() }
        var bound: Int?
        for await p in portStream { bound = p; break }
        guard let bound else {
            task.cancel()
            _ = try? await task.value
            try? FileManager.default.removeItem(atPath: runDir)
            throw WorldError(file: "server", field: "", message: "could not bind \(host):\(port)")
        }
        let displayHost = host.contains(":") ? "[\(host)]" : host
        let base = "http://\(displayHost):\(bound)"
        await core.store.mutate { $0.instance.externalURL = base }
        return GitLabSimulator(baseURL: base, port: bound, core: core, runDirectory: runDir, serverTask: task, owns: true)
    }

    public var apiURL: String { baseURL + "/api/v4" }

    /// Blocks until the server stops (the CLI's main loop).
    public func wait() async throws { try await serverTask.value }

    public func stop() async {
        serverTask.cancel()
        _ = try? await serverTask.value
        await core.shutdown()
        if ownsRunDirectory { try? FileManager.default.removeItem(atPath: runDirectory) }
    }
}
