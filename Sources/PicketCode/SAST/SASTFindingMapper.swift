import Foundation
import PicketCore

/// Turns engine results and errors into Picket findings and diagnostics.
///
/// Severity: the rule's level gives the base (ERROR → high, WARNING → medium, INFO → low; CRITICAL/HIGH/MEDIUM/
/// LOW as written), then `metadata.impact` HIGH with `confidence` HIGH raises one step, `impact` LOW lowers one,
/// and `confidence` LOW lowers one (never below info).
///
/// Fingerprint: kind + rule + path + the matched code with all whitespace removed (read from the file, since
/// Semgrep CE no longer prints matched lines), plus an ordinal among identical matches in the same file. Line
/// numbers are never part of it, so a finding keeps its identity when code moves.
struct SASTFindingMapper {
    var root: String
    var engineName: String
    private var files: [String: [UInt8]] = [:]

    init(root: String, engineName: String) {
        self.root = root
        self.engineName = engineName
    }

    /// CWEs whose matched code is itself a credential: no snippet for these.
    static let credentialCWEs: Set<String> = ["798", "259", "321", "522", "547"]

    mutating func findings(_ results: [SemgrepOutput.Result]) -> [Finding] {
        var seen: [String: Int] = [:]
        var out: [Finding] = []
        let sorted = results.sorted {
            ($0.path, $0.start.line, $0.start.col, $0.checkID) < ($1.path, $1.start.line, $1.start.col, $1.checkID)
        }
        for r in sorted {
            let path = Self.normalise(r.path)
            let meta = r.extra.metadata
            let cwes = (meta?["cwe"]?.strings ?? []).compactMap(Self.cwe)
            let owasp = (meta?["owasp"]?.strings ?? []).compactMap(Self.owasp)
            let confidence = Self.confidence(meta?["confidence"]?.string)
            let severity = Self.severity(level: r.extra.severity, impact: meta?["impact"]?.string, confidence: meta?["confidence"]?.string)
            let (code, firstLine) = matched(path: path, r)
            let normalised = String(decoding: code.filter { !Self.isSpace($0) }, as: UTF8.self)
            let key = "\(r.checkID)\u{1F}\(path)\u{1F}\(normalised)"
            let ordinal = seen[key, default: 0]
            seen[key] = ordinal + 1
            let identity = ordinal == 0 ? normalised : normalised + "#\(ordinal)"
            let isCredential = cwes.contains { Self.credentialCWEs.contains($0.value) }
            let message = r.extra.message?.trimmingCharacters(in: .whitespacesAndNewlines) ?? r.checkID
            let references = (meta?["references"]?.strings ?? []) + (meta?["source"]?.strings ?? [])
            let fix = meta?["fix"]?.string ?? r.extra.fix
            out.append(Finding(
                kind: .sast, ruleID: r.checkID, title: Self.title(meta: meta, message: message, rule: r.checkID),
                message: message, severity: severity, confidence: confidence,
                location: Location(path: path, startLine: max(1, r.start.line), startColumn: max(1, r.start.col),
                                   endLine: max(r.start.line, r.end.line), endColumn: max(1, r.end.col)),
                evidence: Evidence(snippet: isCredential ? nil : firstLine),
                fingerprint: Fingerprint(kind: .sast, rule: r.checkID, path: path, identity: identity),
                identifiers: cwes + owasp,
                code: CodeDetails(engine: engineName, fix: fix, references: Self.unique(references))))
        }
        return out
    }

    /// Engine errors as diagnostics, with the engine's text reduced to what is safe to show (no code).
    static func diagnostics(_ errors: [SemgrepOutput.EngineError], engine: String) -> [ScanDiagnostic] {
        errors.map { e in
            let path = e.path.map(normalise) ?? e.spans?.first?.file.map(normalise)
            let type = e.typeName
            let at = e.spans?.first?.start.map { " at line \($0.line)" } ?? ""
            let rule = e.ruleID.map { " (rule \($0))" } ?? ""
            switch type {
            case "Timeout":
                return ScanDiagnostic(.error, scanner: "sast", path: path, "\(engine) timed out\(rule); this file was not fully analysed (raise sast.file-timeout)")
            case "OutOfMemory", "Out of memory":
                return ScanDiagnostic(.error, scanner: "sast", path: path, "\(engine) ran out of memory\(rule); this file was not fully analysed (raise sast.max-memory)")
            case "Stack overflow", "StackOverflow", "Too many matches", "TooManyMatches":
                return ScanDiagnostic(.error, scanner: "sast", path: path, "\(engine): \(type.lowercased())\(rule); this file was not fully analysed")
            case "Syntax error", "Lexical error", "PartialParsing", "Other syntax error", "Parse error":
                return ScanDiagnostic(.warning, scanner: "sast", path: path, "\(engine) could not parse this file\(at) (\(type)); rules matched only the parts it could read")
            default:
                let level: ScanDiagnostic.Level = (e.level ?? "error") == "error" ? .error : .warning
                let text = SASTEngineRunner.oneLine(e.message ?? "")
                return ScanDiagnostic(level, scanner: "sast", path: path, "\(engine) \(type)\(rule)\(text.isEmpty || path != nil ? "" : ": \(text)")")
            }
        }
    }

