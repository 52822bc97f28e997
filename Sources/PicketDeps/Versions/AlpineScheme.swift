/// An Alpine (apk) package version `number{.number}[letter]{_suffix[number]}[~hash][-rN]`, ordered as apk-tools
/// orders it: token by token, pre-release suffixes (`_alpha`, `_beta`, `_pre`, `_rc`) below the bare version,
/// post-release suffixes (`_cvs`, `_svn`, `_git`, `_hg`, `_p`) above it.
public struct AlpineVersion: SchemeVersion {
    let text: [UInt8]

    public func compare(to other: AlpineVersion) -> Int { AlpineScheme.compare(text, other.text) }

    public var isPrerelease: Bool {
        for s in ["_alpha", "_beta", "_pre", "_rc"] where text.contains(s.utf8) { return true }
        return false
    }
}

extension Array where Element == UInt8 {
    func contains(_ needle: String.UTF8View) -> Bool {
        let n = Array(needle)
        guard n.count <= count else { return false }
        for i in 0...(count - n.count) where self[i..<(i + n.count)].elementsEqual(n) { return true }
        return false
    }
}

public struct AlpineScheme: VersionScheme {
    public let name = "Alpine"
    public init() {}

    public func parse(_ text: String) throws(VersionParseError) -> AlpineVersion {
        let t = text.trimmingSpaces
        guard !t.isEmpty else { throw VersionParseError(text, scheme: name, reason: "empty string") }
        guard !t.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) else {
            throw VersionParseError(text, scheme: name, reason: "contains whitespace")
        }
        return AlpineVersion(text: Array(t.utf8))
    }

    enum Token: Int, Comparable {
        case initialDigit, digit, letter, suffix, suffixNumber, commitHash, revision, end, invalid
        static func < (a: Token, b: Token) -> Bool { a.rawValue < b.rawValue }
    }

    static let preSuffixes = ["alpha", "beta", "pre", "rc"]
    static let postSuffixes = ["cvs", "svn", "git", "hg", "p"]
    /// Suffix ranks: pre-release suffixes negative, none = 0 (not a token), post-release positive.
    static func suffixRank(_ s: ArraySlice<UInt8>) -> Int? {
        let str = VersionBytes.string(s)
        if let i = preSuffixes.firstIndex(of: str) { return i - preSuffixes.count }
        if let i = postSuffixes.firstIndex(of: str) { return i + 1 }
        return nil
    }

    struct State {
        var token: Token = .initialDigit
        var number = VersionNumber.zero
        var value: ArraySlice<UInt8> = []
        var suffix = 0
        /// Whatever follows a revision is ignored when both versions go wrong there.
        var seenRevision = false
    }

    /// Reads the token at `pos`, given the previous token type.
    static func next(_ s: [UInt8], _ pos: inout Int, _ st: inout State) {
        func digits() -> ArraySlice<UInt8> {
            let start = pos
            while pos < s.count, VersionBytes.isDigit(s[pos]) { pos += 1 }
            return s[start..<pos]
        }
        guard pos < s.count else { st.token = .end; return }
        let c = s[pos]
        let prev = st.token
        if prev == .revision { st.seenRevision = true }
        let tokenStart = pos
        defer { if st.token == .invalid { pos = tokenStart } }
        if VersionBytes.isLower(c) {
            guard prev <= .digit else { st.token = .invalid; return }
            st.value = s[pos...pos]
            st.token = .letter
            pos += 1
        } else if c == UInt8(ascii: ".") {
            guard prev <= .digit else { st.token = .invalid; return }
            pos += 1
            let d = digits()
            guard !d.isEmpty else { pos -= 1; st.token = .invalid; return }
            st.value = d
            st.number = VersionNumber(digits: VersionBytes.string(d))
            st.token = .digit
        } else if c == UInt8(ascii: "_") {
            guard prev <= .suffixNumber else { st.token = .invalid; return }
            pos += 1
            let start = pos
            while pos < s.count, VersionBytes.isLower(s[pos]) { pos += 1 }
            guard let rank = suffixRank(s[start..<pos]) else { st.token = .invalid; return }
            st.value = s[start..<pos]
            st.suffix = rank
            st.token = .suffix
        } else if VersionBytes.isDigit(c) {
            // Digits follow a suffix (`_rc1`) or a letter (`6.6.2p1`, read as another component).
            guard prev == .suffix || prev == .letter else { st.token = .invalid; return }
            let d = digits()
            st.value = d
            st.number = VersionNumber(digits: VersionBytes.string(d))
            st.token = prev == .suffix ? .suffixNumber : .digit
        } else if c == UInt8(ascii: "~") {
            guard prev < .commitHash else { st.token = .invalid; return }
            pos += 1
            let start = pos
            while pos < s.count, VersionBytes.isDigit(s[pos]) || (s[pos] >= UInt8(ascii: "a") && s[pos] <= UInt8(ascii: "f")) { pos += 1 }
            guard pos > start else { st.token = .invalid; return }
            st.value = s[start..<pos]
            st.token = .commitHash
        } else if c == UInt8(ascii: "-") {
            guard prev < .revision, pos + 1 < s.count, s[pos + 1] == UInt8(ascii: "r") else { st.token = .invalid; return }
            pos += 2
            let d = digits()
            st.value = d
            st.number = VersionNumber(digits: VersionBytes.string(d))
            st.token = .revision
        } else {
            st.token = .invalid
        }
    }

    static func tokenCompare(_ a: State, _ b: State) -> Int {
        switch a.token {
        case .digit:
            // A leading zero in either makes it a string comparison (as Gentoo does).
            if a.value.first == UInt8(ascii: "0") || b.value.first == UInt8(ascii: "0") {
                return VersionBytes.compare(a.value, b.value)
            }
            return a.number.compare(to: b.number)
        case .initialDigit, .suffixNumber, .revision: return a.number.compare(to: b.number)
        case .letter: return VersionBytes.compare(a.value, b.value)
        case .suffix: return VersionBytes.sign(a.suffix - b.suffix)
        case .commitHash, .end, .invalid: return 0
        }
    }

    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var pa = 0, pb = 0
        var ta = State(), tb = State()
        func first(_ s: [UInt8], _ pos: inout Int, _ st: inout State) {
            let start = pos
            while pos < s.count, VersionBytes.isDigit(s[pos]) { pos += 1 }
            st.value = s[start..<pos]
            st.number = VersionNumber(digits: VersionBytes.string(st.value))
            st.token = pos > start ? .initialDigit : .invalid
        }
        first(a, &pa, &ta)
        first(b, &pb, &tb)
        while true {
            if ta.token == tb.token && ta.token < .end {
                let r = tokenCompare(ta, tb)
                if r != 0 { return r }
                next(a, &pa, &ta)
                next(b, &pb, &tb)
            } else if ta.token == .revision && ta.number.isZero && tb.token >= .end {
                // `-r0` (or a bare `-r`) equals no revision.
                next(a, &pa, &ta)
            } else if tb.token == .revision && tb.number.isZero && ta.token >= .end {
                next(b, &pb, &tb)
            } else {
                break
            }
        }
        if ta.token == tb.token {
            // Both stop at text apk cannot read: ignored after a revision, else ordered as plain strings
            // (which also orders strings that are no apk version at all).
            if ta.token == .invalid && !ta.seenRevision && !tb.seenRevision { return VersionBytes.compare(a[pa...], b[pb...]) }
            return 0
        }
        if ta.token == .suffix && ta.suffix < 0 { return -1 }
        if tb.token == .suffix && tb.suffix < 0 { return 1 }
        return ta.token > tb.token ? -1 : 1
    }
}
