import Foundation
import PicketCore

/// SARIF 2.1.0, one run, rules described once in the driver, results pointing at them by index.
/// Suppressed findings are results with a `suppressions` entry, as code-scanning UIs expect.
public struct SARIFReportWriter: JSONDocumentWriter {
    public let format = "sarif"
    public let summary = "SARIF 2.1.0 for code-scanning dashboards"
    static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    public init() {}

    /// A result and the index of its rule in the driver's list.
    private struct Entry: Sendable {
        var finding: Finding
        var ruleIndex: Int
    }

    /// Keys in sorted order throughout (the emitter checks it in debug builds).
    public func emit(_ report: ScanReport, _ json: inout JSONEmitter) throws {
        var ruleIndex: [String: Int] = [:]
        var rules: [Finding] = []
        for f in report.findings where ruleIndex[f.ruleID] == nil {
            ruleIndex[f.ruleID] = rules.count
            rules.append(f)
        }
        let entries = report.findings.map { Entry(finding: $0, ruleIndex: ruleIndex[$0.ruleID]!) }
        let notifications = report.diagnostics.filter { $0.level != .notice }
        let root = rootURI(report.target.root)
        try json.object { doc in
            doc.field("$schema", Self.schemaURI)
            try doc.field("runs", array: { runs in
                try runs.object { run in
                    run.field("columnKind", "unicodeCodePoints")
                    run.field("invocations", array: { a in
                        a.object { inv in
                            inv.field("endTimeUtc", Timestamps.iso8601(report.finishedAt))
                            inv.field("executionSuccessful", !report.hasScannerFailure)
                            inv.field("startTimeUtc", Timestamps.iso8601(report.startedAt))
                            if !notifications.isEmpty {
                                inv.field("toolExecutionNotifications", each: notifications) { a, d in
                                    a.object { n in notification(d, &n) }
                                }
                            }
                        }
                    })
                    run.field("originalUriBaseIds", object: { o in
                        o.field("%SRCROOT%", object: { x in x.field("uri", root) })
                    })
                    try run.field("results", parallel: entries, workers: SystemInfo.activeProcessorCount) { a, e in
                        a.object { r in Self.result(e.finding, index: e.ruleIndex, &r) }
                    }
                    run.field("tool", object: { t in
                        t.field("driver", object: { d in
                            d.field("name", report.tool.name)
                            d.field("rules", each: rules) { a, f in a.object { r in Self.rule(for: f, &r) } }
                            d.field("semanticVersion", report.tool.version)
                            d.field("version", report.tool.version)
                        })
                    })
                    if let c = report.target.origin.commit {
                        run.field("versionControlProvenance", array: { a in
                            a.object { vc in
                                vc.field("branch", report.target.origin.branch)
                                vc.field("repositoryUri", report.target.origin.projectURL ?? root)
                                vc.field("revisionId", c.sha)
                            }
                        })
                    }
                }
            })
            doc.field("version", "2.1.0")
        }
    }

    private func notification(_ d: ScanDiagnostic, _ n: inout JSONEmitter) {
        n.field("descriptor", object: { x in x.field("id", d.scanner) })
        n.field("level", d.level == .error ? "error" : "warning")
        if let p = d.path {
            n.field("locations", array: { a in
                a.object { l in
                    l.field("physicalLocation", object: { x in Self.artifact(p, &x) })
                }
            })
        }
        n.field("message", object: { x in x.field("text", d.message) })
    }

    private static func rule(for f: Finding, _ r: inout JSONEmitter) {
        var tags = ["security", f.kind.rawValue]
        tags += f.identifiers.filter { $0.type == "cwe" }.map { "external/cwe/\($0.name.lowercased())" }
        r.field("defaultConfiguration", object: { x in x.field("level", level(f.severity)) })
        if f.kind != .secret { r.field("fullDescription", object: { x in x.field("text", f.message) }) }
        r.field("helpUri", f.identifiers.first(where: { $0.url != nil })?.url)
        r.field("id", f.ruleID)
        r.field("name", f.ruleID)
        r.field("properties", object: { x in
            x.field("precision", precision(f.confidence))
            x.field("security-severity", securitySeverity(f.severity))
            x.field("tags", tags)
        })
        r.field("shortDescription", object: { x in x.field("text", f.title) })
    }

