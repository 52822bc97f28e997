import PicketCore
import PicketStore

/// The one note Picket keeps on a merge request: found again on every push by its hidden marker and edited in
/// place. Lists new and fixed findings with redacted evidence only (previews like `AKIA…`, never a secret).
struct MergeRequestNote: Sendable {
    static let marker = "<!-- picket:merge-request-feedback -->"
    static let statusName = "picket/security"
    static let maxRows = 50

    var diff: FindingDiff
    var gate: Severity
    var sha: String
    var scanURL: String
    var scannerFailures: [String]

    var passed: Bool { diff.blocking(gate: gate).isEmpty && scannerFailures.isEmpty }

    var statusState: String { passed ? "success" : "failed" }

    var statusDescription: String {
        let blocking = diff.blocking(gate: gate).count
        if !scannerFailures.isEmpty { return "scan incomplete: \(scannerFailures.joined(separator: ", ")) failed" }
        if blocking > 0 { return "\(blocking) new finding\(blocking == 1 ? "" : "s") at or above \(gate.rawValue)" }
        if diff.new.isEmpty { return "no new findings" }
        return "\(diff.new.count) new finding\(diff.new.count == 1 ? "" : "s"), all below \(gate.rawValue)"
    }

    func render() -> String {
        let short = String(sha.prefix(8))
        var out = "\(MergeRequestNote.marker)\n### Picket security scan\n\n"
        let verdict = passed ? "**passed**" : "**failed**"
        out += "\(verdict) — \(count(diff.new.count, "new finding")), \(count(diff.fixed.count, "fixed finding")) "
        out += "compared with the target branch, at commit `\(short)` (gate: \(gate.rawValue) and above).\n\n"
        if !scannerFailures.isEmpty {
            out += "> A scanner failed (\(scannerFailures.map(cell).joined(separator: ", "))): this result is incomplete.\n\n"
        }
        if !diff.new.isEmpty {
            out += "#### New findings\n\n| Severity | Finding | Location | Evidence |\n|---|---|---|---|\n"
            for f in diff.new.prefix(MergeRequestNote.maxRows) {
                let sev = f.severity >= gate ? "**\(f.severity.rawValue)**" : f.severity.rawValue
                out += "| \(sev) | \(cell(f.title)) (`\(code(f.ruleID))`) | `\(code(f.location.path)):\(f.location.startLine)` | \(evidence(f)) |\n"
            }
            if diff.new.count > MergeRequestNote.maxRows { out += "\n…and \(diff.new.count - MergeRequestNote.maxRows) more in Picket.\n" }
            out += "\n"
        }
        if !diff.fixed.isEmpty {
            out += "#### Fixed by this merge request\n\n| Severity | Finding | Location |\n|---|---|---|\n"
            for f in diff.fixed.prefix(MergeRequestNote.maxRows) {
                out += "| \(f.severity.rawValue) | \(cell(f.title)) (`\(code(f.ruleID))`) | `\(code(f.path)):\(f.startLine)` |\n"
            }
            if diff.fixed.count > MergeRequestNote.maxRows { out += "\n…and \(diff.fixed.count - MergeRequestNote.maxRows) more in Picket.\n" }
            out += "\n"
        }
        if diff.new.isEmpty && diff.fixed.isEmpty { out += "No new findings.\n\n" }
        if diff.ignored > 0 { out += "\(count(diff.ignored, "finding")) ignored (in `.picket.yml` or in Picket) not listed.\n\n" }
        out += "[Open the scan in Picket](\(scanURL)) · this note is updated on every push.\n"
        return out
    }

    private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    private func evidence(_ f: Finding) -> String {
        guard let p = f.evidence.preview, !p.isEmpty else {
            if let d = f.dependency { return "`\(code(d.name))@\(code(d.version))`" }
            return ""
        }
        return "`\(code(p))`"
    }

    /// Text for a table cell: no pipes, newlines or markup that could break out of it.
    private func cell(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "`": out += "'"
            default: out.append(ch)
            }
        }
        return String(out.prefix(300))
    }

    /// Text inside backticks: no backticks, pipes or newlines.
    private func code(_ s: String) -> String {
        String(s.map { ch -> Character in
            switch ch {
            case "`": return "'"
            case "|": return "¦"
            case "\n", "\r": return " "
            default: return ch
            }
        }.prefix(200))
    }
}