    static func unique(_ xs: [String]) -> [String] {
        var seen = Set<String>()
        return xs.filter { seen.insert($0).inserted }
    }

    static func normalise(_ p: String) -> String {
        var s = p
        while s.hasPrefix("./") { s.removeFirst(2) }
        return s
    }

    // MARK: matched code

    private mutating func matched(path: String, _ r: SemgrepOutput.Result) -> (code: [UInt8], firstLine: String?) {
        if files[path] == nil {
            // Results come sorted by path: keep only the current file in memory.
            files.removeAll(keepingCapacity: true)
            let data = SafeFile.read(root: root, relative: path, limit: 64 << 20) ?? Data()
            files[path] = [UInt8](data)
        }
        let bytes = files[path] ?? []
        guard !bytes.isEmpty else { return (Array(r.checkID.utf8), nil) }
        let start = r.start.offset ?? Self.offset(bytes, line: r.start.line, col: r.start.col)
        let end = r.end.offset ?? Self.offset(bytes, line: r.end.line, col: r.end.col)
        let s = min(max(0, start), bytes.count), e = min(max(s, end), bytes.count)
        var ls = s
        while ls > 0 && bytes[ls - 1] != 0x0A { ls -= 1 }
        var le = s
        while le < bytes.count && bytes[le] != 0x0A { le += 1 }
        let line = String(decoding: bytes[ls..<le], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        return (Array(bytes[s..<e]), String(line.prefix(200)))
    }

    static func offset(_ bytes: [UInt8], line: Int, col: Int) -> Int {
        var l = 1, i = 0
        while l < line && i < bytes.count {
            if bytes[i] == 0x0A { l += 1 }
            i += 1
        }
        return min(bytes.count, i + max(0, col - 1))
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C }

    // MARK: metadata

    static func severity(level: String?, impact: String?, confidence: String?) -> Severity {
        var s: Severity
        switch level?.uppercased() {
        case "ERROR", "HIGH": s = .high
        case "CRITICAL": s = .critical
        case "WARNING", "MEDIUM": s = .medium
        case "INFO", "LOW": s = .low
        case "INVENTORY", "EXPERIMENT": s = .info
        default: s = .medium
        }
        let imp = impact?.uppercased(), conf = confidence?.uppercased()
        if imp == "HIGH" && conf == "HIGH" { s = step(s, 1) }
        if imp == "LOW" { s = step(s, -1) }
        if conf == "LOW" { s = step(s, -1) }
        return s
    }

    static func step(_ s: Severity, _ by: Int) -> Severity {
        let all = Severity.allCases
        return all[min(all.count - 1, max(0, s.rank + by))]
    }

    static func confidence(_ c: String?) -> Confidence {
        switch c?.uppercased() {
        case "HIGH": .high
        case "LOW": .low
        default: .medium
        }
    }

    /// `CWE-89: Improper Neutralization...` → identifier `CWE-89` (value `89`).
    static func cwe(_ text: String) -> Identifier? {
        let head = text.split(separator: ":", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard head.uppercased().hasPrefix("CWE-") else { return nil }
        let num = head.dropFirst(4)
        guard !num.isEmpty, num.allSatisfy(\.isNumber) else { return nil }
        return Identifier(type: "cwe", name: "CWE-\(num)", value: String(num), url: "https://cwe.mitre.org/data/definitions/\(num).html")
    }

    /// `A03:2021 - Injection` → identifier `A03:2021`, named in full.
    static func owasp(_ text: String) -> Identifier? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.first == "A", t.count >= 3 else { return nil }
        let value = t.split(separator: " ", maxSplits: 1).first.map(String.init) ?? t
        return Identifier(type: "owasp", name: t, value: value)
    }

    static func title(meta: JSONValue?, message: String, rule: String) -> String {
        if let t = meta?["title"]?.string ?? meta?["short-description"]?.string, !t.isEmpty { return t }
        let first = message.split(whereSeparator: { $0 == "\n" }).first.map(String.init) ?? message
        let sentence = first.range(of: ". ").map { String(first[..<$0.lowerBound]) } ?? first
        var t = sentence.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix(".") { t.removeLast() }
        return t.isEmpty ? rule : String(t.prefix(120))
    }
}