    private static func result(_ f: Finding, index: Int, _ r: inout JSONEmitter) {
        r.field("level", level(f.severity))
        r.field("locations", array: { a in a.object { l in physical(f.location, snippet: f.evidence.snippet, &l) } })
        r.field("message", object: { x in x.field("text", message(f)) })
        r.field("partialFingerprints", object: { x in x.field("picket/v1", f.fingerprint.value) })
        r.field("properties", object: { x in properties(f, &x) })
        if !f.additionalLocations.isEmpty {
            r.field("relatedLocations", each: Array(f.additionalLocations.enumerated())) { a, item in
                a.object { p in
                    p.field("id", item.offset + 1)
                    p.field("message", object: { x in x.field("text", "same \(f.kind == .secret ? "secret" : "finding") also here") })
                    physical(item.element, snippet: nil, &p)
                }
            }
        }
        r.field("ruleId", f.ruleID)
        r.field("ruleIndex", index)
        if let s = f.suppression {
            r.field("suppressions", array: { a in
                a.object { x in
                    x.field("justification", s.reason)
                    x.field("kind", s.kind == .inlineComment ? "inSource" : "external")
                    x.field("status", "accepted")
                }
            })
        }
    }

    private static func message(_ f: Finding) -> String {
        var text = f.title
        if let p = f.evidence.preview { text += " (\(p))" }
        if f.kind != .secret && !f.message.isEmpty && f.message != f.title { text += ": " + f.message }
        return text
    }

    private static func properties(_ f: Finding, _ p: inout JSONEmitter) {
        let c = f.location.commit
        let d = f.dependency
        p.field("author", c?.author)
        p.field("commit", c?.sha)
        p.field("date", c?.date)
        p.field("ecosystem", d?.ecosystem)
        p.field("fixedVersion", d?.recommendedVersion)
        p.field("kind", f.kind.rawValue)
        p.field("package", d?.name)
        p.field("secret", f.evidence.revealed)
        p.field("secretSha256", f.evidence.sha256)
        p.field("severity", f.severity.rawValue)
        p.field("version", d?.version)
    }

    /// A `physicalLocation` member: the file and the region.
    private static func physical(_ l: Location, snippet: String?, _ o: inout JSONEmitter) {
        o.field("physicalLocation", object: { x in
            artifact(l.path, &x)
            x.field("region", object: { r in
                r.field("endColumn", max(1, l.endColumn))
                r.field("endLine", max(l.startLine, l.endLine))
                if let snippet { r.field("snippet", object: { t in t.field("text", snippet) }) }
                r.field("startColumn", max(1, l.startColumn))
                r.field("startLine", max(1, l.startLine))
            })
        })
    }

    private static func artifact(_ path: String, _ o: inout JSONEmitter) {
        o.field("artifactLocation", object: { x in
            x.field("uri", uri(path))
            x.field("uriBaseId", "%SRCROOT%")
        })
    }

    private static func uri(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: Self.pathAllowed) ?? path
    }

    private func rootURI(_ root: String) -> String {
        "file://" + Self.uri(root.hasSuffix("/") ? root : root + "/")
    }

    private static let pathAllowed: CharacterSet = {
        var s = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        s.insert(charactersIn: "/-._~!$&'()*+,;=:@")
        return s
    }()

    private static func level(_ s: Severity) -> String {
        switch s {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    /// GitHub-style numeric severity (0–10) that code-scanning UIs bucket.
    private static func securitySeverity(_ s: Severity) -> String {
        switch s {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "2.0"
        case .info: "0.0"
        }
    }

    private static func precision(_ c: Confidence) -> String {
        switch c {
        case .high: "high"
        case .medium: "medium"
        case .low: "low"
        }
    }
}
