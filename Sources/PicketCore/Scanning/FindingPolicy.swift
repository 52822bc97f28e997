import Foundation

/// Applies what the user said about findings, the same way for every scanner: disabled rules drop, severity
/// overrides rewrite, ignored paths and fingerprints and the baseline mark findings as suppressed (kept in the
/// report, never counted).
public struct FindingPolicy: Sendable {
    public var config: PicketConfig
    public var baseline: Baseline?
    /// The moment ignores with `until:` are judged at.
    public var now: Date

    public init(config: PicketConfig, baseline: Baseline? = nil, now: Date = Date()) {
        self.config = config
        self.baseline = baseline
        self.now = now
    }

    /// True when the policy changes nothing (no disabled rules, overrides, ignores or baseline).
    var isEmpty: Bool {
        config.disabledRules.isEmpty && config.severityOverrides.isEmpty && config.ignorePaths.isEmpty
            && config.ignoredFindings.isEmpty && config.ignoredVulnerabilities.isEmpty && baseline == nil
    }

    public func apply(_ findings: [Finding]) -> [Finding] {
        applyReporting(findings).findings
    }

    /// The findings with the policy applied, and a warning for each expired ignore that would still have
    /// matched a finding (the finding counts again; the entry is worth renewing or removing).
    public func applyReporting(_ findings: [Finding]) -> (findings: [Finding], diagnostics: [ScanDiagnostic]) {
        if isEmpty { return (findings, []) }
        var expired: [String: (rule: IgnoreRule, what: String, count: Int)] = [:]
        func noteExpired(_ rule: IgnoreRule, _ what: String) {
            expired[rule.origin, default: (rule, what, 0)].count += 1
        }
        let out = findings.compactMap { f -> Finding? in
            if config.disabledRules.contains(f.ruleID) { return nil }
            var f = f
            if let o = config.severityOverrides.last(where: { $0.rule.matches(f.ruleID) }) { f.severity = o.severity }
            guard f.suppression == nil else { return f }
            // Paths ignored in config: drop locations under them; a finding left with none is suppressed.
            if !config.ignorePaths.isEmpty {
                let kept = f.allLocations.filter { !config.ignorePaths.matches($0.path) }
                if kept.isEmpty {
                    let glob = config.ignorePaths.firstMatch(f.location.path)?.pattern ?? ""
                    f.suppression = Suppression(kind: .config, reason: "path ignored by '\(glob)' in \(config.source ?? PicketConfig.fileName)")
                    return f
                }
                f.location = kept[0]
                f.additionalLocations = Array(kept.dropFirst())
            }
            // Expired ignores that match: reported only when nothing else keeps the finding out of the count.
            var lapsed: [(IgnoreRule, String)] = []
            if let rule = config.ignoredFindings[f.fingerprint.value] {
                if rule.isActive(at: now) {
                    f.suppression = Suppression(kind: .config, reason: rule.reason)
                    return f
                }
                lapsed.append((rule, "the ignore of finding \(f.fingerprint.value.prefix(12))…"))
            }
            if f.kind == .dependency, !config.ignoredVulnerabilities.isEmpty {
                for v in config.ignoredVulnerabilities where v.matches(f) {
                    if v.rule.isActive(at: now) {
                        f.suppression = Suppression(kind: .config, reason: v.rule.reason)
                        return f
                    }
                    lapsed.append((v.rule, "the ignore of \(v.id)" + (v.package.map { " in \($0)" } ?? "")))
                }
            }
            if let baseline, baseline.fingerprints.contains(f.fingerprint.value) {
                f.suppression = Suppression(kind: .baseline, reason: "in baseline \(baseline.source)")
                return f
            }
            for (rule, what) in lapsed { noteExpired(rule, what) }
            return f
        }
        let diagnostics = expired.values.sorted { ($0.rule.file, $0.rule.line) < ($1.rule.file, $1.rule.line) }.map { e in
            ScanDiagnostic(.warning, scanner: "config", path: e.rule.file,
                           "\(e.what) (\(e.rule.origin)) expired on \(e.rule.until.map(String.init(describing:)) ?? "?"); "
                           + "\(e.count == 1 ? "its finding counts" : "its \(e.count) findings count") again")
        }
        return (out, diagnostics)
    }
}

/// Findings already known: the fingerprints of an earlier Picket JSON report (`--baseline REPORT.json`).
public struct Baseline: Sendable {
    public var source: String
    public var fingerprints: Set<String>

    public init(source: String, fingerprints: Set<String>) {
        self.source = source
        self.fingerprints = fingerprints
    }

    /// Reads a Picket JSON report (`findings[].fingerprint`) or a SARIF file from Picket
    /// (`runs[].results[].partialFingerprints["picket/v1"]`).
    public static func load(path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PicketError.input(file: path, message: "cannot read the baseline file")
        }
        guard let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw PicketError.input(file: path, message: "not a JSON object; a baseline is a report written by `picket scan --format json`")
        }
        var fps = Set<String>()
        if let findings = json["findings"] as? [[String: Any]] {
            for f in findings { if let fp = f["fingerprint"] as? String { fps.insert(fp) } }
        } else if let runs = json["runs"] as? [[String: Any]] {
            for run in runs {
                for r in run["results"] as? [[String: Any]] ?? [] {
                    if let fp = (r["partialFingerprints"] as? [String: Any])?["picket/v1"] as? String { fps.insert(fp) }
                }
            }
        } else {
            throw PicketError.input(file: path, message: "no 'findings' list; a baseline is a report written by `picket scan --format json`")
        }
        return Baseline(source: path, fingerprints: fps)
    }
}
