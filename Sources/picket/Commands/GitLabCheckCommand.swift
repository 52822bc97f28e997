import ArgumentParser
import Foundation
import PicketCore
import PicketGitLab

struct GitLabCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the GitLab connection step by step and say how to fix what is wrong.",
        discussion: "Exit codes: 0 = every blocking step passes (warnings allowed), 1 = a blocking step fails, 2 = usage error."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var connection: GitLabConnectionOptions

    @Option(help: ArgumentHelp("Output format: text or json (default: text).", valueName: "FORMAT"))
    var format: String = "text"

    @Option(name: .customLong("expiry-warning-days"), help: ArgumentHelp("Warn when the token expires within DAYS (default 30).", valueName: "DAYS"))
    var expiryWarningDays: Int = 30

    @Flag(name: .customLong("no-git"), help: "Skip the git ls-remote step.")
    var noGit = false

    func run() async throws {
        try await withUserErrors {
            guard format == "text" || format == "json" else { throw PicketError.usage("--format: expected text or json, got '\(format)'") }
            let data = global.dataDirectory
            let (url, group) = try connection.target(dataDirectory: data)
            let (token, _) = try connection.token(dataDirectory: data, url: url)
            let checker = ConnectionChecker(configuration: try connection.clientConfiguration(url: url), token: token, groupPath: group,
                                            expiryWarningDays: expiryWarningDays, probeGit: !noGit, log: connection.log)
            let report = await checker.run()
            if format == "json" {
                Terminal.stdout(try CheckOutput.json(report))
            } else {
                Terminal.stdout(Data(CheckOutput.text(report, color: Terminal.colorEnabled).utf8))
            }
            return report.passed ? 0 : 1
        }
    }
}
