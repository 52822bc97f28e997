/// A Python package version: PEP 440 (epochs, pre/post/dev releases, local versions, the spelling variants
/// PEP 440 normalises), or, for strings PEP 440 rejects, the legacy ordering older `packaging` releases used
/// (and OSV's own tooling still applies to old PyPI data). Legacy versions sort before every PEP 440 version.
public enum PyPIVersion: SchemeVersion {
    case pep440(PEP440Version)
    case legacy([String])

    public func compare(to other: PyPIVersion) -> Int {
        switch (self, other) {
        case let (.pep440(a), .pep440(b)): return a.compare(to: b)
        case (.legacy, .pep440): return -1
        case (.pep440, .legacy): return 1
        case let (.legacy(a), .legacy(b)):
            for (x, y) in zip(a, b) where x != y { return PyPIVersion.pythonLess(x, y) ? -1 : 1 }
            return VersionBytes.sign(a.count - b.count)
        }
    }

    public var isPrerelease: Bool {
        if case .pep440(let v) = self { return v.pre != nil || v.dev != nil }
        return false
    }

    public var nonStandardReason: String? {
        if case .legacy = self { return "not a PEP 440 version (only the legacy pre-PEP 440 ordering applies)" }
        return nil
    }

    /// Python compares strings by code point.
    static func pythonLess(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }
}

public struct PEP440Version: Sendable {
    public enum PreKind: Int, Sendable, Hashable { case a = 0, b = 1, rc = 2 }
    public enum LocalPart: Sendable, Hashable {
        case number(VersionNumber)
        case text(String)
    }

    public var epoch: VersionNumber
    public var release: [VersionNumber]
    public var pre: (kind: PreKind, number: VersionNumber)? {
        get { preKind.map { ($0, preNumber) } }
        set { preKind = newValue?.kind; preNumber = newValue?.number ?? .zero }
    }
    var preKind: PreKind?
    var preNumber: VersionNumber = .zero
    public var post: VersionNumber?
    public var dev: VersionNumber?
    public var local: [LocalPart]?

    /// Release length without trailing zeros (1.0 == 1.0.0).
    var significantCount: Int {
        var end = release.count
        while end > 0, release[end - 1].isZero { end -= 1 }
        return end
    }

    func compare(to o: PEP440Version) -> Int {
        var r = epoch.compare(to: o.epoch)
        if r != 0 { return r }
        let na = significantCount, nb = o.significantCount
        var i = 0
        while i < na && i < nb {
            r = release[i].compare(to: o.release[i])
            if r != 0 { return r }
            i += 1
        }
        if na != nb { return na < nb ? -1 : 1 }
        // Pre: a dev release of a final version sorts before its pre-releases; no pre = +infinity.
        r = compareBounded(preKey, o.preKey)
        if r != 0 { return r }
        r = compareBounded(post.map { Bounded.value([$0]) } ?? .negativeInfinity,
                           o.post.map { Bounded.value([$0]) } ?? .negativeInfinity)
        if r != 0 { return r }
        r = compareBounded(dev.map { Bounded.value([$0]) } ?? .positiveInfinity,
                           o.dev.map { Bounded.value([$0]) } ?? .positiveInfinity)
        if r != 0 { return r }
        switch (local, o.local) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (a?, b?):
            for (x, y) in zip(a, b) {
                switch (x, y) {
                case let (.number(p), .number(q)): r = p.compare(to: q)
                case (.number, .text): r = 1
                case (.text, .number): r = -1
                case let (.text(p), .text(q)): r = p == q ? 0 : (PyPIVersion.pythonLess(p, q) ? -1 : 1)
                }
                if r != 0 { return r }
            }
            return VersionBytes.sign(a.count - b.count)
        }
    }

    private enum Bounded { case negativeInfinity, value([VersionNumber]), positiveInfinity }

    private var preKey: Bounded {
        if let k = preKind { return .value([VersionNumber(k.rawValue), preNumber]) }
        if post == nil && dev != nil { return .negativeInfinity }
        return .positiveInfinity
    }

    private func compareBounded(_ a: Bounded, _ b: Bounded) -> Int {
        switch (a, b) {
        case (.negativeInfinity, .negativeInfinity), (.positiveInfinity, .positiveInfinity): return 0
        case (.negativeInfinity, _), (_, .positiveInfinity): return -1
        case (_, .negativeInfinity), (.positiveInfinity, _): return 1
        case let (.value(x), .value(y)):
            for (p, q) in zip(x, y) {
                let r = p.compare(to: q)
                if r != 0 { return r }
            }
            return VersionBytes.sign(x.count - y.count)
        }
    }
}

/// PEP 440 with the legacy fallback; see `PyPIVersion`.
public struct PEP440Scheme: VersionScheme {
    public let name = "PyPI"
    public init() {}

