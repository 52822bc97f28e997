import ArgumentParser
import PicketCore

@main
struct Picket: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "picket",
        abstract: "Find secrets, vulnerable dependencies and risky code in repositories and GitLab groups.",
        version: PicketVersion.string,
        subcommands: [ScanCommand.self, RulesCommand.self, DBCommand.self]
    )
}

/// Options every command that keeps state shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Where Picket keeps its state (default: $PICKET_DATA_DIR, else $XDG_DATA_HOME/picket).", valueName: "DIR"))
    var dataDir: String?

    var dataDirectory: DataDirectory { DataDirectory.resolve(explicit: dataDir) }
}
