import Foundation
import PicketCore

/// Picket's own JSON report, a stable schema documented in docs/json-report.md (`"schema": "picket-report/1"`).
/// Field names only ever get added within a schema version. Written finding by finding (keys in sorted order),
/// so a report of any size streams to its file in constant memory.
public struct JSONReportWriter: JSONDocumentWriter {
    public static let schema = "picket-report/1"
    public let format = "json"
    public let summary = "Picket's JSON report (stable schema picket-report/1)"

    public init() {}

    public func emit(_ report: ScanReport, _ json: inout JSONEmitter) throws {
        var bySeverity: [String: Int] = [:]
        for s in Severity.allCases { bySeverity[s.rawValue] = 0 }
        var active = 0
        for f in report.findings where f.suppression == nil {
            bySeverity[f.severity.rawValue, default: 0] += 1
            active += 1
        }
        try json.object { o in
            o.field("diagnostics", each: report.diagnostics) { a, d in
                a.object { x in
                    x.field("level", d.level.rawValue)
                    x.field("message", d.message)
                    x.field("path", d.path)
                    x.field("scanner", d.scanner)
                }
            }
            try o.field("findings", parallel: report.findings, workers: SystemInfo.activeProcessorCount) { a, f in
                try a.object { x in try JSONReportWriter.finding(f, &x) }
            }
            o.field("finished_at", Timestamps.iso8601(report.finishedAt))
            try o.field("scanners", each: report.scanners) { a, run in
                try a.object { x in
                    try x.field("duration_seconds", (run.durationSeconds * 1000).rounded() / 1000)
                    x.field("error", run.error)
                    x.field("id", run.id)
                    x.field("name", run.name)
                    x.field("stats", counts: run.stats)
                    x.field("status", run.status.rawValue)
                }
            }
            o.field("schema", Self.schema)
            o.field("started_at", Timestamps.iso8601(report.startedAt))
            o.field("summary", object: { x in
                x.field("by_severity", counts: bySeverity)
                x.field("findings", active)
                x.field("suppressed", report.findings.count - active)
            })
            o.field("target", object: { x in target(report.target, &x) })
            o.field("tool", object: { x in
                x.field("name", report.tool.name)
                x.field("version", report.tool.version)
            })
        }
    }

    private func target(_ t: TargetInfo, _ o: inout JSONEmitter) {
        if let b = t.origin.branch { o.field("branch", b) }
        if let c = t.origin.commit { o.field("commit", object: { x in Self.commit(c, &x) }) }
        o.field("mode", t.mode.rawValue)
        o.field("project", t.origin.projectPath)
        o.field("project_url", t.origin.projectURL)
        o.field("root", t.root)
    }

    static func finding(_ f: Finding, _ o: inout JSONEmitter) throws {
        if let c = f.code {
            o.field("code", object: { x in
                x.field("engine", c.engine)
                x.field("fix", c.fix)
                x.field("references", c.references)
                x.field("resource", c.resource)
            })
        }
        o.field("confidence", f.confidence.rawValue)
        if let d = f.dependency {
            o.field("dependency", object: { x in
                x.field("aliases", d.aliases)
                x.field("cvss_vectors", d.cvssVectors)
                x.field("direct", d.direct)
                x.field("ecosystem", d.ecosystem)
                x.field("fixed_versions", d.fixedVersions)
                x.field("introduced_through", d.introducedThrough)
                x.field("license", d.license)
                x.field("name", d.name)
                x.field("purl", d.purl)
                x.field("recommended_version", d.recommendedVersion)
                x.field("scope", d.scope)
                x.field("version", d.version)
            })
        }
        let ev = f.evidence
        if ev.snippet != nil || ev.preview != nil || ev.sha256 != nil || ev.revealed != nil {
            o.field("evidence", object: { x in
                x.field("preview", ev.preview)
                x.field("sha256", ev.sha256)
                x.field("snippet", ev.snippet)
                x.field("value", ev.revealed)
            })
        }
        o.field("fingerprint", f.fingerprint.value)
        o.field("identifiers", each: f.identifiers) { a, i in
            a.object { x in
                x.field("name", i.name)
                x.field("type", i.type)
                x.field("url", i.url)
                x.field("value", i.value)
            }
        }
        o.field("kind", f.kind.rawValue)
        o.field("location", object: { x in location(f.location, &x) })
        o.field("locations", each: f.allLocations) { a, l in a.object { x in location(l, &x) } }
        o.field("message", f.message)
        o.field("rule_id", f.ruleID)
        if let s = f.secret {
            try o.field("secret", object: { x in
                x.field("checksum_valid", s.checksumValid)
                x.field("decoded_from", s.decodedFrom)
                if let e = s.entropy { try x.field("entropy", (e * 1000).rounded() / 1000) }
            })
        }
        o.field("severity", f.severity.rawValue)
        if let s = f.suppression {
            o.field("suppression", object: { x in
                x.field("kind", s.kind.rawValue)
                x.field("reason", s.reason)
            })
        }
        o.field("title", f.title)
    }

    private static func location(_ l: Location, _ o: inout JSONEmitter) {
        if let c = l.commit { o.field("commit", object: { x in commit(c, &x) }) }
        o.field("end_column", l.endColumn)
        o.field("end_line", l.endLine)
        o.field("path", l.path)
        o.field("start_column", l.startColumn)
        o.field("start_line", l.startLine)
    }

    private static func commit(_ c: CommitInfo, _ o: inout JSONEmitter) {
        o.field("author", c.author)
        o.field("date", c.date)
        o.field("email", c.email)
        o.field("message", c.message)
        o.field("sha", c.sha)
    }
}
