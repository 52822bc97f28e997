import Foundation

/// Applies what the user said about findings, the same way for every scanner: disabled rules drop, severity
/// overrides rewrite, ignored paths and fingerprints and the baseline mark findings as suppressed (kept in the
/// report, never counted).
public struct FindingPolicy: Sendable {
    public var config: PicketConfig
    public var baseline: Baseline?

    public init(config: PicketConfig, baseline: Baseline? = nil) {
        self.config = config
        self.baseline = baseline
    }

    /// True when the policy changes nothing (no disabled rules, overrides, ignores or baseline).
    var isEmpty: Bool {
        config.disabledRules.isEmpty && config.severityOverrides.isEmpty && config.ignorePaths.isEmpty
            && config.ignoredFindings.isEmpty && baseline == nil
    }

    public func apply(_ findings: [Finding]) -> [Finding] {
        if isEmpty { return findings }
        return findings.compactMap { f -> Finding? in
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
            if let reason = config.ignoredFindings[f.fingerprint.value] {
                f.suppression = Suppression(kind: .config, reason: reason)
            } else if let baseline, baseline.fingerprints.contains(f.fingerprint.value) {
                f.suppression = Suppression(kind: .baseline, reason: "in baseline \(baseline.source)")
            }
            return f
        }
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
