import PicketCore
import PicketStore

/// What a merge request changes, finding by finding, against its target branch. Fingerprints identify a finding
/// across branches (they hash rule, path and evidence, not line numbers).
///
/// - new: active in the MR head, and not open or ignored on the target branch (a finding fixed on the target
///   and brought back by the MR counts as new);
/// - fixed: open on the target branch and absent from the MR head, for finding kinds whose scanners all ran;
/// - ignored: in the MR head but suppressed by `.picket.yml` or ignored on the target branch.
struct FindingDiff: Sendable {
    /// A target-branch finding as the comparison needs it: from the store (the default branch, tracked over
    /// time) or from a scan made just for the comparison (any other target branch).
    struct TargetFinding: Sendable, Hashable {
        var fingerprint: String
        var state: FindingState
        var kind: FindingKind
        var severity: Severity
        var title: String
        var ruleID: String
        var path: String
        var startLine: Int

        init(_ f: StoredFinding) {
            fingerprint = f.fingerprint; state = f.state; kind = f.kind; severity = f.severity; title = f.title
            ruleID = f.ruleID; path = f.path; startLine = f.startLine
        }

        /// A finding of a one-off scan: open unless `.picket.yml` ignores it.
        init(_ f: Finding) {
            fingerprint = f.fingerprint.value; state = f.suppression == nil ? .open : .ignored; kind = f.kind; severity = f.severity
            title = f.title; ruleID = f.ruleID; path = f.location.path; startLine = f.location.startLine
        }
    }

    var new: [Finding]
    var fixed: [TargetFinding]
    var ignored: Int
    var unchanged: Int
    var total: Int

    static func compute(report: ScanReport, target: [TargetFinding], fixableKinds: Set<FindingKind>) -> FindingDiff {
        var targetByFingerprint: [String: TargetFinding] = [:]
        for f in target { targetByFingerprint[f.fingerprint] = f }
        var seen = Set<String>()
        var new: [Finding] = []
        var ignored = 0
        var unchanged = 0
        var total = 0
        for f in report.findings where seen.insert(f.fingerprint.value).inserted {
            total += 1
            if f.suppression != nil {
                ignored += 1
                continue
            }
            switch targetByFingerprint[f.fingerprint.value]?.state {
            case .open?, .reopened?: unchanged += 1
            case .ignored?: ignored += 1
            case .fixed?, nil: new.append(f)
            }
        }
        let fixed = target.filter { t in
            (t.state == .open || t.state == .reopened) && !seen.contains(t.fingerprint) && fixableKinds.contains(t.kind)
        }
        new.sort { a, b in a.severity != b.severity ? a.severity > b.severity : Finding.reportOrder(a, b) }
        return FindingDiff(new: new, fixed: fixed.sorted { $0.severity != $1.severity ? $0.severity > $1.severity : $0.path < $1.path },
                           ignored: ignored, unchanged: unchanged, total: total)
    }

    /// New findings at or above the gate.
    func blocking(gate: Severity) -> [Finding] { new.filter { $0.severity >= gate } }
}
