import ArgumentParser
import Foundation
import PicketCore
import PicketGitLab

struct GitLabTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Store, rotate and inspect the GitLab token Picket keeps (encrypted with PICKET_SECRET_KEY or <data dir>/secret.key).",
        subcommands: [Set.self, Rotate.self, Status.self]
    )

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Check a new token against the group and store it in place of the old one.",
            discussion: "The new token must pass every blocking check first; when it does not, nothing is stored and the previous token stays."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var connection: GitLabConnectionOptions

        func run() async throws {
            try await withUserErrors {
                try connection.refuseTokenArgument()
                guard let file = connection.tokenFile else {
                    throw PicketError.usage("token set needs --token-file FILE ('-' = standard input) with the new token")
                }
                let data = global.dataDirectory
                let (url, group) = try connection.target(dataDirectory: data)
                let token = try GitLabToken.read(file: file)
                let vault = try TokenVault(dataDirectory: data)
                let config = try connection.clientConfiguration(url: url)
                let report = await ConnectionChecker(configuration: config, token: token, groupPath: group, log: connection.log).run()
                Terminal.stderr(CheckOutput.text(report, color: Terminal.stderrIsTTY))
                guard report.passed, let info = report.facts.token else {
                    let kept = (try? TokenVault.record(dataDirectory: data)) != nil ? "the previous token stays in use" : "nothing was stored"
                    Terminal.error("the new token was not stored (\(kept)): fix the ✗ steps above")
                    return PicketExit.findings
                }
                try vault.store(token, url: config.endpoint.baseURL, group: group,
                                metadata: TokenRecord.Metadata(info: info, user: report.facts.user))
                let expiry = info.expiresAt.map { "expires on \($0) at 00:00 UTC" } ?? "never expires"
                Terminal.stdout(Data("stored token '\(info.name)' (id \(info.id)) for \(group) at \(config.endpoint.baseURL); it \(expiry)\n".utf8))
                return PicketExit.clean
            }
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate",
            abstract: "Have GitLab rotate the stored token; the new one is saved before anything else (GitLab revokes the old one at once)."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var connection: GitLabConnectionOptions

        @Option(name: .customLong("expires-at"), help: ArgumentHelp("Ask GitLab for this expiry date (YYYY-MM-DD); default: GitLab's.", valueName: "DATE"))
        var expiresAt: String?

        func run() async throws {
            try await withUserErrors {
                try connection.refuseTokenArgument()
                if let e = expiresAt, TokenInfo.midnightUTC(e) == nil || e.count != 10 {
                    throw PicketError.usage("--expires-at: expected a date such as 2026-12-31, got '\(e)'")
                }
                let data = global.dataDirectory
                guard let record = try TokenVault.record(dataDirectory: data) else {
                    throw PicketError.usage("no stored token to rotate; store one with 'picket gitlab token set --url URL --group PATH --token-file FILE'")
                }
                let rotator = TokenRotator(vault: try TokenVault(dataDirectory: data),
                                           configuration: try connection.clientConfiguration(url: connection.url ?? record.url),
                                           log: connection.log)
                let outcome = try await rotator.rotate(expiresAt: expiresAt)
                let m = outcome.record.metadata
                let expiry = m.expiresAt.map { "expires on \($0) at 00:00 UTC" } ?? "never expires"
                Terminal.stdout(Data("rotated: token \(outcome.previousTokenID.map(String.init) ?? "?") → \(m.tokenID.map(String.init) ?? "?") (stored; the old one is revoked); the new one \(expiry)\n".utf8))
                if !outcome.verified { Terminal.warning("GitLab did not confirm the new token right away; run 'picket gitlab check' to verify it") }
                return PicketExit.clean
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show the stored token's metadata and warn before it expires.",
            discussion: "Exit codes: 0 = usable, 1 = expired (or, with --verify, rejected by GitLab), 2 = nothing stored or another error."
        )

        @OptionGroup var global: GlobalOptions

        @Option(name: .customLong("warn-days"), help: ArgumentHelp("Warn when the token expires within DAYS (default 30).", valueName: "DAYS"))
        var warnDays: Int = 30

        @Flag(help: "Also ask GitLab whether the token is still active.")
        var verify = false

        @Option(name: .customLong("ca-file"), help: ArgumentHelp("PEM bundle of the CA that signed GitLab's certificate (with --verify).", valueName: "FILE"))
        var caFile: String?

        func run() async throws {
            try await withUserErrors {
                let data = global.dataDirectory
                guard let record = try TokenVault.record(dataDirectory: data) else {
                    throw PicketError.usage("no token stored in \(data.path); store one with 'picket gitlab token set --url URL --group PATH --token-file FILE'")
                }
                let m = record.metadata
                var lines = ["connection: \(record.group ?? "?") at \(record.url)",
                             "token:      '\(m.name ?? "?")' (id \(m.tokenID.map(String.init) ?? "?")), scopes \(m.scopes.joined(separator: ", "))"]
                if let o = m.owner { lines.append("account:    \(o.username) (\(o.kind))") }
                var code = PicketExit.clean
                if let date = m.expiresAt, let instant = TokenInfo.midnightUTC(date) {
                    let secs = instant.timeIntervalSinceNow
                    let days = Int(secs / 86_400)
                    if secs <= 0 {
                        lines.append("expires:    \(date) at 00:00 UTC — EXPIRED")
                        code = PicketExit.findings
                    } else {
                        lines.append("expires:    \(date) at 00:00 UTC (in \(days) day\(days == 1 ? "" : "s"))")
                        if days < warnDays {
                            Terminal.warning("the token expires in \(days) day\(days == 1 ? "" : "s"); rotate it with 'picket gitlab token rotate'")
                        }
                    }
                } else {
                    lines.append("expires:    never")
                }
                lines.append("stored:     \(ISO8601DateFormatter().string(from: m.storedAt))\(m.rotatedAt != nil ? " (by rotation)" : "")")
                if verify {
                    let vault = try TokenVault(dataDirectory: data)
                    guard let (_, token) = try vault.load() else { throw PicketError.runtime("the token record vanished") }
                    var config = try GitLabClientConfiguration.make(url: record.url, caBundlePath: caFile)
                    config.userAgent = "Picket/\(PicketVersion.string)"
                    do {
                        let info = try await GitLabClient.with(configuration: config, token: token) { try await $0.tokenSelf() }
                        lines.append("GitLab:     active, expires \(info.expiresAt ?? "never"), last used \(info.lastUsedAt ?? "never")")
                    } catch let e as GitLabError {
                        lines.append("GitLab:     \(e)")
                        code = PicketExit.findings
                    }
                }
                Terminal.stdout(Data((lines.joined(separator: "\n") + "\n").utf8))
                return code
            }
        }
    }
}
