import Foundation
import PicketCore

/// GitLab security-report artifacts (schema 15.2.4): secret detection, dependency scanning, SAST.
/// `gitlab` picks the report type from the scanners that ran; the explicit names pick one type and keep only
/// its findings, so a CI job can write one artifact per type from one run.
public struct GitLabReportWriter: ReportWriter {
    public static let schemaVersion = "15.2.4"

    public enum ReportType: String, Sendable, CaseIterable {
        case secretDetection = "secret_detection"
        case dependencyScanning = "dependency_scanning"
        case sast

        var formatName: String {
            switch self {
            case .secretDetection: "gitlab-secret-detection"
            case .dependencyScanning: "gitlab-dependency-scanning"
            case .sast: "gitlab-sast"
            }
        }

        var kinds: Set<FindingKind> {
            switch self {
            case .secretDetection: [.secret]
            case .dependencyScanning: [.dependency, .license]
            case .sast: [.sast, .iac, .pipeline]
            }
        }

        var scannerName: String {
            switch self {
            case .secretDetection: "Picket secret detection"
            case .dependencyScanning: "Picket dependency scanning"
            case .sast: "Picket SAST"
            }
        }

        static func forScanner(_ id: String) -> ReportType? {
            switch id {
            case "secrets": .secretDetection
            case "deps": .dependencyScanning
            case "sast", "iac", "pipeline": .sast
            default: nil
            }
        }
    }

    public let reportType: ReportType?
    public var format: String { reportType?.formatName ?? "gitlab" }
    public var summary: String {
        reportType.map { "GitLab \($0.rawValue) report artifact (schema \(Self.schemaVersion))" }
            ?? "GitLab security report for the one report type the selected scanners produce"
    }

    public init(reportType: ReportType? = nil) { self.reportType = reportType }

    public func render(_ report: ScanReport, options: ReportOptions) throws -> Data {
        let type = try reportType ?? inferType(report)
        let findings = report.activeFindings.filter { type.kinds.contains($0.kind) }
        var vulns: [[String: Any]] = []
        for f in findings {
            for l in f.allLocations { vulns.append(try vulnerability(f, at: l, type: type, report: report)) }
        }
        var messages: [[String: Any]] = []
        for d in report.diagnostics where d.level != .notice {
            let text = d.path.map { "\($0): \(d.message)" } ?? d.message
            messages.append(["level": d.level == .error ? "fatal" : "warn", "value": text])
        }
        let failed = report.scanners.contains { $0.status == .failed && ReportType.forScanner($0.id) == type }
        var scan: [String: Any] = [
            "analyzer": ["id": "picket", "name": "Picket", "version": report.tool.version, "vendor": ["name": "Picket"]],
            "scanner": ["id": "picket-\(type.rawValue.replacingOccurrences(of: "_", with: "-"))", "name": type.scannerName,
                        "version": report.tool.version, "vendor": ["name": "Picket"]],
            "type": type.rawValue,
            "start_time": Timestamps.gitlab(report.startedAt),
            "end_time": Timestamps.gitlab(report.finishedAt),
            "status": failed ? "failure" : "success",
        ]
        if !messages.isEmpty { scan["messages"] = messages }
        return try JSONSerialization.stableData(["version": Self.schemaVersion, "scan": scan, "vulnerabilities": vulns])
    }

    private func inferType(_ report: ScanReport) throws -> ReportType {
        let types = Set(report.scanners.compactMap { ReportType.forScanner($0.id) })
        if types.count == 1, let t = types.first { return t }
        let names = ReportType.allCases.map(\.formatName).joined(separator: ", ")
        throw PicketError.usage("--format gitlab needs scanners of one report type (this run has \(types.count)); "
                                + "use one of \(names), or --report FORMAT=FILE once per type")
    }

