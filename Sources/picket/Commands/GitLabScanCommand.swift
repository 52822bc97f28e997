import ArgumentParser
import Foundation
import PicketCore
import PicketGitLab
import PicketReports
import PicketScanners
import Synchronization

struct GitLabScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan every project of a GitLab group and its subgroups.",
        discussion: """
        Runs the blocking connection checks, lists the group's projects (subgroups included; archived, empty and \
        shared-in projects left out unless asked), fetches each default branch safely (shallow, no hooks, no \
        submodules, size and time limits) and scans it with every scanner. One combined report: each finding's path \
        starts with its project's path (group/sub/project/src/app.py). A per-project summary goes to stderr. \
        A project that cannot be fetched is reported and the others go on.
        Exit codes: 0 = no finding at or above --fail-on, 1 = findings at or above --fail-on, 2 = usage or runtime \
        error, also when a project could not be scanned or a scanner failed (a partial scan is never taken for a clean one).
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var connection: GitLabConnectionOptions

    @Flag(help: "Fetch the default branch's full history and scan every blob in it.")
    var history = false

    @Option(help: ArgumentHelp("Output format: \(ReportFormats.names.joined(separator: ", ")) (default: table).", valueName: "FORMAT"))
    var format: String?

    @Option(help: ArgumentHelp("Write the report to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(help: ArgumentHelp("Projects fetched and scanned at once (default 4).", valueName: "N"))
    var concurrency: Int = 4

    @Option(help: ArgumentHelp("Scanners to run, comma-separated (default: all available).", valueName: "LIST"))
    var scanners: String?

    @Option(help: ArgumentHelp("One configuration for every project, instead of each project's own .picket.yml.", valueName: "FILE"))
    var config: String?

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit 1 when a finding reaches this severity: info, low, medium, high, critical (default low).", valueName: "SEVERITY"))
    var failOn: String?

    @Flag(name: .customLong("include-archived"), help: "Also scan archived projects.")
    var includeArchived = false

    @Flag(name: .customLong("include-empty"), help: "List empty projects in the summary instead of leaving them out.")
    var includeEmpty = false

    @Flag(name: .customLong("with-shared"), help: "Also scan projects shared into the group from other groups.")
    var withShared = false

    @Flag(help: "Skip projects whose default branch has not moved since the last scan of this group.")
    var incremental = false

    @Option(name: .customLong("max-repo-size"), help: ArgumentHelp("Stop fetching a project whose clone grows past SIZE (default 1GB).", valueName: "SIZE"))
    var maxRepoSize: String = "1GB"

    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("Do not download or scan files larger than SIZE (default 10MB).", valueName: "SIZE"))
    var maxFileSize: String = "10MB"

    @Option(name: .customLong("clone-timeout"), help: ArgumentHelp("Stop a git command after SECONDS (default 600).", valueName: "SECONDS"))
    var cloneTimeout: Int = 600

    @Option(name: .customLong("auto-rotate-days"), help: ArgumentHelp("Rotate the stored token first when it expires within DAYS.", valueName: "DAYS"))
    var autoRotateDays: Int?

    @Flag(inversion: .prefixedNo, help: "Show progress on stderr (default: only when stderr is a terminal).")
    var progress: Bool?

    @Flag(name: .customLong("no-color"), help: "Never use colours.")
    var noColor = false

    func run() async throws {
        try await withUserErrors { try await execute() }
    }

    private func execute() async throws -> Int32 {
        guard (1...64).contains(concurrency) else { throw PicketError.usage("--concurrency: expected 1 to 64, got \(concurrency)") }
        guard cloneTimeout > 0 else { throw PicketError.usage("--clone-timeout: expected a positive number of seconds") }
        guard let repoLimit = ByteSize.parse(maxRepoSize), repoLimit > 0 else {
            throw PicketError.usage("--max-repo-size: expected a size such as 1GB, got '\(maxRepoSize)'")
        }
        guard let fileLimit = ByteSize.parse(maxFileSize), fileLimit > 0 else {
            throw PicketError.usage("--max-file-size: expected a size such as 10MB, got '\(maxFileSize)'")
        }
        if let d = autoRotateDays, d < 1 { throw PicketError.usage("--auto-rotate-days: expected at least 1") }
        let writer = try ReportFormats.writer(named: format ?? "table")
        let data = global.dataDirectory
        let (url, groupPath) = try connection.target(dataDirectory: data)
        let clientConfig = try connection.clientConfiguration(url: url)
        var (token, fromVault) = try connection.token(dataDirectory: data, url: url)
        let log = connection.log

        if let days = autoRotateDays {
            guard fromVault else {
                throw PicketError.usage("--auto-rotate-days works on the stored token only (not --token-file or PICKET_GITLAB_TOKEN)")
            }
            let rotator = TokenRotator(vault: try TokenVault(dataDirectory: data), configuration: clientConfig, log: log)
            if let outcome = try await rotator.rotateIfExpiring(withinDays: days) {
                Terminal.stderr("picket: rotated the stored token (it expired within \(days) days); the new one expires \(outcome.record.metadata.expiresAt ?? "never")\n")
                guard let (_, fresh) = try TokenVault(dataDirectory: data).load() else { throw PicketError.runtime("the rotated token is missing") }
                token = fresh
            }
        }

        let explicitConfig = try config.map { try PicketConfig.load(file: $0) }
        let registry = ScannerCatalog.registry()
        let selected = try registry.select(scanners.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
                                           ?? explicitConfig?.scanners)
        if let explicitConfig { for s in selected { try s.validate(config: explicitConfig) } }
        let threshold = try failOn.map(parseSeverity) ?? explicitConfig?.failOn ?? .low

        let started = Date()
        return try await GitLabClient.with(configuration: clientConfig, token: token, log: log) { client in
            try await scan(client: client, token: token, groupPath: groupPath, url: url, data: data, writer: writer,
                           selected: selected, explicitConfig: explicitConfig, threshold: threshold,
                           repoLimit: repoLimit, fileLimit: fileLimit, started: started)
        }
    }

    private func scan(client: GitLabClient, token: GitLabToken, groupPath: String, url: String, data: DataDirectory,
                      writer: any ReportWriter, selected: [any PicketCore.Scanner], explicitConfig: PicketConfig?,
                      threshold: Severity, repoLimit: Int, fileLimit: Int, started: Date) async throws -> Int32 {
        let showProgress = progress ?? Terminal.stderrIsTTY
        let checker = ConnectionChecker(configuration: client.configuration, token: token, groupPath: groupPath,
                                        log: connection.log)
        let check = await checker.run(with: client)
        guard check.passed, let group = check.facts.group else {
            Terminal.stderr(CheckOutput.text(check, color: Terminal.stderrIsTTY && !noColor))
            throw PicketError.runtime("the GitLab connection is not ready; fix the ✗ steps above ('picket gitlab check' shows them again)")
        }
        for r in check.results where r.status == .warn { Terminal.warning("\(r.title): \(r.message)") }

        let baseURL = client.endpoint.baseURL
        var state = try ScanState.load(dataDirectory: data, url: baseURL, group: group.fullPath)
        if showProgress { Terminal.stderr("picket: listing the projects of \(group.fullPath)…\n") }
        let discovered = try await ProjectDiscovery(client: client).discover(
            group: group,
            options: DiscoveryOptions(includeArchived: includeArchived, includeEmpty: includeEmpty, withShared: withShared),
            state: incremental ? state : nil)
        let toScan = discovered.filter { $0.skip == nil }.count
        if showProgress { Terminal.stderr("picket: \(discovered.count) project(s), \(toScan) to fetch and scan\n") }

        let fetcher = SafeFetcher(auth: GitAuth(endpoint: client.endpoint, token: token),
                                  workDirectory: data.path + "/gitlab/work", caBundlePath: client.configuration.caBundlePath,
                                  log: connection.log)
        let done = Atomic<Int>(0)
        let total = discovered.count
        let scan = GroupScan(fetcher: fetcher, scanners: selected, config: explicitConfig,
                             fetchOptions: FetchOptions(history: history, maxRepositoryBytes: repoLimit, maxBlobBytes: fileLimit,
                                                        timeout: .seconds(cloneTimeout)),
                             concurrency: concurrency, dataDirectory: data) { event in
            guard showProgress else { return }
            switch event {
            case .fetching(let p): Terminal.stderr("picket: fetching \(p)\n")
            case .scanning(let p): Terminal.stderr("picket: scanning \(p)\n")
            case .finished(let r):
                let n = done.add(1, ordering: .relaxed).newValue
                Terminal.stderr("picket: [\(n)/\(total)] \(r.path): \(GitLabSummary.statusText(r))\n")
            }
        }
        let results = await scan.run(discovered)

        let combined = GroupScan.combinedReport(results, url: baseURL, group: group, mode: history ? .history : .workingTree,
                                                startedAt: started)
        let options = ReportOptions(color: output == nil && Terminal.colorEnabled && !noColor, showSuppressed: false, width: Terminal.width)
        try ReportOutput.write(to: output) { out in try writer.write(combined, options: options, to: out) }
        Terminal.stderr(GitLabSummary.table(results))
        if connection.verbose {
            let s = client.stats.snapshot
            Terminal.stderr("picket: \(s.requests) GitLab API requests, \(s.retries) retries, \(s.throttled) answered 429, \(String(format: "%.1f", s.rateLimitWaitSeconds)) s waiting on rate limits\n")
        }

        // Remember what was scanned (incremental mode reads it next time).
        let present = Set(discovered.map { String($0.project.id) })
        state.projects = state.projects.filter { present.contains($0.key) }
        for r in results {
            if case .scanned = r.status, let head = r.project.headSHA, let branch = r.project.branch {
                state.projects[String(r.project.project.id)] = ScanState.Entry(
                    path: r.path, branch: branch, headSHA: head,
                    activeFindings: r.report?.activeFindings.count ?? 0)
            }
        }
        do { try state.save(dataDirectory: data) } catch { Terminal.warning("cannot save the scan state: \(error)") }

        let failedProjects = results.contains { if case .failed = $0.status { return true } else { return false } }
        if failedProjects || combined.hasScannerFailure { return PicketExit.error }
        return combined.activeFindings.contains { $0.severity >= threshold } ? PicketExit.findings : PicketExit.clean
    }

    private func parseSeverity(_ s: String) throws -> Severity {
        guard let v = Severity(parsing: s) else {
            throw PicketError.usage("--fail-on: unknown severity '\(s)'; expected one of: \(Severity.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return v
    }
}

/// The per-project summary printed after a group scan.
enum GitLabSummary {
    static func statusText(_ r: ProjectScanResult) -> String {
        switch r.status {
        case .scanned:
            let n = r.report?.activeFindings.count ?? 0
            return "scanned, \(n) finding\(n == 1 ? "" : "s") (\(String(format: "%.1f", r.durationSeconds)) s)"
        case .skipped(let why): return "skipped (\(why.rawValue))"
        case .failed(let why): return "FAILED: \(why)"
        }
    }

    static func table(_ results: [ProjectScanResult]) -> String {
        let severities: [Severity] = [.critical, .high, .medium, .low, .info]
        let nameWidth = min(max(results.map(\.path.count).max() ?? 7, 7), 60)
        var out = "PROJECT".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  STATUS    CRIT  HIGH   MED   LOW  INFO    TIME\n"
        for r in results {
            var name = r.path
            if name.count > nameWidth { name = "…" + name.suffix(nameWidth - 1) }
            var line = name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
            switch r.status {
            case .scanned:
                let active = r.report?.activeFindings ?? []
                line += "scanned "
                for s in severities {
                    let c = active.filter { $0.severity == s }.count
                    line += String(repeating: " ", count: max(0, 6 - String(c).count)) + String(c)
                }
                line += String(format: "  %5.1fs", r.durationSeconds)
            case .skipped(let why):
                line += "skipped (\(why.rawValue))"
            case .failed(let why):
                line += "failed: \(why)"
            }
            out += line + "\n"
        }
        let scanned = results.filter { if case .scanned = $0.status { return true } else { return false } }.count
        let failed = results.filter { if case .failed = $0.status { return true } else { return false } }.count
        out += "\(results.count) project(s): \(scanned) scanned, \(failed) failed, \(results.count - scanned - failed) skipped\n"
        return out
    }
}
