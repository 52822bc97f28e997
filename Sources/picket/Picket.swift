import ArgumentParser
import Foundation
import PicketCore

@main
struct Picket: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "picket",
        abstract: "Find secrets, vulnerable dependencies and risky code in repositories and GitLab groups.",
        version: PicketVersion.string,
        subcommands: [ScanCommand.self, SBOMCommand.self, RulesCommand.self, DBCommand.self, GitLabCommand.self,
                      ServeCommand.self, WorkerCommand.self]
    )

    /// ArgumentParser exits 64 on a usage error; Picket documents 2 for every usage error. Arguments that look
    /// like tokens are blanked out of the message, in case one was typed where it does not belong.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                var message = fullMessage(for: error)
                for arg in CommandLine.arguments.dropFirst() where arg.count >= 16 && arg.hasPrefix("gl") && arg.contains("-") {
                    message = message.replacingOccurrences(of: arg, with: "[REDACTED]")
                }
                FileHandle.standardError.write(Data((message + "\n").utf8))
                Foundation.exit(PicketExit.error)
            }
            exit(withError: error)
        }
    }
}

/// Options every command that keeps state shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Where Picket keeps its state (default: $PICKET_DATA_DIR, else $XDG_DATA_HOME/picket).", valueName: "DIR"))
    var dataDir: String?

    var dataDirectory: DataDirectory { DataDirectory.resolve(explicit: dataDir) }
}
