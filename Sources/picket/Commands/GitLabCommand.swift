import ArgumentParser
import Foundation
import PicketCore
import PicketGitLab

struct GitLabCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gitlab",
        abstract: "Connect Picket to a GitLab group: check the setup, keep the token, scan every project.",
        discussion: """
        The token is read from --token-file FILE (or - for standard input), else from PICKET_GITLAB_TOKEN, else \
        from the token stored with 'picket gitlab token set'. It is never accepted as an argument value.
        """,
        subcommands: [GitLabCheckCommand.self, GitLabScanCommand.self, GitLabTokenCommand.self]
    )
}

/// Where and as whom to connect; shared by every `picket gitlab` command.
struct GitLabConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("GitLab's address, e.g. https://gitlab.com or https://git.example.org/gitlab (default: the stored connection's).", valueName: "URL"))
    var url: String?

    @Option(help: ArgumentHelp("The group's full path, e.g. acme or acme/platform (default: the stored connection's).", valueName: "PATH"))
    var group: String?

    @Option(name: .customLong("token-file"), help: ArgumentHelp("Read the token from FILE ('-' = standard input).", valueName: "FILE"))
    var tokenFile: String?

    /// Present only to refuse it without echoing the value.
    @Option(name: .customLong("token"), help: .hidden)
    var tokenArgument: String?

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("PEM bundle of the CA that signed GitLab's certificate.", valueName: "FILE"))
    var caFile: String?

    @Flag(help: "Log every GitLab request and git command to stderr (never the token).")
    var verbose = false

    func refuseTokenArgument() throws {
        if tokenArgument != nil {
            throw PicketError.usage("--token is not accepted: a token on the command line is visible to every user of this machine (ps) and stays in shell history. Use --token-file FILE or the PICKET_GITLAB_TOKEN variable.")
        }
    }

    var log: GitLabLog? {
        guard verbose else { return nil }
        return { @Sendable (line: String) in Terminal.stderr("picket: \(line)\n") }
    }

    /// URL and group from the options, else from the stored record.
    func target(dataDirectory: DataDirectory) throws -> (url: String, group: String) {
        let record = try? TokenVault.record(dataDirectory: dataDirectory)
        guard let url = url ?? record?.url else {
            throw PicketError.usage("--url is required (no connection stored yet; 'picket gitlab token set' stores one)")
        }
        guard let group = group ?? record?.group, !group.isEmpty else {
            throw PicketError.usage("--group is required (the group's full path, e.g. acme/platform)")
        }
        return (url, group)
    }

    /// The token: --token-file, else PICKET_GITLAB_TOKEN, else the vault's record for this URL.
    func token(dataDirectory: DataDirectory, url: String) throws -> (token: GitLabToken, fromVault: Bool) {
        try refuseTokenArgument()
        if let tokenFile { return (try GitLabToken.read(file: tokenFile), false) }
        if let t = try GitLabToken.fromEnvironment() { return (t, false) }
        if try TokenVault.record(dataDirectory: dataDirectory) != nil {
            let vault = try TokenVault(dataDirectory: dataDirectory)
            if let (record, token) = try vault.load() {
                let wanted = try GitLabEndpoint(parsing: url).baseURL
                guard record.url == wanted else {
                    throw PicketError.usage("the stored token is for \(record.url), not \(wanted); pass --token-file FILE or set PICKET_GITLAB_TOKEN")
                }
                return (token, true)
            }
        }
        throw PicketError.usage("no token: pass --token-file FILE, set PICKET_GITLAB_TOKEN, or store one with 'picket gitlab token set --url URL --group PATH --token-file FILE'")
    }

    func clientConfiguration(url: String) throws -> GitLabClientConfiguration {
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw PicketError.usage("--ca-file \(caFile): cannot read the file")
        }
        var c = try GitLabClientConfiguration.make(url: url, caBundlePath: caFile)
        c.userAgent = "Picket/\(PicketVersion.string)"
        return c
    }
}

/// Text and JSON rendering of a connection check.
enum CheckOutput {
    static func text(_ report: CheckReport, color: Bool) -> String {
        let width = (report.results.map(\.title.count).max() ?? 10) + 2
        var out = ""
        for r in report.results {
            let sym: String
            switch (r.status, color) {
            case (.pass, true): sym = "\u{1B}[32m✓\u{1B}[0m"
            case (.warn, true): sym = "\u{1B}[33m!\u{1B}[0m"
            case (.fail, true): sym = "\u{1B}[31m✗\u{1B}[0m"
            default: sym = r.status.symbol
            }
            out += "\(sym) \(r.title.padding(toLength: width, withPad: " ", startingAt: 0))\(r.message)\n"
            if let fix = r.fix, r.status == .warn || r.status == .fail {
                out += "  \(String(repeating: " ", count: width))fix: \(fix)\n"
            }
        }
        out += report.passed
            ? "Picket can work with \(report.group) at \(report.url).\n"
            : "Picket cannot work with \(report.group) at \(report.url) yet: fix the ✗ steps above and run the check again.\n"
        return out
    }

    static func json(_ report: CheckReport) throws -> Data {
        struct Out: Encodable {
            var url: String
            var group: String
            var ok: Bool
            var steps: [CheckResult]
        }
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try enc.encode(Out(url: report.url, group: report.group, ok: report.passed, steps: report.results)) + Data("\n".utf8)
    }
}
