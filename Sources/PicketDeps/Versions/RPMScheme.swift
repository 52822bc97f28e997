/// An RPM version `[epoch:]version[-release]` (Red Hat, AlmaLinux, Rocky, SUSE, openSUSE, Mageia, openEuler),
/// ordered by `rpmvercmp` on the epoch (missing = 0), the version and the release: alphanumeric runs compared
/// (numbers numerically and above letters), other characters only separate, `~` sorts before everything and
/// `^` after the end. A version without release sorts before the same version with one.
public struct RPMVersion: SchemeVersion {
    let epoch: [UInt8]
    let version: [UInt8]
    let release: [UInt8]?

    public func compare(to other: RPMVersion) -> Int {
        var r = Self.rpmvercmp(epoch, other.epoch)
        if r != 0 { return r }
        r = Self.rpmvercmp(version, other.version)
        if r != 0 { return r }
        switch (release, other.release) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (a?, b?): return Self.rpmvercmp(a, b)
        }
    }

    public var isPrerelease: Bool { version.contains(UInt8(ascii: "~")) }

    static func rpmvercmp(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a == b { return 0 }
        var i = 0, j = 0
        func at(_ s: [UInt8], _ k: Int) -> UInt8 { k < s.count ? s[k] : 0 }
        let tilde = UInt8(ascii: "~"), caret = UInt8(ascii: "^")
        func isSeparator(_ c: UInt8) -> Bool { c != 0 && !VersionBytes.isAlnum(c) && c != tilde && c != caret }
        while i < a.count || j < b.count {
            while isSeparator(at(a, i)) { i += 1 }
            while isSeparator(at(b, j)) { j += 1 }
            let ca = at(a, i), cb = at(b, j)
            if ca == tilde || cb == tilde {
                if ca != tilde { return 1 }
                if cb != tilde { return -1 }
                i += 1; j += 1
                continue
            }
            if ca == caret || cb == caret {
                if ca == 0 { return -1 }
                if cb == 0 { return 1 }
                if ca != caret { return 1 }
                if cb != caret { return -1 }
                i += 1; j += 1
                continue
            }
            if ca == 0 || cb == 0 { break }
            let numeric = VersionBytes.isDigit(ca)
            let match: (UInt8) -> Bool = { numeric ? VersionBytes.isDigit($0) : VersionBytes.isLetter($0) }
            var ei = i, ej = j
            while ei < a.count, match(a[ei]) { ei += 1 }
            while ej < b.count, match(b[ej]) { ej += 1 }
            // `i` cannot be empty (it starts with a digit or letter); `j` can, when types differ.
            if ej == j { return numeric ? 1 : -1 }
            var sa = a[i..<ei], sb = b[j..<ej]
            if numeric {
                sa = sa.drop { $0 == UInt8(ascii: "0") }
                sb = sb.drop { $0 == UInt8(ascii: "0") }
                if sa.count != sb.count { return sa.count > sb.count ? 1 : -1 }
            }
            let r = VersionBytes.compare(sa, sb)
            if r != 0 { return r }
            i = ei
            j = ej
        }
        let ea = i >= a.count, eb = j >= b.count
        if ea && eb { return 0 }
        return ea ? -1 : 1
    }
}

public struct RPMScheme: VersionScheme {
    public let name = "RPM"
    public init() {}

    public func parse(_ text: String) throws(VersionParseError) -> RPMVersion {
        let t = text.trimmingSpaces
        guard !t.isEmpty else { throw VersionParseError(text, scheme: name, reason: "empty string") }
        guard !t.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) else {
            throw VersionParseError(text, scheme: name, reason: "contains whitespace")
        }
        var bytes = Array(t.utf8)
        var epoch = Array("0".utf8)
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            epoch = Array(bytes[..<colon])
            bytes = Array(bytes[(colon + 1)...])
        }
        var release: [UInt8]?
        if let dash = bytes.lastIndex(of: UInt8(ascii: "-")) {
            release = Array(bytes[(dash + 1)...])
            bytes = Array(bytes[..<dash])
        }
        return RPMVersion(epoch: epoch, version: bytes, release: release)
    }
}
