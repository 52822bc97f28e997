import Foundation
import PicketCore

/// SARIF 2.1.0, one run, rules described once in the driver, results pointing at them by index.
/// Suppressed findings are results with a `suppressions` entry, as code-scanning UIs expect.
public struct SARIFReportWriter: ReportWriter {
    public let format = "sarif"
    public let summary = "SARIF 2.1.0 for code-scanning dashboards"
    static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    public init() {}

    public func render(_ report: ScanReport, options: ReportOptions) throws -> Data {
        var ruleIndex: [String: Int] = [:]
        var rules: [[String: Any]] = []
        for f in report.findings where ruleIndex[f.ruleID] == nil {
            ruleIndex[f.ruleID] = rules.count
            rules.append(rule(for: f))
        }
        let results = report.findings.map { result($0, index: ruleIndex[$0.ruleID]!) }
        var notifications: [[String: Any]] = []
        for d in report.diagnostics where d.level != .notice {
            var n: [String: Any] = ["level": d.level == .error ? "error" : "warning", "message": ["text": d.message],
                                    "descriptor": ["id": d.scanner]]
            if let p = d.path {
                n["locations"] = [["physicalLocation": ["artifactLocation": ["uri": uri(p), "uriBaseId": "%SRCROOT%"]]]]
            }
            notifications.append(n)
        }
        var invocation: [String: Any] = [
            "executionSuccessful": !report.hasScannerFailure,
            "startTimeUtc": Timestamps.iso8601(report.startedAt),
            "endTimeUtc": Timestamps.iso8601(report.finishedAt),
        ]
        if !notifications.isEmpty { invocation["toolExecutionNotifications"] = notifications }
        var run: [String: Any] = [
            "tool": ["driver": ["name": report.tool.name, "version": report.tool.version,
                                "semanticVersion": report.tool.version, "rules": rules]],
            "results": results,
            "invocations": [invocation],
            "originalUriBaseIds": ["%SRCROOT%": ["uri": rootURI(report.target.root)]],
            "columnKind": "unicodeCodePoints",
        ]
        if let c = report.target.origin.commit {
            var vc: [String: Any] = ["revisionId": c.sha, "repositoryUri": report.target.origin.projectURL ?? rootURI(report.target.root)]
            if let b = report.target.origin.branch { vc["branch"] = b }
            run["versionControlProvenance"] = [vc]
        }
        let doc: [String: Any] = ["$schema": Self.schemaURI, "version": "2.1.0", "runs": [run]]
        return try JSONSerialization.stableData(doc)
    }

    private func rule(for f: Finding) -> [String: Any] {
        var tags = ["security", f.kind.rawValue]
        tags += f.identifiers.filter { $0.type == "cwe" }.map { "external/cwe/\($0.name.lowercased())" }
        var r: [String: Any] = [
            "id": f.ruleID,
            "name": f.ruleID,
            "shortDescription": ["text": f.title],
            "defaultConfiguration": ["level": level(f.severity)],
            "properties": ["tags": tags, "security-severity": securitySeverity(f.severity), "precision": precision(f.confidence)],
        ]
        if f.kind != .secret { r["fullDescription"] = ["text": f.message] }
        if let url = f.identifiers.first(where: { $0.url != nil })?.url { r["helpUri"] = url }
        return r
    }

    private func result(_ f: Finding, index: Int) -> [String: Any] {
        var r: [String: Any] = [
            "ruleId": f.ruleID,
            "ruleIndex": index,
            "level": level(f.severity),
            "message": ["text": message(f)],
            "locations": [physical(f.location, snippet: f.evidence.snippet)],
            "partialFingerprints": ["picket/v1": f.fingerprint.value],
            "properties": properties(f),
        ]
        if !f.additionalLocations.isEmpty {
            r["relatedLocations"] = f.additionalLocations.enumerated().map { i, l -> [String: Any] in
                var p = physical(l, snippet: nil)
                p["id"] = i + 1
                p["message"] = ["text": "same \(f.kind == .secret ? "secret" : "finding") also here"]
                return p
            }
        }
        if let s = f.suppression {
            r["suppressions"] = [["kind": s.kind == .inlineComment ? "inSource" : "external", "status": "accepted",
                                  "justification": s.reason]]
        }
        return r
    }

    private func message(_ f: Finding) -> String {
        var text = f.title
        if let p = f.evidence.preview { text += " (\(p))" }
        if f.kind != .secret && !f.message.isEmpty && f.message != f.title { text += ": " + f.message }
        return text
    }

    private func properties(_ f: Finding) -> [String: Any] {
        var p: [String: Any] = ["severity": f.severity.rawValue, "kind": f.kind.rawValue]
        if let c = f.location.commit {
            p["commit"] = c.sha
            if let a = c.author { p["author"] = a }
            if let d = c.date { p["date"] = d }
        }
        if let h = f.evidence.sha256 { p["secretSha256"] = h }
        if let v = f.evidence.revealed { p["secret"] = v }
        if let d = f.dependency {
            p["package"] = d.name
            p["version"] = d.version
            p["ecosystem"] = d.ecosystem
            if let fix = d.recommendedVersion { p["fixedVersion"] = fix }
        }
        return p
    }

    private func physical(_ l: Location, snippet: String?) -> [String: Any] {
        var region: [String: Any] = ["startLine": max(1, l.startLine), "startColumn": max(1, l.startColumn),
                                     "endLine": max(l.startLine, l.endLine), "endColumn": max(1, l.endColumn)]
        if let snippet { region["snippet"] = ["text": snippet] }
        return ["physicalLocation": ["artifactLocation": ["uri": uri(l.path), "uriBaseId": "%SRCROOT%"], "region": region]]
    }

    private func uri(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: Self.pathAllowed) ?? path
    }

    private func rootURI(_ root: String) -> String {
        "file://" + uri(root.hasSuffix("/") ? root : root + "/")
    }

    private static let pathAllowed: CharacterSet = {
        var s = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        s.insert(charactersIn: "/-._~!$&'()*+,;=:@")
        return s
    }()

    private func level(_ s: Severity) -> String {
        switch s {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    /// GitHub-style numeric severity (0–10) that code-scanning UIs bucket.
    private func securitySeverity(_ s: Severity) -> String {
        switch s {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "2.0"
        case .info: "0.0"
        }
    }

    private func precision(_ c: Confidence) -> String {
        switch c {
        case .high: "high"
        case .medium: "medium"
        case .low: "low"
        }
    }
}
