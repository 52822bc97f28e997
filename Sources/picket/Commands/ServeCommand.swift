import ArgumentParser
import Foundation
import Logging
import PicketCore
import PicketServer
import PicketStore

/// Options `serve` and `worker` share: where the data and the database are, and how jobs run.
struct PlatformOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("database-url"), help: ArgumentHelp("postgres://user:password@host:5432/picket?sslmode=require, or a SQLite file (default: <data dir>/picket.db). Also PICKET_DATABASE_URL.", valueName: "URL"))
    var databaseURL: String?

    @Option(name: .customLong("lease-seconds"), help: "How long a job's lease lasts without a heartbeat before another worker may take the job over.")
    var leaseSeconds = 120

    @Option(name: .customLong("poll-interval"), help: "Seconds an idle worker waits before looking at the queue again.")
    var pollInterval: Double = 1

    @Option(help: ArgumentHelp("The git executable scans fetch with.", valueName: "PATH"))
    var git = "git"

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("PEM bundle of the CA that signed GitLab's certificate.", valueName: "FILE"))
    var caFile: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func database(_ dataDirectory: DataDirectory) throws -> DatabaseLocation {
        let url = databaseURL ?? ProcessInfo.processInfo.environment["PICKET_DATABASE_URL"]
        guard let url, !url.isEmpty else { return .dataDirectory(dataDirectory.path) }
        do { return try DatabaseLocation.parse(url) } catch { throw PicketError.usage("--database-url: \(error)") }
    }

    func level() throws -> Logger.Level {
        guard let l = Logger.Level(rawValue: logLevel.lowercased()) else {
            throw PicketError.usage("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        return l
    }
}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Picket platform: dashboard, REST API, GitLab webhooks, job workers and scheduler.",
        discussion: """
        On first start with no user, an administrator 'admin' is created and its one-time password printed once \
        (change it at first sign-in). Open the URL, sign in, and the setup wizard connects a GitLab group. \
        Workers run in this process (--workers N); run more with 'picket worker' against the same PostgreSQL database. \
        The GitLab tokens are encrypted with PICKET_SECRET_KEY (base64 of 32 bytes) or <data dir>/secret.key: give every \
        process the same key.
        """
    )

    @OptionGroup var options: PlatformOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 = any free port).")
    var port = 8080

    @Option(name: .customLong("public-url"), help: ArgumentHelp("Where browsers and GitLab reach this server (https://picket.example.com); webhooks point here, and https makes cookies Secure.", valueName: "URL"))
    var publicURL: String?

    @Option(help: "Job workers in this process (0 = none: run 'picket worker' elsewhere).")
    var workers = 2

    @Flag(name: .customLong("no-scheduler"), help: "Do not run periodic syncs from this process.")
    var noScheduler = false

    @Option(name: .customLong("setup-gitlab-url"), help: ArgumentHelp("With --setup-group and --setup-token-file: connect this GitLab group at first start, without the wizard.", valueName: "URL"))
    var setupURL: String?

    @Option(name: .customLong("setup-group"), help: ArgumentHelp("The group to connect at first start.", valueName: "PATH"))
    var setupGroup: String?

    @Option(name: .customLong("setup-token-file"), help: ArgumentHelp("File holding the token to connect at first start.", valueName: "FILE"))
    var setupTokenFile: String?

    func run() async throws {
        try await withUserErrors {
            let data = options.global.dataDirectory
            var bootstrap: ServerConfiguration.Bootstrap?
            if setupURL != nil || setupGroup != nil || setupTokenFile != nil {
                guard let u = setupURL, let g = setupGroup, let f = setupTokenFile else {
                    throw PicketError.usage("--setup-gitlab-url, --setup-group and --setup-token-file go together")
                }
                bootstrap = .init(gitlabURL: u, groupPath: g, tokenFile: f)
            }
            let config = ServerConfiguration(
                host: host, port: port, publicURL: publicURL, dataDirectory: data, database: try options.database(data),
                workers: workers, leaseSeconds: options.leaseSeconds, pollInterval: .milliseconds(Int64(options.pollInterval * 1000)),
                runScheduler: !noScheduler, git: options.git, caBundlePath: options.caFile, logLevel: try options.level(),
                bootstrap: bootstrap)
            let platform = try await PicketPlatform.open(config, publicURLOverride: nil)
            if let password = try await platform.bootstrapAdmin() {
                emit("""
                ================================================================
                 First administrator: admin
                 One-time password:   \(password)
                 (shown once; you will choose your own at first sign-in)
                ================================================================
                """)
            }
            if let b = bootstrap, let report = try await platform.bootstrapWorkspace(b) {
                for r in report.results { emit("  \(r.status.symbol) \(r.title): \(r.message)") }
                if !report.passed { throw PicketError.runtime("the GitLab connection check failed; fix the setup or use the wizard") }
            }
            try await SignalScope.run { [platform] in
                try await platform.serve { running in
                    emit("Picket is listening on \(running.baseURL) (public URL \(platform.services.publicURL.base))")
                }
            }
            await platform.close()
            return 0
        }
    }
}

/// Runs `body` until SIGINT or SIGTERM, then cancels it and waits for it to wind down.
enum SignalScope {
    static func run(_ body: @escaping @Sendable () async throws -> Void) async throws {
        let task = Task { try await body() }
        let sources = [SIGINT, SIGTERM].map { sig -> DispatchSourceSignal in
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            s.setEventHandler { task.cancel() }
            s.resume()
            return s
        }
        defer { sources.forEach { $0.cancel() } }
        do { try await task.value } catch is CancellationError {}
    }
}

/// A line on standard output, written at once (the URL and the one-time password must show before the server blocks).
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
