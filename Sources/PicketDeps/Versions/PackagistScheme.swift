/// A Composer package version ordered as PHP's `version_compare` orders it after Composer strips a leading
/// `v`: `-`, `_` and `+` become `.`, a `.` is inserted between digits and letters, then elements compare
/// numerically, or by the special forms dev < alpha = a < beta = b < RC = rc < (number) < pl = p, any other
/// word sorting first. A longer version wins unless its extra element is a pre-release word (`1.0 > 1.0-dev`).
public struct PackagistVersion: SchemeVersion {
    /// The canonical elements (`1.0rc1` → ["1", "0", "rc", "1"]).
    let elements: [String]

    public func compare(to other: PackagistVersion) -> Int {
        Self.compare(elements[...], other.elements[...])
    }

    public var isPrerelease: Bool {
        elements.contains { e in
            guard let f = e.utf8.first, !VersionBytes.isDigit(f) else { return false }
            return Self.specialOrder(e) < Self.numberOrder
        }
    }

    static let numberMarker = "#N#"
    static let numberOrder = 4
    static let specialForms: [(String, Int)] = [
        ("dev", 0), ("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("RC", 3), ("rc", 3), ("#", 4), ("pl", 5), ("p", 5),
    ]

    /// PHP matches each form as a prefix of the element, in table order; unknown words rank lowest.
    static func specialOrder(_ form: String) -> Int {
        for (name, order) in specialForms where form.hasPrefix(name) { return order }
        return -1
    }

    static func isNumeric(_ e: String) -> Bool { e.utf8.first.map(VersionBytes.isDigit) ?? false }

    static func compareElements(_ a: String, _ b: String) -> Int {
        switch (isNumeric(a), isNumeric(b)) {
        case (true, true):
            let da = a.utf8.prefix { VersionBytes.isDigit($0) }, db = b.utf8.prefix { VersionBytes.isDigit($0) }
            return VersionNumber(digits: VersionBytes.string(da)).compare(to: VersionNumber(digits: VersionBytes.string(db)))
        case (false, false): return VersionBytes.sign(specialOrder(a) - specialOrder(b))
        case (true, false): return VersionBytes.sign(specialOrder(numberMarker) - specialOrder(b))
        case (false, true): return VersionBytes.sign(specialOrder(a) - specialOrder(numberMarker))
        }
    }

    static func compare(_ a: ArraySlice<String>, _ b: ArraySlice<String>) -> Int {
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex && j < b.endIndex {
            let r = compareElements(a[i], b[j])
            if r != 0 { return r }
            i += 1
            j += 1
        }
        if i < a.endIndex { return isNumeric(a[i]) ? 1 : compare(a[i...], [numberMarker][...]) }
        if j < b.endIndex { return isNumeric(b[j]) ? -1 : compare([numberMarker][...], b[j...]) }
        return 0
    }

    /// `[-_+]` → `.`, and a `.` between a digit and a non-digit (other than `.`), either way round.
    static func canonicalElements(_ s: String) -> [String] {
        var out: [UInt8] = []
        var prev: UInt8?
        for b in s.utf8 {
            let c: UInt8 = (b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: "+")) ? UInt8(ascii: ".") : b
            if let p = prev, p != UInt8(ascii: "."), c != UInt8(ascii: "."), VersionBytes.isDigit(p) != VersionBytes.isDigit(c) {
                out.append(UInt8(ascii: "."))
            }
            out.append(c)
            prev = c
        }
        return out.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map { VersionBytes.string($0) }
    }
}

public struct PackagistScheme: VersionScheme {
    public let name = "Packagist"
    public init() {}

    public func parse(_ text: String) throws(VersionParseError) -> PackagistVersion {
        var t = Substring(text.trimmingSpaces)
        if t.first == "v" || t.first == "V" { t = t.dropFirst() }
        guard !t.isEmpty else { throw VersionParseError(text, scheme: name, reason: "empty string") }
        if let bad = t.first(where: { " \t\n^*<>=|,~".contains($0) }) {
            throw VersionParseError(text, scheme: name, reason: "'\(bad)' belongs to a constraint, not a version")
        }
        return PackagistVersion(elements: PackagistVersion.canonicalElements(String(t)))
    }
}