    private func vulnerability(_ f: Finding, at l: Location, type: ReportType, report: ScanReport) throws -> [String: Any] {
        var ids: [[String: Any]] = [["type": "picket_rule_id", "name": "Picket rule \(f.ruleID)", "value": f.ruleID]]
        for i in f.identifiers {
            var o: [String: Any] = ["type": i.type, "name": i.name, "value": i.value]
            if let u = i.url, u.hasPrefix("http") { o["url"] = u }
            ids.append(o)
        }
        if type == .dependencyScanning {
            // GitLab treats the first identifier as primary: the advisory, not Picket's rule.
            // A stable move of Picket's rule id to the end keeps the advisory ids in the finding's order.
            let isRule: ([String: Any]) -> Bool = { ($0["type"] as? String) == "picket_rule_id" }
            ids = ids.filter { !isRule($0) } + ids.filter(isRule)
        }
        var v: [String: Any] = [
            "id": Self.uuid(f.fingerprint.value + "|" + l.path + "|\(l.startLine)"),
            "name": f.title,
            "description": f.message.isEmpty ? f.title : f.message,
            "severity": Self.severity(f.severity),
            "identifiers": ids,
            "location": try location(f, l, type: type, report: report),
        ]
        if let p = f.evidence.preview { v["raw_source_code_extract"] = p }
        if let d = f.dependency {
            if !d.cvssVectors.isEmpty {
                v["cvss_vectors"] = d.cvssVectors.map { ["vendor": "Picket", "vector": $0] }
            }
            if let fix = d.recommendedVersion { v["solution"] = "Upgrade \(d.name) to \(fix) or later." }
        } else if let fix = f.code?.fix {
            v["solution"] = fix
        }
        let links = f.identifiers.compactMap(\.url).filter { $0.hasPrefix("http") } + (f.code?.references ?? [])
        if !links.isEmpty { v["links"] = Array(Set(links)).sorted().map { ["url": $0] } }
        return v
    }

    private func location(_ f: Finding, _ l: Location, type: ReportType, report: ScanReport) throws -> [String: Any] {
        switch type {
        case .secretDetection:
            guard let c = l.commit ?? report.target.origin.commit ?? Self.ciCommit() else {
                throw PicketError.usage("GitLab's secret-detection report needs a commit sha for every finding, and "
                                        + "\(report.target.root) is not a git work tree with commits; scan a git checkout, "
                                        + "set CI_COMMIT_SHA, or use --format json or sarif")
            }
            var commit: [String: Any] = ["sha": c.sha]
            if let a = c.author { commit["author"] = a }
            if let d = c.date { commit["date"] = d }
            if let m = c.message { commit["message"] = m }
            return ["file": l.path, "start_line": l.startLine, "end_line": l.endLine, "commit": commit]
        case .dependencyScanning:
            let d = f.dependency
            var dep: [String: Any] = ["package": ["name": d?.name ?? f.ruleID], "version": d?.version ?? "unknown"]
            if let direct = d?.direct { dep["direct"] = direct }
            return ["file": l.path, "dependency": dep]
        case .sast:
            return ["file": l.path, "start_line": l.startLine, "end_line": max(l.startLine, l.endLine)]
        }
    }

    private static func ciCommit() -> CommitInfo? {
        SystemInfo.environment("CI_COMMIT_SHA").map { CommitInfo(sha: $0) }
    }

    static func severity(_ s: Severity) -> String {
        switch s {
        case .critical: "Critical"
        case .high: "High"
        case .medium: "Medium"
        case .low: "Low"
        case .info: "Info"
        }
    }

    /// A UUID (version 5 layout) derived from the finding's identity, so the same finding keeps its id across runs.
    static func uuid(_ seed: String) -> String {
        var b = Array(Hashing.sha256Hex(seed).utf8.prefix(32))
        b[12] = UInt8(ascii: "5")
        let variant = "89ab".utf8.map { $0 }
        b[16] = variant[Int(b[16]) % 4]
        let s = String(decoding: b, as: UTF8.self)
        let i = s.startIndex
        func part(_ a: Int, _ n: Int) -> Substring { s[s.index(i, offsetBy: a)..<s.index(i, offsetBy: a + n)] }
        return "\(part(0, 8))-\(part(8, 4))-\(part(12, 4))-\(part(16, 4))-\(part(20, 12))"
    }
}
