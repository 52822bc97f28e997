/// Decides whether a version lies in an `affected` entry, exactly as the OSV schema's evaluation section says:
/// listed in `versions`, or inside any range, each range's events sorted by the ecosystem's order
/// (`introduced: "0"` first), `fixed` exclusive, `last_affected` inclusive, `limit` bounding from above.
/// GIT ranges need a commit graph and are skipped without abandoning the entry's other ranges.
struct AffectedEvaluator {
    /// The package's OSV ecosystem and its scheme (nil when Picket has no order for it).
    let ecosystem: String
    let scheme: AnyVersionScheme?
    /// SEMVER ranges use SemVer order; for SemVer ecosystems that is the ecosystem's own parser.
    let semverScheme: AnyVersionScheme

    init(ecosystem: String) {
        self.ecosystem = ecosystem
        scheme = VersionSchemes.scheme(for: ecosystem)
        semverScheme = VersionSchemes.isSemVerEcosystem(ecosystem) ? (scheme ?? VersionSchemes.semver) : VersionSchemes.semver
    }

    /// A version under test, parsed on demand by each scheme a range asks for.
    final class Subject {
        let text: String
        private var parsed: [String: Result<AnyVersion, VersionParseError>] = [:]
        init(_ text: String) { self.text = text }
        func parse(with scheme: AnyVersionScheme) -> Result<AnyVersion, VersionParseError> {
            if let r = parsed[scheme.name] { return r }
            let r = Result { () throws(VersionParseError) -> AnyVersion in try scheme.parse(text) }
            parsed[scheme.name] = r
            return r
        }
    }

    enum Outcome {
        case affected
        case notAffected
        /// Could not decide: some range could not be evaluated (the reasons are in `problems`).
        case unknown
    }

    struct Evaluation {
        var outcome: Outcome
        var problems: [String]
    }

    /// `versionUsable` false: the subject's version is not usable for ordering (only exact listing counts).
    func evaluate(_ entry: OSVAffected, _ subject: Subject, versionUsable: Bool = true) -> Evaluation {
        var problems: [String] = []
        if entry.versions.contains(subject.text) { return Evaluation(outcome: .affected, problems: []) }
        if versionUsable, let scheme, case .success(let v) = subject.parse(with: scheme) {
            for listed in entry.versions {
                if let p = try? scheme.parse(listed), p.compare(to: v) == 0 { return Evaluation(outcome: .affected, problems: []) }
            }
        }
        var undecided = false
        for (index, range) in entry.ranges.enumerated() {
            let rangeScheme: AnyVersionScheme?
            switch range.type.uppercased() {
            case "GIT": continue
            case "SEMVER": rangeScheme = semverScheme
            case "ECOSYSTEM": rangeScheme = scheme
            default:
                problems.append("range \(index + 1) has unknown type '\(range.type)'")
                undecided = true
                continue
            }
            guard versionUsable, let rangeScheme else { undecided = true; continue }
            guard case .success(let v) = subject.parse(with: rangeScheme) else { undecided = true; continue }
            do {
                if try Self.rangeContains(range, v, scheme: rangeScheme) { return Evaluation(outcome: .affected, problems: problems) }
            } catch {
                problems.append("range \(index + 1): \(error)")
                undecided = true
            }
        }
        return Evaluation(outcome: undecided ? .unknown : .notAffected, problems: problems)
    }

    /// Whether `v` is inside `range` (type SEMVER or ECOSYSTEM), per the schema's pseudo-code.
    static func rangeContains(_ range: OSVRange, _ v: AnyVersion, scheme: AnyVersionScheme) throws(VersionParseError) -> Bool {
        enum Kind: Int { case introduced = 0, fixed = 1, lastAffected = 2 }
        var events: [(kind: Kind, version: AnyVersion?, order: Int)] = []
        var limits: [AnyVersion?] = []
        for (i, event) in range.events.enumerated() {
            switch event {
            case .introduced(let s):
                events.append((.introduced, s == "0" ? nil : try scheme.parse(s), i))
            case .fixed(let s): events.append((.fixed, try scheme.parse(s), i))
            case .lastAffected(let s): events.append((.lastAffected, try scheme.parse(s), i))
            case .limit(let s): limits.append(s == "*" ? nil : try scheme.parse(s))
            }
        }
        // BeforeLimits: no limit means unbounded; else below at least one limit ("*" is infinity).
        if !limits.isEmpty && !limits.contains(where: { limit in limit.map { v < $0 } ?? true }) { return false }
        // Sort by version ("0" lowest); on a tie `introduced` comes first, then the given order.
        events.sort { a, b in
            switch (a.version, b.version) {
            case (nil, nil): break
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?):
                let c = x.compare(to: y)
                if c != 0 { return c < 0 }
            }
            if a.kind != b.kind { return a.kind.rawValue < b.kind.rawValue }
            return a.order < b.order
        }
        var vulnerable = false
        for e in events {
            switch e.kind {
            case .introduced:
                if let x = e.version { if v >= x { vulnerable = true } } else { vulnerable = true }
            case .fixed:
                if let x = e.version, v >= x { vulnerable = false }
            case .lastAffected:
                if let x = e.version, v > x { vulnerable = false }
            }
        }
        return vulnerable
    }

    /// The `fixed` versions of the entry's ranges that this evaluator can order with the ecosystem's scheme.
    func fixedVersions(of entry: OSVAffected) -> [AnyVersion] {
        var out: [AnyVersion] = []
        for range in entry.ranges {
            let s: AnyVersionScheme?
            switch range.type.uppercased() {
            case "ECOSYSTEM": s = scheme
            case "SEMVER": s = semverScheme.name == scheme?.name ? scheme : nil
            default: s = nil
            }
            guard let s else { continue }
            for case .fixed(let f) in range.events {
                if let p = try? s.parse(f) { out.append(p) }
            }
        }
        return out
    }
}
