/// A non-negative integer of any length, kept as its digits: version components such as
/// `999999999999999999999999999991` exceed 64 bits and must still order numerically.
public struct VersionNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Digits without leading zeros; "0" for zero.
    public let digits: String

    /// `text` must be ASCII digits only (callers check); leading zeros are dropped.
    public init<S: StringProtocol>(digits text: S) {
        let trimmed = text.drop { $0 == "0" }
        digits = trimmed.isEmpty ? "0" : String(trimmed)
    }

    public init(_ value: Int) { digits = String(value) }

    public static let zero = VersionNumber(0)

    public var isZero: Bool { digits == "0" }
    public var description: String { digits }

    public static func < (a: VersionNumber, b: VersionNumber) -> Bool { a.compare(to: b) < 0 }

    public func compare(to other: VersionNumber) -> Int {
        let a = digits.utf8, b = other.digits.utf8
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return 0
    }
}

/// Byte-level helpers shared by the schemes (versions are tiny strings; these avoid regex and Character cost).
enum VersionBytes {
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    static func isLetter(_ b: UInt8) -> Bool { isLower(b) || isUpper(b) }
    static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }
    static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b + 32 : b }

    static func allDigits<C: Collection>(_ c: C) -> Bool where C.Element == UInt8 {
        !c.isEmpty && c.allSatisfy(isDigit)
    }

    static func string<C: Collection>(_ c: C) -> String where C.Element == UInt8 { String(decoding: c, as: UTF8.self) }

    /// Plain byte-wise (ASCII) comparison, as C's strcmp.
    static func compare<A: Collection, B: Collection>(_ a: A, _ b: B) -> Int where A.Element == UInt8, B.Element == UInt8 {
        var i = a.makeIterator(), j = b.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (x?, y?): if x != y { return x < y ? -1 : 1 }
            }
        }
    }

    static func sign(_ v: Int) -> Int { v < 0 ? -1 : (v > 0 ? 1 : 0) }
}

/// A dot-separated identifier list as SemVer orders pre-release (and Pub orders build) identifiers:
/// numeric identifiers compare numerically and sort before alphanumeric ones, which compare by ASCII;
/// a shorter list that is a prefix of a longer one sorts first.
struct IdentifierList: Sendable, Hashable {
    enum Identifier: Sendable, Hashable {
        case number(VersionNumber)
        case text(String)
    }

    var identifiers: [Identifier]

    init(_ text: Substring, caseInsensitive: Bool = false) {
        identifiers = text.split(separator: ".", omittingEmptySubsequences: false).map { part in
            if VersionBytes.allDigits(part.utf8) { return .number(VersionNumber(digits: part)) }
            return .text(caseInsensitive ? part.lowercased() : String(part))
        }
    }

    func compare(to other: IdentifierList) -> Int {
        for (a, b) in zip(identifiers, other.identifiers) {
            let r: Int
            switch (a, b) {
            case let (.number(x), .number(y)): r = x.compare(to: y)
            case (.number, .text): r = -1
            case (.text, .number): r = 1
            case let (.text(x), .text(y)): r = VersionBytes.compare(x.utf8, y.utf8)
            }
            if r != 0 { return r }
        }
        return VersionBytes.sign(identifiers.count - other.identifiers.count)
    }
}
