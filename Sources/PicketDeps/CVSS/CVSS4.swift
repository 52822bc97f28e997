/// CVSS v4.0 score by the specification's method: the vector falls in a MacroVector (six equivalence classes
/// EQ1..EQ6) whose score comes from the published lookup table; the score is then lowered by the vector's
/// mean proportional distance from the class's highest-severity vectors towards the next lower MacroVectors.
enum CVSS4 {
    static let allowed: [String: Set<String>] = [
        "AV": ["N", "A", "L", "P"], "AC": ["L", "H"], "AT": ["N", "P"], "PR": ["N", "L", "H"], "UI": ["N", "P", "A"],
        "VC": ["H", "L", "N"], "VI": ["H", "L", "N"], "VA": ["H", "L", "N"],
        "SC": ["H", "L", "N"], "SI": ["H", "L", "N"], "SA": ["H", "L", "N"],
        "E": ["X", "A", "P", "U"],
        "CR": ["X", "H", "M", "L"], "IR": ["X", "H", "M", "L"], "AR": ["X", "H", "M", "L"],
        "MAV": ["X", "N", "A", "L", "P"], "MAC": ["X", "L", "H"], "MAT": ["X", "N", "P"], "MPR": ["X", "N", "L", "H"],
        "MUI": ["X", "N", "P", "A"], "MVC": ["X", "H", "L", "N"], "MVI": ["X", "H", "L", "N"], "MVA": ["X", "H", "L", "N"],
        "MSC": ["X", "H", "L", "N"], "MSI": ["X", "S", "H", "L", "N"], "MSA": ["X", "S", "H", "L", "N"],
        "S": ["X", "N", "P"], "AU": ["X", "N", "Y"], "R": ["X", "A", "U", "I"], "V": ["X", "D", "C"],
        "RE": ["X", "L", "M", "H"], "U": ["X", "Clear", "Green", "Amber", "Red"],
    ]
    static let required = ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"]

    /// The value a metric takes for scoring: a modified (environmental) value overrides the base one;
    /// an unset threat metric counts as Attacked, unset requirements as High.
    struct Metrics {
        let raw: [String: String]
        func value(_ metric: String) -> String {
            if let mod = raw["M" + metric], mod != "X" { return mod }
            let v = raw[metric] ?? "X"
            if v == "X" {
                switch metric {
                case "E": return "A"
                case "CR", "IR", "AR": return "H"
                default: return v
                }
            }
            return v
        }
    }

    static func score(_ vector: String) throws(CVSS.ParseError) -> Double {
        let body = vector.dropFirst("CVSS:4.0/".count)
        let m = Metrics(raw: try CVSS.metrics(vector, body: body, allowed: allowed, required: required))
        let v = m.value
        // No impact on either system: 0 (the specification's shortcut).
        if ["VC", "VI", "VA", "SC", "SI", "SA"].allSatisfy({ v($0) == "N" }) { return 0 }

        let eq = macroVector(m)
        guard let value = CVSS4Lookup.score(eq) else {
            throw CVSS.ParseError(vector: vector, reason: "no MacroVector score for \(eq.map(String.init).joined())")
        }
        // Next lower MacroVector per equivalence set (EQ3 and EQ6 move together).
        func lower(_ change: (inout [Int]) -> Void) -> Double? {
            var e = eq
            change(&e)
            return CVSS4Lookup.score(e)
        }
        let lowerEQ1 = lower { $0[0] += 1 }
        let lowerEQ2 = lower { $0[1] += 1 }
        let lowerEQ3EQ6: Double?
        switch (eq[2], eq[5]) {
        case (0, 0):
            // Two paths (00 → 01 and 00 → 10): the higher-scoring one.
            let left = lower { $0[5] += 1 }, right = lower { $0[2] += 1 }
            lowerEQ3EQ6 = [left, right].compactMap { $0 }.max()
        case (1, 0): lowerEQ3EQ6 = lower { $0[5] += 1 }
        case (0, 1), (1, 1): lowerEQ3EQ6 = lower { $0[2] += 1 }
        default: lowerEQ3EQ6 = lower { $0[2] += 1; $0[5] += 1 }
        }
        let lowerEQ4 = lower { $0[3] += 1 }
        let lowerEQ5 = lower { $0[4] += 1 }

        // Severity distance from the first highest-severity vector of the MacroVector that is not below us.
        let levels = Self.levels
        var distance: [String: Double] = [:]
        for maxVector in maxVectors(eq) {
            var d: [String: Double] = [:]
            var ok = true
            for metric in Self.distanceMetrics {
                let here = levels[metric]?[v(metric)] ?? 0
                let top = levels[metric]?[maxVector[metric] ?? ""] ?? 0
                d[metric] = here - top
                if here - top < 0 { ok = false; break }
            }
            if ok { distance = d; break }
        }
        func sum(_ ms: [String]) -> Double { ms.reduce(0) { $0 + (distance[$1] ?? 0) } }
        let current1 = sum(["AV", "PR", "UI"])
        let current2 = sum(["AC", "AT"])
        let current3 = sum(["VC", "VI", "VA", "CR", "IR", "AR"])
        let current4 = sum(["SC", "SI", "SA"])

        let step = 0.1
        let maxSeverity1 = [1.0, 4, 5][eq[0]] * step
        let maxSeverity2 = [1.0, 2][eq[1]] * step
        let maxSeverity36: Double = (eq[2] == 0 ? (eq[5] == 0 ? 7 : 6) : (eq[2] == 1 ? 8 : 10)) * step
        let maxSeverity4 = [6.0, 5, 4][eq[3]] * step

        var parts: [Double] = []
        if let l = lowerEQ1 { parts.append((value - l) * current1 / maxSeverity1) }
        if let l = lowerEQ2 { parts.append((value - l) * current2 / maxSeverity2) }
        if let l = lowerEQ3EQ6 { parts.append((value - l) * current3 / maxSeverity36) }
        if let l = lowerEQ4 { parts.append((value - l) * current4 / maxSeverity4) }
        if lowerEQ5 != nil { parts.append(0) }   // EQ5 has no distance within its class
        let mean = parts.isEmpty ? 0 : parts.reduce(0, +) / Double(parts.count)
        let score = min(10, max(0, value - mean))
        return ((score + 1e-6) * 10).rounded(.toNearestOrAwayFromZero) / 10
    }

