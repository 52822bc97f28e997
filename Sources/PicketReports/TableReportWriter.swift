import Foundation
import PicketCore

/// The human format: findings grouped by file, one line each, colours on a terminal, a summary line last.
public struct TableReportWriter: ReportWriter {
    public let format = "table"
    public let summary = "findings grouped by file for people (default on a terminal)"

    public init() {}

    public func render(_ report: ScanReport, options: ReportOptions) throws -> Data {
        let paint = Paint(enabled: options.color)
        var out = ""
        let shown = report.findings.filter { options.showSuppressed || $0.suppression == nil }
        var byFile: [(String, [Finding])] = []
        var index: [String: Int] = [:]
        for f in shown {
            if let i = index[f.location.path] { byFile[i].1.append(f) } else {
                index[f.location.path] = byFile.count
                byFile.append((f.location.path, [f]))
            }
        }
        let ruleWidth = min(34, shown.map(\.ruleID.count).max() ?? 0)
        for (path, findings) in byFile {
            out += paint.bold(path) + "\n"
            for f in findings {
                let pos = "\(f.location.startLine):\(f.location.startColumn)".padding(toLength: 9, withPad: " ", startingAt: 0)
                let sev = paint.severity(f.severity, f.severity.rawValue.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0))
                var line = "  \(pos) \(sev) \(f.ruleID.padding(toLength: ruleWidth, withPad: " ", startingAt: 0))  \(f.title)"
                if let p = f.evidence.revealed ?? f.evidence.preview { line += "  " + paint.dim(p) }
                if let d = f.dependency {
                    line += "  " + paint.dim("\(d.name)@\(d.version)")
                    if let fix = d.recommendedVersion { line += paint.dim(" → \(fix)") }
                }
                if let s = f.suppression { line += "  " + paint.dim("[suppressed: \(s.reason)]") }
                out += line + "\n"
                if let c = f.location.commit {
                    let who = [c.author, c.date].compactMap { $0 }.joined(separator: ", ")
                    out += paint.dim("            introduced in \(c.sha.prefix(12))\(who.isEmpty ? "" : " (\(who))")") + "\n"
                }
                for extra in f.additionalLocations.prefix(5) {
                    out += paint.dim("            also at \(extra.path):\(extra.startLine)") + "\n"
                }
                if f.additionalLocations.count > 5 {
                    out += paint.dim("            and \(f.additionalLocations.count - 5) more places") + "\n"
                }
            }
            out += "\n"
        }
        let problems = report.diagnostics.filter { $0.level >= .warning }
        for d in problems.prefix(20) {
            let tag = d.level == .error ? paint.red("error") : paint.yellow("warning")
            out += "\(tag): \(d.path.map { "\($0): " } ?? "")\(d.message)\n"
        }
        if problems.count > 20 { out += "… and \(problems.count - 20) more warnings (see --format json)\n" }
        for run in report.scanners where run.status == .failed {
            out += paint.red("scanner \(run.id) failed: \(run.error ?? "unknown error")") + "\n"
        }
        out += summaryLine(report, paint: paint) + "\n"
        return Data(out.utf8)
    }

    func summaryLine(_ report: ScanReport, paint: Paint) -> String {
        let active = report.activeFindings
        let suppressed = report.findings.count - active.count
        var parts: [String] = []
        if active.isEmpty {
            parts.append(paint.green("No findings"))
        } else {
            let counts = Severity.allCases.reversed().compactMap { s -> String? in
                let n = active.filter { $0.severity == s }.count
                return n == 0 ? nil : paint.severity(s, "\(n) \(s.rawValue)")
            }
            let files = Set(active.map(\.location.path)).count
            parts.append("\(active.count) finding\(active.count == 1 ? "" : "s") (\(counts.joined(separator: ", "))) in \(files) file\(files == 1 ? "" : "s")")
        }
        if suppressed > 0 { parts.append("\(suppressed) suppressed") }
        let files = report.scanners.compactMap { $0.stats["files"] }.max() ?? 0
        let bytes = report.scanners.compactMap { $0.stats["bytes"] }.max() ?? 0
        let blobs = report.scanners.compactMap { $0.stats["blobs"] }.max()
        var scanned = blobs.map { "scanned \($0) blobs" } ?? "scanned \(files) files"
        scanned += " (\(ByteCount.format(bytes))) in \(String(format: "%.2f", report.finishedAt.timeIntervalSince(report.startedAt))) s"
        parts.append(scanned)
        return parts.joined(separator: " · ")
    }
}

struct Paint {
    var enabled: Bool
    func wrap(_ code: String, _ s: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    func bold(_ s: String) -> String { wrap("1", s) }
    func dim(_ s: String) -> String { wrap("2", s) }
    func red(_ s: String) -> String { wrap("31", s) }
    func green(_ s: String) -> String { wrap("32", s) }
    func yellow(_ s: String) -> String { wrap("33", s) }
    func severity(_ sev: Severity, _ s: String) -> String {
        switch sev {
        case .critical: wrap("1;31", s)
        case .high: wrap("31", s)
        case .medium: wrap("33", s)
        case .low: wrap("36", s)
        case .info: wrap("2", s)
        }
    }
}
