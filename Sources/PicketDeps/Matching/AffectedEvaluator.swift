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
    /// The worker's memo of parsed versions, when it has one.
    let memo: MatchMemo?

    init(ecosystem: String, memo: MatchMemo? = nil) {
        self.ecosystem = ecosystem
        self.memo = memo
        scheme = VersionSchemes.scheme(for: ecosystem)
        semverScheme = VersionSchemes.isSemVerEcosystem(ecosystem) ? (scheme ?? VersionSchemes.semver) : VersionSchemes.semver
    }

    /// Parses through the memo when there is one.
    func parse(_ text: String, _ scheme: AnyVersionScheme) throws(VersionParseError) -> AnyVersion {
        guard let memo else { return try scheme.parse(text) }
        return try memo.version(text, scheme).get()
    }

    /// A version under test, parsed on demand by each scheme a range asks for.
    final class Subject {
        let text: String
        let memo: MatchMemo?
        /// One or two schemes per subject: a list beats hashing the scheme's name on every range.
        private var parsed: [(scheme: String, result: Result<AnyVersion, VersionParseError>)] = []
        init(_ text: String, memo: MatchMemo? = nil) {
            self.text = text
            self.memo = memo
        }
        func parse(with scheme: AnyVersionScheme) -> Result<AnyVersion, VersionParseError> {
            for p in parsed where p.scheme == scheme.name { return p.result }
            let r = memo?.version(text, scheme) ?? Result { () throws(VersionParseError) -> AnyVersion in try scheme.parse(text) }
            parsed.append((scheme.name, r))
            return r
        }
    }

    enum Outcome {
        case affected
        case notAffected
        /// Could not decide: some range could not be evaluated (the reasons are in the entry's `problems`).
        case unknown
    }

    /// An `affected` entry with its event versions parsed and sorted once, for evaluating many versions.
    struct CompiledEntry {
        /// `versions`: matched as strings, as the schema says (a leading `v` ignored on both sides).
        var listedText: Set<String> = []
        var ranges: [CompiledRange] = []
        /// `fixed` versions orderable by the ecosystem's scheme (upgrade candidates).
        var fixed: [AnyVersion] = []
        /// Some range can never be evaluated (unknown type, unparseable event, ecosystem without order).
        var undecidable = false
        var problems: [String] = []
    }

    struct CompiledRange {
        enum Kind: Int { case fixed = 0, lastAffected = 1, introduced = 2 }
        let scheme: AnyVersionScheme
        /// Sorted by version (`introduced: "0"` = nil first). On a tie `fixed`/`last_affected` come before
        /// `introduced`: `fixed: X` closes one interval where `introduced: X` opens the next (`[0, X) ∪ [X, Y)`,
        /// as GHSA and PYSEC write adjacent ranges), so X itself is affected.
        let events: [(kind: Kind, version: AnyVersion?)]
        /// nil = `*` (infinity).
        let limits: [AnyVersion?]

        init(_ range: OSVRange, scheme: AnyVersionScheme, memo: MatchMemo? = nil) throws(VersionParseError) {
            self.scheme = scheme
            func parse(_ s: String) throws(VersionParseError) -> AnyVersion {
                guard let memo else { return try scheme.parse(s) }
                return try memo.version(s, scheme).get()
            }
            var events: [(kind: Kind, version: AnyVersion?, order: Int)] = []
            var limits: [AnyVersion?] = []
            for (i, event) in range.events.enumerated() {
                switch event {
                case .introduced(let s): events.append((.introduced, s == "0" ? nil : try parse(s), i))
                case .fixed(let s): events.append((.fixed, try parse(s), i))
                case .lastAffected(let s): events.append((.lastAffected, try parse(s), i))
                case .limit(let s): limits.append(s == "*" ? nil : try parse(s))
                }
            }
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
            self.events = events.map { ($0.kind, $0.version) }
            self.limits = limits
        }

        /// The schema's `IncludedInRanges` for one range.
        func contains(_ v: AnyVersion) -> Bool {
            // BeforeLimits: no limit means unbounded; else below at least one limit.
            if !limits.isEmpty && !limits.contains(where: { limit in limit.map { v < $0 } ?? true }) { return false }
            var vulnerable = false
            for e in events {
                switch e.kind {
                case .introduced: if e.version.map({ v >= $0 }) ?? true { vulnerable = true }
                case .fixed: if let x = e.version, v >= x { vulnerable = false }
                case .lastAffected: if let x = e.version, v > x { vulnerable = false }
                }
            }
            return vulnerable
        }
    }

    func compile(_ entry: OSVAffected) -> CompiledEntry {
        var c = CompiledEntry()
        c.listedText = Set(entry.versions.map(Self.withoutV))
        for (index, range) in entry.ranges.enumerated() {
            let rangeScheme: AnyVersionScheme?
            switch range.type.uppercased() {
            case "GIT": continue
            case "SEMVER": rangeScheme = semverScheme
            case "ECOSYSTEM": rangeScheme = scheme
            default:
                c.problems.append("range \(index + 1) has unknown type '\(range.type)'")
                c.undecidable = true
                continue
            }
            guard let rangeScheme else { c.undecidable = true; continue }
            do {
                let compiled = try CompiledRange(range, scheme: rangeScheme, memo: memo)
                c.ranges.append(compiled)
                if rangeScheme.name == scheme?.name {
                    c.fixed += compiled.events.compactMap { $0.kind == .fixed ? $0.version : nil }
                }
            } catch {
                c.problems.append("range \(index + 1): \(error)")
                c.undecidable = true
            }
        }
        return c
    }

    /// `versionUsable` false: the subject's version cannot be ordered (only exact listing counts).
    func evaluate(_ entry: CompiledEntry, _ subject: Subject, versionUsable: Bool = true) -> Outcome {
        if !entry.listedText.isEmpty && entry.listedText.contains(Self.withoutV(subject.text)) { return .affected }
        guard versionUsable else { return entry.ranges.isEmpty && !entry.undecidable ? .notAffected : .unknown }
        var undecided = entry.undecidable
        for r in entry.ranges {
            guard case .success(let v) = subject.parse(with: r.scheme) else { undecided = true; continue }
            if r.contains(v) { return .affected }
        }
        return undecided ? .unknown : .notAffected
    }

    static func withoutV(_ s: String) -> String {
        if let f = s.utf8.first, f == UInt8(ascii: "v"), s.utf8.count > 1,
           VersionBytes.isDigit(s.utf8[s.utf8.index(after: s.utf8.startIndex)]) { return String(s.dropFirst()) }
        return s
    }

    /// Whether `v` is inside `range` (type SEMVER or ECOSYSTEM), per the schema's pseudo-code.
    static func rangeContains(_ range: OSVRange, _ v: AnyVersion, scheme: AnyVersionScheme) throws(VersionParseError) -> Bool {
        try CompiledRange(range, scheme: scheme).contains(v)
    }
}