    /// EQ1..EQ6 of the vector.
    static func macroVector(_ m: Metrics) -> [Int] {
        let v = m.value
        let av = v("AV"), pr = v("PR"), ui = v("UI")
        let eq1: Int
        if av == "N" && pr == "N" && ui == "N" { eq1 = 0 }
        else if (av == "N" || pr == "N" || ui == "N") && av != "P" { eq1 = 1 }
        else { eq1 = 2 }
        let eq2 = v("AC") == "L" && v("AT") == "N" ? 0 : 1
        let vc = v("VC"), vi = v("VI"), va = v("VA")
        let eq3: Int
        if vc == "H" && vi == "H" { eq3 = 0 }
        else if vc == "H" || vi == "H" || va == "H" { eq3 = 1 }
        else { eq3 = 2 }
        let eq4: Int
        if v("MSI") == "S" || v("MSA") == "S" { eq4 = 0 }
        else if v("SC") == "H" || v("SI") == "H" || v("SA") == "H" { eq4 = 1 }
        else { eq4 = 2 }
        let eq5 = ["A": 0, "P": 1, "U": 2][v("E")] ?? 0
        let eq6 = (v("CR") == "H" && vc == "H") || (v("IR") == "H" && vi == "H") || (v("AR") == "H" && va == "H") ? 0 : 1
        return [eq1, eq2, eq3, eq4, eq5, eq6]
    }

    static let distanceMetrics = ["AV", "PR", "UI", "AC", "AT", "VC", "VI", "VA", "SC", "SI", "SA", "CR", "IR", "AR"]

    static let levels: [String: [String: Double]] = {
        let cia = ["H": 0.0, "L": 0.1, "N": 0.2]
        let req = ["H": 0.0, "M": 0.1, "L": 0.2]
        return [
            "AV": ["N": 0.0, "A": 0.1, "L": 0.2, "P": 0.3], "PR": ["N": 0.0, "L": 0.1, "H": 0.2],
            "UI": ["N": 0.0, "P": 0.1, "A": 0.2], "AC": ["L": 0.0, "H": 0.1], "AT": ["N": 0.0, "P": 0.1],
            "VC": cia, "VI": cia, "VA": cia,
            "SC": ["H": 0.1, "L": 0.2, "N": 0.3],
            "SI": ["S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3], "SA": ["S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3],
            "CR": req, "IR": req, "AR": req,
        ]
    }()

    /// The highest-severity vectors of each equivalence class (the specification's "max composed" table).
    static let maxEQ1 = [["AV:N/PR:N/UI:N"], ["AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"],
                         ["AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"]]
    static let maxEQ2 = [["AC:L/AT:N"], ["AC:H/AT:N", "AC:L/AT:P"]]
    /// Keyed by EQ3 then EQ6.
    static let maxEQ3EQ6: [[Int: [String]]] = [
        [0: ["VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"], 1: ["VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M"]],
        [0: ["VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"],
         1: ["VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M", "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M",
             "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M"]],
        [1: ["VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"]],
    ]
    static let maxEQ4 = [["SC:H/SI:S/SA:S"], ["SC:H/SI:H/SA:H"], ["SC:L/SI:L/SA:L"]]

    static func maxVectors(_ eq: [Int]) -> [[String: String]] {
        var out: [[String: String]] = []
        for a in maxEQ1[eq[0]] {
            for b in maxEQ2[eq[1]] {
                for c in maxEQ3EQ6[eq[2]][eq[5]] ?? [] {
                    for d in maxEQ4[eq[3]] {
                        var m: [String: String] = [:]
                        for part in [a, b, c, d].joined(separator: "/").split(separator: "/") {
                            let kv = part.split(separator: ":")
                            if kv.count == 2 { m[String(kv[0])] = String(kv[1]) }
                        }
                        out.append(m)
                    }
                }
            }
        }
        return out
    }
}
