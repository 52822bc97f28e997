import ArgumentParser
import Foundation
import PicketCore
import PicketScanners
import PicketReports

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan a folder (default: the current one) or its git history.",
        discussion: """
        Exit codes: 0 = no finding at or above --fail-on, 1 = findings at or above --fail-on, 2 = usage or runtime error \
        (also when a scanner failed, so a failed scan is never taken for a clean one).
        """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Folder to scan.")
    var path: String = "."

    @Flag(help: "Scan every blob reachable from every ref of the git repository instead of the working tree.")
    var history = false

    @Option(help: ArgumentHelp("Scanners to run, comma-separated (default: all available).", valueName: "LIST"))
    var scanners: String?

    @Option(help: ArgumentHelp("Configuration file to use instead of <PATH>/.picket.yml.", valueName: "FILE"))
    var config: String?

    @Option(name: .customLong("gitleaks-config"), help: ArgumentHelp("Import custom rules from a gitleaks TOML configuration.", valueName: "FILE"))
    var gitleaksConfig: String?

    @Option(help: ArgumentHelp("Output format: \(ReportFormats.names.joined(separator: ", ")) (default: table).", valueName: "FORMAT"))
    var format: String?

    @Option(help: ArgumentHelp("Write the report to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(name: .customLong("report"), help: ArgumentHelp("Also write FORMAT to FILE; repeatable (e.g. --report sarif=picket.sarif).", valueName: "FORMAT=FILE"))
    var reports: [String] = []

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit 1 when a finding reaches this severity: info, low, medium, high, critical.", valueName: "SEVERITY"))
    var failOn: String?

    @Option(help: ArgumentHelp("Suppress findings already in this earlier JSON report.", valueName: "REPORT"))
    var baseline: String?

    @Flag(name: .customLong("no-redact"), help: "Show secrets in full in the report.")
    var noRedact = false

    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("Skip files larger than this (default 10MB).", valueName: "SIZE"))
    var maxFileSize: String?

    @Option(help: ArgumentHelp("Worker threads (default: number of cores).", valueName: "N"))
    var threads: Int?

    @Flag(inversion: .prefixedNo, help: "Show a progress line on stderr (default: only when stderr is a terminal).")
    var progress: Bool?

    @Flag(name: .customLong("show-suppressed"), help: "List suppressed findings in the table too.")
    var showSuppressed = false

    @Flag(name: .customLong("no-color"), help: "Never use colours.")
    var noColor = false

    func run() async throws {
        try await withUserErrors { try await execute() }
    }

    private func execute() async throws -> Int32 {
        let root = try FileWalker.resolveRoot(path)
        let writer = try ReportFormats.writer(named: format ?? "table")
        let extraReports = try reports.map { spec -> (any ReportWriter, String) in
            guard let eq = spec.firstIndex(of: "="), eq != spec.startIndex, spec.index(after: eq) != spec.endIndex else {
                throw PicketError.usage("--report expects FORMAT=FILE, got '\(spec)'")
            }
            return (try ReportFormats.writer(named: String(spec[..<eq])), String(spec[spec.index(after: eq)...]))
        }
        let cfg = try PicketConfig.load(root: root, explicit: config)
        let threshold = try failOn.map(parseSeverity) ?? cfg.failOn ?? .low
        let sizeLimit = try maxFileSize.map { s -> Int in
            guard let v = ByteSize.parse(s) else { throw PicketError.usage("--max-file-size: expected a size such as 10MB, got '\(s)'") }
            return v
        }
        let selectedIDs = scanners.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? cfg.scanners
        let registry = ScannerCatalog.registry(gitleaksConfig: gitleaksConfig, requested: selectedIDs)
        let selected = try registry.select(selectedIDs)
        for s in selected { try s.validate(config: cfg) }
        let base = try baseline.map(Baseline.load)

        let context = ScanContext(revealSecrets: noRedact, parallelism: threads ?? SystemInfo.activeProcessorCount,
                                  dataDirectory: global.dataDirectory)
        let display = (progress ?? Terminal.stderrIsTTY) ? ProgressDisplay(progress: context.progress, interactive: Terminal.stderrIsTTY) : nil
        display?.start()
        context.progress.setPhase("walking files")
        let target = try await ScanRunner.makeTarget(path: root, mode: history ? .history : .workingTree, config: cfg, maxFileSize: sizeLimit)
        context.progress.setPhase(history ? "scanning history" : "scanning")
        let report = await ScanRunner(scanners: selected, policy: FindingPolicy(config: cfg, baseline: base)).run(target, context: context)
        display?.stop()

        let options = ReportOptions(color: output == nil && Terminal.colorEnabled && !noColor,
                                    showSuppressed: showSuppressed, width: Terminal.width)
        try ReportOutput.write(to: output) { out in try writer.write(report, options: options, to: out) }
        for (w, file) in extraReports {
            try ReportOutput.write(to: file) { out in try w.write(report, options: ReportOptions(), to: out) }
        }

        // A failed scanner is said on stderr too when the report itself is not a table on the terminal.
        if writer.format != "table" || output != nil {
            for run in report.scanners where run.status == .failed {
                Terminal.error("scanner \(run.id) failed: \(run.error ?? "unknown error")")
            }
        }
        let code = report.hasScannerFailure ? PicketExit.error
            : report.hasActiveFinding(atLeast: threshold) ? PicketExit.findings : PicketExit.clean
        // Everything is written: end here rather than free every finding one by one on the way out.
        PicketExit.now(code)
    }

    private func parseSeverity(_ s: String) throws -> Severity {
        guard let v = Severity(parsing: s) else {
            throw PicketError.usage("--fail-on: unknown severity '\(s)'; expected one of: \(Severity.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return v
    }
}
