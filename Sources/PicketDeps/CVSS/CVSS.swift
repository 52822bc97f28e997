import PicketCore

/// CVSS vectors and their scores, computed as the FIRST specifications define them: v2.0, v3.0, v3.1 (base
/// score) and v4.0 (the MacroVector method; threat and environmental metrics count when the vector has them).
public enum CVSS {
    public enum Version: String, Sendable, Hashable, Comparable, CaseIterable {
        case v2 = "2.0", v3_0 = "3.0", v3_1 = "3.1", v4_0 = "4.0"
        var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
        public static func < (a: Version, b: Version) -> Bool { a.rank < b.rank }
    }

    /// The qualitative rating of a score in its version's scale (v2 has no "critical").
    public enum Rating: String, Sendable, Hashable {
        case none, low, medium, high, critical

        public var severity: PicketCore.Severity {
            switch self {
            case .none: .info
            case .low: .low
            case .medium: .medium
            case .high: .high
            case .critical: .critical
            }
        }
    }

    public struct Score: Sendable, Hashable {
        public var version: Version
        public var vector: String
        public var score: Double
        public var rating: Rating {
            if version == .v2 { return score < 4 ? .low : (score < 7 ? .medium : .high) }
            if score == 0 { return .none }
            return score < 4 ? .low : (score < 7 ? .medium : (score < 9 ? .high : .critical))
        }
    }

    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var vector: String
        public var reason: String
        public var description: String { "malformed CVSS vector '\(vector)': \(reason)" }
    }

    /// Scores a vector of any supported version, chosen by its prefix (`CVSS:3.1/`, `CVSS:4.0/`, none for v2).
    public static func score(_ vector: String) throws(ParseError) -> Score {
        let v = vector.trimmingSpaces
        if v.hasPrefix("CVSS:4.0/") { return Score(version: .v4_0, vector: v, score: try CVSS4.score(v)) }
        if v.hasPrefix("CVSS:3.1/") { return Score(version: .v3_1, vector: v, score: try CVSS3.score(v, minor: 1)) }
        if v.hasPrefix("CVSS:3.0/") { return Score(version: .v3_0, vector: v, score: try CVSS3.score(v, minor: 0)) }
        if v.hasPrefix("CVSS:") {
            throw ParseError(vector: vector, reason: "unknown CVSS version '\(v.prefix { $0 != "/" })'")
        }
        return Score(version: .v2, vector: v, score: try CVSS2.score(v))
    }

    static func weight(_ table: [String: Double], _ key: String?) -> Double { key.flatMap { table[$0] } ?? 0 }

    /// Splits `K:V/K:V...` (after the version prefix) and checks every metric against `allowed`; every key in
    /// `required` must be present. Duplicates and unknown metrics are errors.
    static func metrics(_ vector: String, body: Substring, allowed: [String: Set<String>],
                        required: [String]) throws(ParseError) -> [String: String] {
        func fail(_ r: String) -> ParseError { ParseError(vector: vector, reason: r) }
        var out: [String: String] = [:]
        guard !body.isEmpty else { throw fail("no metrics") }
        for part in body.split(separator: "/", omittingEmptySubsequences: false) {
            let kv = part.split(separator: ":", omittingEmptySubsequences: false)
            guard kv.count == 2, !kv[0].isEmpty, !kv[1].isEmpty else { throw fail("'\(part)' is not METRIC:VALUE") }
            let key = String(kv[0]), value = String(kv[1])
            guard let values = allowed[key] else { throw fail("unknown metric '\(key)'") }
            guard values.contains(value) else {
                throw fail("'\(value)' is not a value of \(key) (expected one of \(values.sorted().joined(separator: ", ")))")
            }
            guard out[key] == nil else { throw fail("metric \(key) appears twice") }
            out[key] = value
        }
        let missing = required.filter { out[$0] == nil }
        guard missing.isEmpty else { throw fail("missing base metric\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", "))") }
        return out
    }
}

/// CVSS v2.0 base score (the NVD "round to one decimal" formula).
enum CVSS2 {
    static let allowed: [String: Set<String>] = [
        "AV": ["L", "A", "N"], "AC": ["H", "M", "L"], "Au": ["M", "S", "N"],
        "C": ["N", "P", "C"], "I": ["N", "P", "C"], "A": ["N", "P", "C"],
        "E": ["U", "POC", "F", "H", "ND"], "RL": ["OF", "TF", "W", "U", "ND"], "RC": ["UC", "UR", "C", "ND"],
        "CDP": ["N", "L", "LM", "MH", "H", "ND"], "TD": ["N", "L", "M", "H", "ND"],
        "CR": ["L", "M", "H", "ND"], "IR": ["L", "M", "H", "ND"], "AR": ["L", "M", "H", "ND"],
    ]

