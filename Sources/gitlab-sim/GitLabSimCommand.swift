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
        // Signals are caught before startup, so a SIGTERM that arrives while repositories are being built still
        // leads to a clean stop (run folder removed) instead of the default exit.
        let (signals, signalSink) = AsyncStream<Int32>.makeStream()
        let sources = [SIGINT, SIGTERM].map { sig -> DispatchSourceSignal in
            signal(sig, SIG_IGN)
            let src = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            src.setEventHandler { signalSink.yield(sig) }
            src.resume()
            return src
        }
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
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await sim.wait() }
            group.addTask {
                for await _ in signals { break }
                await sim.stop()
            }
            _ = try await group.next()
            group.cancelAll()
        }
        await sim.stop()
        _ = sources
    }
}
