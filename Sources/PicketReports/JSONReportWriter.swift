import Foundation
import PicketCore

/// Picket's own JSON report, a stable schema documented in docs/json-report.md (`"schema": "picket-report/1"`).
/// Field names only ever get added within a schema version.
public struct JSONReportWriter: ReportWriter {
    public static let schema = "picket-report/1"
    public let format = "json"
    public let summary = "Picket's JSON report (stable schema picket-report/1)"

    public init() {}

    public func render(_ report: ScanReport, options: ReportOptions) throws -> Data {
        try JSONSerialization.stableData(object(report))
    }

    public func object(_ report: ScanReport) -> [String: Any] {
        let active = report.activeFindings
        var bySeverity: [String: Int] = [:]
        for s in Severity.allCases { bySeverity[s.rawValue] = 0 }
        for f in active { bySeverity[f.severity.rawValue, default: 0] += 1 }
        return [
            "schema": Self.schema,
            "tool": ["name": report.tool.name, "version": report.tool.version],
            "target": target(report.target),
            "started_at": Timestamps.iso8601(report.startedAt),
            "finished_at": Timestamps.iso8601(report.finishedAt),
            "scanners": report.scanners.map { run -> [String: Any] in
                var o: [String: Any] = ["id": run.id, "name": run.name, "status": run.status.rawValue,
                                        "duration_seconds": (run.durationSeconds * 1000).rounded() / 1000, "stats": run.stats]
                if let e = run.error { o["error"] = e }
                return o
            },
            "summary": ["findings": active.count, "suppressed": report.findings.count - active.count, "by_severity": bySeverity],
            "findings": report.findings.map(finding),
            "diagnostics": report.diagnostics.map { d -> [String: Any] in
                var o: [String: Any] = ["level": d.level.rawValue, "scanner": d.scanner, "message": d.message]
                if let p = d.path { o["path"] = p }
                return o
            },
        ]
    }

    private func target(_ t: TargetInfo) -> [String: Any] {
        var o: [String: Any] = ["root": t.root, "mode": t.mode.rawValue]
        if let c = t.origin.commit { o["commit"] = commit(c) }
        if let b = t.origin.branch { o["branch"] = b }
        if let p = t.origin.projectPath { o["project"] = p }
        if let u = t.origin.projectURL { o["project_url"] = u }
        return o
    }

    func finding(_ f: Finding) -> [String: Any] {
        var o: [String: Any] = [
            "fingerprint": f.fingerprint.value,
            "kind": f.kind.rawValue,
            "rule_id": f.ruleID,
            "title": f.title,
            "message": f.message,
            "severity": f.severity.rawValue,
            "confidence": f.confidence.rawValue,
            "location": location(f.location),
            "locations": f.allLocations.map(location),
            "identifiers": f.identifiers.map { i -> [String: Any] in
                var o: [String: Any] = ["type": i.type, "name": i.name, "value": i.value]
                if let u = i.url { o["url"] = u }
                return o
            },
        ]
        var ev: [String: Any] = [:]
        if let s = f.evidence.snippet { ev["snippet"] = s }
        if let p = f.evidence.preview { ev["preview"] = p }
        if let h = f.evidence.sha256 { ev["sha256"] = h }
        if let r = f.evidence.revealed { ev["value"] = r }
        if !ev.isEmpty { o["evidence"] = ev }
        if let s = f.secret {
            var d: [String: Any] = [:]
            if let x = s.decodedFrom { d["decoded_from"] = x }
            if let x = s.checksumValid { d["checksum_valid"] = x }
            if let x = s.entropy { d["entropy"] = (x * 1000).rounded() / 1000 }
            o["secret"] = d
        }
        if let d = f.dependency {
            var x: [String: Any] = ["ecosystem": d.ecosystem, "name": d.name, "version": d.version,
                                    "aliases": d.aliases, "fixed_versions": d.fixedVersions, "cvss_vectors": d.cvssVectors]
            if let v = d.purl { x["purl"] = v }
            if let v = d.direct { x["direct"] = v }
            if let v = d.scope { x["scope"] = v }
            if let v = d.recommendedVersion { x["recommended_version"] = v }
            if let v = d.license { x["license"] = v }
            o["dependency"] = x
        }
        if let c = f.code {
            var x: [String: Any] = ["engine": c.engine, "references": c.references]
            if let v = c.resource { x["resource"] = v }
            if let v = c.fix { x["fix"] = v }
            o["code"] = x
        }
        if let s = f.suppression { o["suppression"] = ["kind": s.kind.rawValue, "reason": s.reason] }
        return o
    }

    private func location(_ l: Location) -> [String: Any] {
        var o: [String: Any] = ["path": l.path, "start_line": l.startLine, "start_column": l.startColumn,
                                "end_line": l.endLine, "end_column": l.endColumn]
        if let c = l.commit { o["commit"] = commit(c) }
        return o
    }

    private func commit(_ c: CommitInfo) -> [String: Any] {
        var o: [String: Any] = ["sha": c.sha]
        if let v = c.author { o["author"] = v }
        if let v = c.email { o["email"] = v }
        if let v = c.date { o["date"] = v }
        if let v = c.message { o["message"] = v }
        return o
    }
}
