/// A non-negative integer of any length, kept as its digits: version components such as
/// `999999999999999999999999999991` exceed 64 bits and must still order numerically.
public struct VersionNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value when it fits in 18 digits (nearly always); comparisons then are integer comparisons.
    private let small: UInt64
    /// Digits without leading zeros, kept only for numbers longer than 18 digits.
    private let big: String?

    /// `text` must be ASCII digits only (callers check); leading zeros are dropped.
    public init<S: StringProtocol>(digits text: S) {
        let trimmed = text.utf8.drop { $0 == UInt8(ascii: "0") }
        if trimmed.count <= 18 {
            var v: UInt64 = 0
            for b in trimmed { v = v &* 10 &+ UInt64(b &- 48) }
            small = v
            big = nil
        } else {
            small = 0
            big = String(decoding: trimmed, as: UTF8.self)
        }
    }

    public init(_ value: Int) {
        small = UInt64(max(0, value))
        big = nil
    }

    public static let zero = VersionNumber(0)

    public var isZero: Bool { big == nil && small == 0 }
    public var digits: String { big ?? String(small) }
    public var description: String { digits }

    public static func < (a: VersionNumber, b: VersionNumber) -> Bool { a.compare(to: b) < 0 }

    public func compare(to other: VersionNumber) -> Int {
        switch (big, other.big) {
        case (nil, nil): return small == other.small ? 0 : (small < other.small ? -1 : 1)
        case (nil, _): return -1
        case (_, nil): return 1
        case let (a?, b?):
            if a.utf8.count != b.utf8.count { return a.utf8.count < b.utf8.count ? -1 : 1 }
            return a == b ? 0 : (a < b ? -1 : 1)
        }
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
        var i = 0
        while i < identifiers.count && i < other.identifiers.count {
            let r: Int
            defer { i += 1 }
            switch (identifiers[i], other.identifiers[i]) {
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
