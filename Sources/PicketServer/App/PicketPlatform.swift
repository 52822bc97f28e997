import Foundation
import Synchronization
import Hummingbird
import Logging
import NIOCore
import PicketCore
import PicketGitLab
import PicketStore

/// `picket serve` and `picket worker` as a library: opens the store and the vault, creates the first admin,
/// builds the router, and runs the HTTP server, the in-process workers and the scheduler until cancelled.
public final class PicketPlatform: Sendable {
    public let services: PlatformServices

    private init(services: PlatformServices) { self.services = services }

    /// Opens everything; refuses to start on a configuration or database problem with a message naming it.
    public static func open(_ configuration: ServerConfiguration, logSink: LogSink = .standardError,
                            publicURLOverride: String? = nil) async throws -> PicketPlatform {
        try configuration.validate()
        LoggingSystem.bootstrapOnce(level: configuration.logLevel, sink: logSink)
        var logger = Logger(label: "picket") { JSONLogHandler(label: $0, level: configuration.logLevel, sink: logSink) }
        logger.logLevel = configuration.logLevel
        try configuration.dataDirectory.ensureExists()
        let vault = try TokenVault(dataDirectory: configuration.dataDirectory, environment: configuration.environment)
        let store = try await SQLStore.open(configuration.database, options: configuration.storeOptions)
        var url = PublicURL(publicURLOverride ?? configuration.publicURL ?? "http://\(configuration.host):\(configuration.port)")
        if publicURLOverride == nil, configuration.publicURL == nil, let shared = try? await store.setting(PlatformServices.publicURLSetting) {
            url = PublicURL(shared)
        }
        let services = PlatformServices(configuration: configuration, publicURL: url, store: store, vault: vault,
                                        metrics: Metrics.standard(), logger: logger, logSink: logSink)
        logger.info("store open", metadata: ["database": .string(configuration.database.description)])
        return PicketPlatform(services: services)
    }

    public func close() async { await services.store.close() }

    /// Creates the first administrator when there is no user at all. Returns its one-time password (to print
    /// once); the user must change it at first sign-in.
    public func bootstrapAdmin(username: String = "admin") async throws -> String? {
        guard try await services.store.users().isEmpty else { return nil }
        let password = Self.generatePassword()
        let user: User
        do {
            user = try await services.store.createUser(username: username, password: password, role: .admin, displayName: "Administrator")
        } catch StoreError.conflict {
            return nil // another process created it first
        }
        try await services.store.setSetting(Dashboard.mustChangePasswordKey(user.id), value: "1")
        services.logger.notice("first administrator created", metadata: ["user": .string(username)])
        return password
    }

    /// 20 characters from an unambiguous alphabet (about 110 bits).
    static func generatePassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        let chars = (0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
        return stride(from: 0, to: 20, by: 5).map { String(chars[$0..<$0 + 5]) }.joined(separator: "-")
    }

    /// Connects a workspace from a token file when none exists yet (`make run`). Returns the check report.
    public func bootstrapWorkspace(_ b: ServerConfiguration.Bootstrap) async throws -> CheckReport? {
        guard try await services.store.workspaces().isEmpty else { return nil }
        let token = try GitLabToken.read(file: b.tokenFile)
        let (ws, report) = try await TokenService(services: services).connect(name: nil, url: b.gitlabURL, group: b.groupPath, token: token, gate: b.gateSeverity)
        if let ws {
            try await JobQueueing(services: services).enqueueSync(workspaceID: ws.id, priority: 50)
        }
        return report
    }

    /// The router with every route: dashboard, API, webhooks, health.
    func router() -> Router<AppContext> {
        let router = Router(context: AppContext.self)
        router.add(middleware: RequestMetricsMiddleware(services: services))
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorMiddleware(services: services))
        router.add(middleware: AuthMiddleware(services: services))
        let d = Dashboard(services: services)
        HealthRoutes(services: services).register(router)
        WebhookRoutes(services: services).register(router)
        APIRoutes(services: services).register(router)
        AccountRoutes(d: d).register(router)
        SetupRoutes(d: d).register(router)
        RepositoryRoutes(d: d).register(router)
        FindingRoutes(d: d).register(router)
        DependencyRoutes(d: d).register(router)
        ScanRoutes(d: d).register(router)
        WorkspaceRoutes(d: d).register(router)
        UserRoutes(d: d).register(router)
        return router
    }

    /// A running server's address.
    public struct Running: Sendable {
        public let port: Int
        public let baseURL: String
    }

    /// Serves HTTP (and runs `workers` workers and, when configured, the scheduler) until the task is
    /// cancelled. `onListening` receives the bound port (useful with port 0).
    public func serve(onListening: @escaping @Sendable (Running) async -> Void = { _ in }) async throws {
        let config = services.configuration
        let services = self.services
        let (listening, listeningContinuation) = AsyncStream<Void>.makeStream()
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: nil, reuseAddress: true),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? config.port
                let base = "http://\(config.host.contains(":") ? "[\(config.host)]" : config.host):\(port)"
                if config.publicURL == nil { services.setPublicURL(PublicURL(base)) }
                try? await services.store.setSetting(PlatformServices.publicURLSetting, value: services.publicURL.base)
                listeningContinuation.yield()
                listeningContinuation.finish()
                await onListening(Running(port: port, baseURL: base))
            },
            logger: services.logger("http"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            // Workers start once the address is known: webhooks they install must point at it.
            group.addTask {
                for await _ in listening { break }
                guard !Task.isCancelled else { return }
                await withTaskGroup(of: Void.self) { inner in
                    if config.workers > 0 { inner.addTask { await WorkerPool(services: services, count: config.workers).run() } }
                    if config.runScheduler { inner.addTask { await Scheduler(services: services).run() } }
                }
                // Nothing to run here (no workers, no scheduler): stay until the server stops.
                while !Task.isCancelled { try? await Task.sleep(for: .seconds(60)) }
            }
            // Whichever ends first (cancellation, or the server failing to bind) ends the others.
            do {
                try await group.next()
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }

    /// Runs workers only (no HTTP), until cancelled: `picket worker`.
    public func work(count: Int, workerPrefix: String? = nil, scheduler: Bool = false) async {
        let services = self.services
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await WorkerPool(services: services, count: count, prefix: workerPrefix).run() }
            if scheduler { group.addTask { await Scheduler(services: services).run() } }
        }
    }
}

extension LoggingSystem {
    private static let once = Mutex(false)

    /// swift-log's global handler may be set once per process; tests start several servers.
    static func bootstrapOnce(level: Logger.Level, sink: LogSink) {
        let first = once.withLock { done -> Bool in
            if done { return false }
            done = true
            return true
        }
        if first { bootstrap { JSONLogHandler(label: $0, level: level, sink: sink) } }
    }
}
