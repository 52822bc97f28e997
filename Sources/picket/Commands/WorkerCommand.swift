import ArgumentParser
import Foundation
import PicketCore
import PicketServer

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run Picket job workers (scans, syncs, merge request feedback) against a shared database.",
        discussion: """
        Claims jobs with a lease and keeps it alive with heartbeats; a worker that dies loses its lease and another \
        worker retries its job. Use PostgreSQL (--database-url) to run workers on several hosts, with the same \
        PICKET_SECRET_KEY as the server, and --public-url set as on the server (links in merge request notes).
        """
    )

    @OptionGroup var options: PlatformOptions

    @Option(help: "Workers in this process.")
    var workers = 2

    @Option(name: .customLong("public-url"), help: ArgumentHelp("The server's public URL (for links in merge request notes and statuses).", valueName: "URL"))
    var publicURL: String?

    @Option(name: .customLong("worker-id"), help: ArgumentHelp("Prefix of this process's worker ids (default host/pid).", valueName: "ID"))
    var workerID: String?

    @Flag(help: "Also run the scheduler (periodic syncs) in this process.")
    var scheduler = false

    func run() async throws {
        try await withUserErrors {
            guard workers >= 1 else { throw PicketError.usage("--workers must be at least 1") }
            let data = options.global.dataDirectory
            let config = ServerConfiguration(
                publicURL: publicURL, dataDirectory: data, database: try options.database(data), workers: workers,
                leaseSeconds: options.leaseSeconds, pollInterval: .milliseconds(Int64(options.pollInterval * 1000)),
                runScheduler: scheduler, git: options.git, caBundlePath: options.caFile, logLevel: try options.level())
            let platform = try await PicketPlatform.open(config)
            emit("picket worker: \(workers) worker(s) on \(config.database)")
            try await SignalScope.run { [platform, workers, workerID, scheduler] in
                await platform.work(count: workers, workerPrefix: workerID, scheduler: scheduler)
            }
            await platform.close()
            return 0
        }
    }
}