    static func score(_ vector: String) throws(CVSS.ParseError) -> Double {
        var body = Substring(vector)
        // NVD sometimes wraps v2 vectors in parentheses.
        if body.hasPrefix("("), body.hasSuffix(")") { body = body.dropFirst().dropLast() }
        let m = try CVSS.metrics(vector, body: body, allowed: allowed, required: ["AV", "AC", "Au", "C", "I", "A"])
        let av = CVSS.weight(["L": 0.395, "A": 0.646, "N": 1.0], m["AV"])
        let ac = CVSS.weight(["H": 0.35, "M": 0.61, "L": 0.71], m["AC"])
        let au = CVSS.weight(["M": 0.45, "S": 0.56, "N": 0.704], m["Au"])
        let cia: [String: Double] = ["N": 0.0, "P": 0.275, "C": 0.660]
        let c = CVSS.weight(cia, m["C"]), i = CVSS.weight(cia, m["I"]), a = CVSS.weight(cia, m["A"])
        let impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a))
        let exploitability = 20 * av * ac * au
        let f = impact == 0 ? 0 : 1.176
        let base = ((0.6 * impact) + (0.4 * exploitability) - 1.5) * f
        return max(0, (base * 10).rounded(.toNearestOrAwayFromZero) / 10)
    }
}

/// CVSS v3.0 and v3.1 base score. They differ only in the rounding function ("Roundup").
enum CVSS3 {
    static let allowed: [String: Set<String>] = [
        "AV": ["N", "A", "L", "P"], "AC": ["L", "H"], "PR": ["N", "L", "H"], "UI": ["N", "R"], "S": ["U", "C"],
        "C": ["H", "L", "N"], "I": ["H", "L", "N"], "A": ["H", "L", "N"],
        "E": ["X", "U", "P", "F", "H"], "RL": ["X", "O", "T", "W", "U"], "RC": ["X", "U", "R", "C"],
        "CR": ["X", "L", "M", "H"], "IR": ["X", "L", "M", "H"], "AR": ["X", "L", "M", "H"],
        "MAV": ["X", "N", "A", "L", "P"], "MAC": ["X", "L", "H"], "MPR": ["X", "N", "L", "H"], "MUI": ["X", "N", "R"],
        "MS": ["X", "U", "C"], "MC": ["X", "H", "L", "N"], "MI": ["X", "H", "L", "N"], "MA": ["X", "H", "L", "N"],
    ]

    static func score(_ vector: String, minor: Int) throws(CVSS.ParseError) -> Double {
        let body = vector.drop { $0 != "/" }.dropFirst()
        let m = try CVSS.metrics(vector, body: body, allowed: allowed,
                                 required: ["AV", "AC", "PR", "UI", "S", "C", "I", "A"])
        let changed = m["S"] == "C"
        let av = CVSS.weight(["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2], m["AV"])
        let ac = CVSS.weight(["L": 0.77, "H": 0.44], m["AC"])
        let pr = CVSS.weight((changed ? ["N": 0.85, "L": 0.68, "H": 0.5] : ["N": 0.85, "L": 0.62, "H": 0.27]), m["PR"])
        let ui = CVSS.weight(["N": 0.85, "R": 0.62], m["UI"])
        let cia: [String: Double] = ["H": 0.56, "L": 0.22, "N": 0.0]
        let c = CVSS.weight(cia, m["C"]), i = CVSS.weight(cia, m["I"]), a = CVSS.weight(cia, m["A"])
        let iss = 1 - (1 - c) * (1 - i) * (1 - a)
        let impact = changed ? 7.52 * (iss - 0.029) - 3.25 * pow15(iss - 0.02) : 6.42 * iss
        let exploitability = 8.22 * av * ac * pr * ui
        if impact <= 0 { return 0 }
        let raw = changed ? min(1.08 * (impact + exploitability), 10) : min(impact + exploitability, 10)
        return minor == 0 ? roundUp30(raw) : roundUp31(raw)
    }

    static func pow15(_ x: Double) -> Double {
        var r = 1.0
        for _ in 0..<15 { r *= x }
        return r
    }

    /// v3.0: the smallest number with one decimal that is not less than the input.
    static func roundUp30(_ x: Double) -> Double { (x * 10).rounded(.up) / 10 }

    /// v3.1 (Appendix A): integer arithmetic so that 4.000000001 is not rounded up to 4.1.
    static func roundUp31(_ x: Double) -> Double {
        let n = Int((x * 100_000).rounded())
        if n % 10_000 == 0 { return Double(n) / 100_000 }
        return Double(n / 10_000 + 1) / 10
    }
}
