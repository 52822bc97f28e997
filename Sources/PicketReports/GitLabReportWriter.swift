import Foundation
import PicketCore

/// GitLab security-report artifacts (schema 15.2.4): secret detection, dependency scanning, SAST.
/// `gitlab` picks the report type from the scanners that ran; the explicit names pick one type and keep only
/// its findings, so a CI job can write one artifact per type from one run.
public struct GitLabReportWriter: JSONDocumentWriter {
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

    /// One vulnerability per place a finding occurs.
    private struct Entry: Sendable {
        var finding: Finding
        var location: Location
    }

    public func emit(_ report: ScanReport, _ json: inout JSONEmitter) throws {
        let type = try reportType ?? inferType(report)
        var entries: [Entry] = []
        for f in report.findings where f.suppression == nil && type.kinds.contains(f.kind) {
            for l in f.allLocations { entries.append(Entry(finding: f, location: l)) }
        }
        // Checked before the first byte is written, so a refused report leaves nothing behind.
        let fallbackCommit = report.target.origin.commit ?? Self.ciCommit()
        if type == .secretDetection, entries.contains(where: { $0.location.commit == nil }), fallbackCommit == nil {
            throw PicketError.usage("GitLab's secret-detection report needs a commit sha for every finding, and "
                                    + "\(report.target.root) is not a git work tree with commits; scan a git checkout, "
                                    + "set CI_COMMIT_SHA, or use --format json or sarif")
        }
        let messages = report.diagnostics.filter { $0.level != .notice }
        let failed = report.scanners.contains { $0.status == .failed && ReportType.forScanner($0.id) == type }
        let version = report.tool.version
        try json.object { o in
            o.field("scan", object: { x in
                x.field("analyzer", object: { a in
                    a.field("id", "picket")
                    a.field("name", "Picket")
                    a.field("vendor", object: { v in v.field("name", "Picket") })
                    a.field("version", version)
                })
                x.field("end_time", Timestamps.gitlab(report.finishedAt))
                if !messages.isEmpty {
                    x.field("messages", each: messages) { a, d in
                        a.object { m in
                            m.field("level", d.level == .error ? "fatal" : "warn")
                            m.field("value", d.path.map { "\($0): \(d.message)" } ?? d.message)
                        }
                    }
                }
                x.field("scanner", object: { a in
                    a.field("id", "picket-\(type.rawValue.replacingOccurrences(of: "_", with: "-"))")
                    a.field("name", type.scannerName)
                    a.field("vendor", object: { v in v.field("name", "Picket") })
                    a.field("version", version)
                })
                x.field("start_time", Timestamps.gitlab(report.startedAt))
                x.field("status", failed ? "failure" : "success")
                x.field("type", type.rawValue)
            })
            o.field("version", Self.schemaVersion)
            try o.field("vulnerabilities", parallel: entries, workers: SystemInfo.activeProcessorCount) { a, e in
                a.object { v in Self.vulnerability(e.finding, at: e.location, type: type, commit: fallbackCommit, &v) }
            }
        }
    }

    private func inferType(_ report: ScanReport) throws -> ReportType {
        let types = Set(report.scanners.compactMap { ReportType.forScanner($0.id) })
        if types.count == 1, let t = types.first { return t }
        let names = ReportType.allCases.map(\.formatName).joined(separator: ", ")
        throw PicketError.usage("--format gitlab needs scanners of one report type (this run has \(types.count)); "
                                + "use one of \(names), or --report FORMAT=FILE once per type")
    }

    /// Keys in sorted order (the emitter checks it in debug builds).
    private static func vulnerability(_ f: Finding, at l: Location, type: ReportType, commit: CommitInfo?,
                                      _ v: inout JSONEmitter) {
        if let d = f.dependency, !d.cvssVectors.isEmpty {
            v.field("cvss_vectors", each: d.cvssVectors) { a, vector in
                a.object { c in
                    c.field("vector", vector)
                    c.field("vendor", "Picket")
                }
            }
        }
        v.field("description", f.message.isEmpty ? f.title : f.message)
        v.field("id", uuid(f.fingerprint.value + "|" + l.path + "|\(l.startLine)"))
        v.field("identifiers", array: { a in
            // GitLab treats the first identifier as primary: for dependencies the advisory, not Picket's rule.
            if type != .dependencyScanning { ruleIdentifier(f, &a) }
            for i in f.identifiers {
                a.object { o in
                    o.field("name", i.name)
                    o.field("type", i.type)
                    if let u = i.url, u.hasPrefix("http") { o.field("url", u) }
                    o.field("value", i.value)
                }
            }
            if type == .dependencyScanning { ruleIdentifier(f, &a) }
        })
        let links = f.identifiers.compactMap(\.url).filter { $0.hasPrefix("http") } + (f.code?.references ?? [])
        if !links.isEmpty {
            v.field("links", each: Array(Set(links)).sorted()) { a, url in a.object { o in o.field("url", url) } }
        }
        v.field("location", object: { o in location(f, l, type: type, commit: commit, &o) })
        v.field("name", f.title)
        v.field("raw_source_code_extract", f.evidence.preview)
        v.field("severity", severity(f.severity))
        if let d = f.dependency {
            if let fix = d.recommendedVersion { v.field("solution", "Upgrade \(d.name) to \(fix) or later.") }
        } else if let fix = f.code?.fix {
            v.field("solution", fix)
        }
    }

    private static func ruleIdentifier(_ f: Finding, _ a: inout JSONEmitter) {
        a.object { o in
            o.field("name", "Picket rule \(f.ruleID)")
            o.field("type", "picket_rule_id")
            o.field("value", f.ruleID)
        }
    }

    private static func location(_ f: Finding, _ l: Location, type: ReportType, commit: CommitInfo?, _ o: inout JSONEmitter) {
        switch type {
        case .secretDetection:
            // `emit` refused the report when neither the location nor the scan has a commit.
            if let c = l.commit ?? commit {
                o.field("commit", object: { x in
                    x.field("author", c.author)
                    x.field("date", c.date)
                    x.field("message", c.message)
                    x.field("sha", c.sha)
                })
            }
            o.field("end_line", l.endLine)
            o.field("file", l.path)
            o.field("start_line", l.startLine)
        case .dependencyScanning:
            let d = f.dependency
            o.field("dependency", object: { x in
                x.field("direct", d?.direct)
                x.field("package", object: { p in p.field("name", d?.name ?? f.ruleID) })
                x.field("version", d?.version ?? "unknown")
            })
            o.field("file", l.path)
        case .sast:
            o.field("end_line", max(l.startLine, l.endLine))
            o.field("file", l.path)
            o.field("start_line", l.startLine)
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