    public func parse(_ text: String) throws(VersionParseError) -> PyPIVersion {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { throw VersionParseError(text, scheme: name, reason: "empty string") }
        let lower = trimmed.lowercased()
        if let v = Self.parseStrict(Array(lower.utf8)) { return .pep440(v) }
        guard !lower.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) else {
            throw VersionParseError(text, scheme: name, reason: "contains whitespace")
        }
        return .legacy(Self.legacyKey(lower))
    }

    /// A hand-written reading of PEP 440's canonical grammar (Appendix B); nil when the string does not match.
    static func parseStrict(_ s: [UInt8]) -> PEP440Version? {
        var i = 0
        let n = s.count
        func peek(_ k: Int = 0) -> UInt8? { i + k < n ? s[i + k] : nil }
        func isSep(_ b: UInt8?) -> Bool { b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") }
        func digits() -> VersionNumber? {
            let start = i
            while i < n, VersionBytes.isDigit(s[i]) { i += 1 }
            return i > start ? VersionNumber(digits: VersionBytes.string(s[start..<i])) : nil
        }
        func word(_ words: [String]) -> String? {
            for w in words {
                let u = Array(w.utf8)
                if i + u.count <= n, Array(s[i..<(i + u.count)]) == u { i += u.count; return w }
            }
            return nil
        }
        /// After a pre/post/dev label: an optional separator and an optional number. The separator is taken when
        /// a number, the end, or a local version follows (as the regex's backtracking would).
        func labelNumber() -> VersionNumber? {
            if isSep(peek()), let next = peek(1), VersionBytes.isDigit(next) { i += 1; return digits() }
            if isSep(peek()), peek(1) == nil || peek(1) == UInt8(ascii: "+") { i += 1; return nil }
            return digits()
        }

        if peek() == UInt8(ascii: "v") { i += 1 }
        var v = PEP440Version(epoch: .zero, release: [])
        let save = i
        if let e = digits(), peek() == UInt8(ascii: "!") { v.epoch = e; i += 1 } else { i = save }
        guard let first = digits() else { return nil }
        v.release = [first]
        while peek() == UInt8(ascii: "."), let d = peek(1), VersionBytes.isDigit(d) {
            i += 1
            if let c = digits() { v.release.append(c) }
        }
        // Pre-release.
        var mark = i
        if isSep(peek()) { i += 1 }
        if let w = word(["alpha", "beta", "preview", "pre", "rc", "a", "b", "c"]) {
            v.preKind = w == "alpha" || w == "a" ? .a : (w == "beta" || w == "b" ? .b : .rc)
            v.preNumber = labelNumber() ?? .zero
        } else { i = mark }
        // Post-release: `-N` or [sep](post|rev|r)[sep][N].
        mark = i
        if peek() == UInt8(ascii: "-"), let d = peek(1), VersionBytes.isDigit(d) {
            i += 1
            v.post = digits()
        } else {
            if isSep(peek()) { i += 1 }
            if word(["post", "rev", "r"]) != nil { v.post = labelNumber() ?? .zero } else { i = mark }
        }
        // Dev release.
        mark = i
        if isSep(peek()) { i += 1 }
        if word(["dev"]) != nil { v.dev = labelNumber() ?? .zero } else { i = mark }
        // Local version.
        if peek() == UInt8(ascii: "+") {
            i += 1
            var parts: [PEP440Version.LocalPart] = []
            while true {
                let start = i
                while i < n, VersionBytes.isDigit(s[i]) || VersionBytes.isLower(s[i]) { i += 1 }
                guard i > start else { return nil }
                let seg = s[start..<i]
                parts.append(VersionBytes.allDigits(seg) ? .number(VersionNumber(digits: VersionBytes.string(seg)))
                                                         : .text(VersionBytes.string(seg)))
                if isSep(peek()) { i += 1 } else { break }
            }
            v.local = parts
        }
        return i == n ? v : nil
    }

    /// The legacy key of `packaging` < 22 (`LegacyVersion`): numeric runs zero-padded to 8, words prefixed
    /// with `*`, `pre`/`preview`/`rc` → `c`, `dev` → `@`, `-` → `final-`, trailing zeros dropped per series.
    static func legacyKey(_ lower: String) -> [String] {
        var pieces: [String] = []
        var residue = ""
        let chars = Array(lower.unicodeScalars)
        var i = 0
        func flush() { if !residue.isEmpty { pieces.append(residue); residue = "" } }
        while i < chars.count {
            let c = chars[i]
            if c.properties.numericType == .decimal {
                flush()
                var run = ""
                while i < chars.count, chars[i].properties.numericType == .decimal { run.unicodeScalars.append(chars[i]); i += 1 }
                pieces.append(run)
            } else if c >= "a" && c <= "z" {
                flush()
                var run = ""
                while i < chars.count, chars[i] >= "a" && chars[i] <= "z" { run.unicodeScalars.append(chars[i]); i += 1 }
                pieces.append(run)
            } else if c == "." || c == "-" {
                flush()
                pieces.append(String(c))
                i += 1
            } else {
                residue.unicodeScalars.append(c)
                i += 1
            }
        }
        flush()
        let replacements = ["pre": "c", "preview": "c", "-": "final-", "rc": "c", "dev": "@"]
        var parts: [String] = []
        func emit(_ part: String) {
            if part.hasPrefix("*") {
                if PyPIVersion.pythonLess(part, "*final") {
                    while parts.last == "*final-" { parts.removeLast() }
                }
                while parts.last == "00000000" { parts.removeLast() }
            }
            parts.append(part)
        }
        for raw in pieces {
            let part = replacements[raw] ?? raw
            if part.isEmpty || part == "." { continue }
            if let f = part.unicodeScalars.first, f.properties.numericType == .decimal {
                emit(part.count >= 8 ? part : String(repeating: "0", count: 8 - part.count) + part)
            } else {
                emit("*" + part)
            }
        }
        emit("*final")
        return parts
    }
}
