import ArgumentParser
import Foundation
import GitLabSimKit

/// `gitlab-sim --world FILE --port N [--host 127.0.0.1] [--state-dir DIR]`: prints the base URL when ready.
@main
struct GitLabSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gitlab-sim",
        abstract: "A simulated GitLab (REST API v4 subset, git smart HTTP, webhooks) for Picket's tests and demos.")

    @Option(help: "World file (YAML or JSON) describing users, tokens, groups, projects and merge requests.")
    var world: String

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = 0

    @Option(help: "Address to bind. The /-/sim/ control API only answers loopback clients.")
    var host: String = "127.0.0.1"

    @Option(name: .customLong("state-dir"), help: "Folder for this run's repositories (a temporary folder when omitted).")
    var stateDir: String?

    @Flag(help: "Log every request to stderr.")
    var verbose = false

    func run() async throws {
        let sim: GitLabSimulator
        do {
            sim = try await GitLabSimulator.start(worldFile: world, host: host, port: port, stateDirectory: stateDir,
                                                  logLevel: verbose ? .info : .warning)
        } catch let e as WorldError {
            FileHandle.standardError.write(Data("gitlab-sim: \(e.description)\n".utf8))
            throw ExitCode(2)
        }
        print(sim.baseURL)
        fflush(nil)
        let stop: @Sendable () -> Void = { Task { await sim.stop(); Foundation.exit(0) } }
        let signals = [SIGINT, SIGTERM].map { sig -> DispatchSourceSignal in
            signal(sig, SIG_IGN)
            let src = DispatchSource.makeSignalSource(signal: sig, queue: .main)
            src.setEventHandler(handler: stop)
            src.resume()
            return src
        }
        try await sim.wait()
        _ = signals
    }
}
