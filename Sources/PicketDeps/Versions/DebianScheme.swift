/// A Debian package version `[epoch:]upstream[-revision]` ordered as dpkg orders it (deb-version(7)):
/// numeric epoch first, then upstream and revision compared by alternating non-digit runs (`~` before
/// everything, even the end; letters before other characters) and numeric runs.
public struct DebianVersion: SchemeVersion {
    let epoch: VersionNumber
    let upstream: [UInt8]
    let revision: [UInt8]

    public func compare(to other: DebianVersion) -> Int {
        var r = epoch.compare(to: other.epoch)
        if r != 0 { return r }
        r = Self.verrevcmp(upstream, other.upstream)
        if r != 0 { return r }
        return Self.verrevcmp(revision, other.revision)
    }

    public var isPrerelease: Bool { upstream.contains(UInt8(ascii: "~")) }

    static func order(_ c: UInt8) -> Int {
        if VersionBytes.isDigit(c) { return 0 }
        if VersionBytes.isLetter(c) { return Int(c) }
        if c == UInt8(ascii: "~") { return -1 }
        if c != 0 { return Int(c) + 256 }
        return 0
    }

    static func verrevcmp(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var i = 0, j = 0
        func at(_ s: [UInt8], _ k: Int) -> UInt8 { k < s.count ? s[k] : 0 }
        while i < a.count || j < b.count {
            var firstDiff = 0
            while (i < a.count && !VersionBytes.isDigit(a[i])) || (j < b.count && !VersionBytes.isDigit(b[j])) {
                let ac = order(at(a, i)), bc = order(at(b, j))
                if ac != bc { return VersionBytes.sign(ac - bc) }
                i += 1
                j += 1
            }
            while at(a, i) == UInt8(ascii: "0") { i += 1 }
            while at(b, j) == UInt8(ascii: "0") { j += 1 }
            while VersionBytes.isDigit(at(a, i)) && VersionBytes.isDigit(at(b, j)) {
                if firstDiff == 0 { firstDiff = Int(a[i]) - Int(b[j]) }
                i += 1
                j += 1
            }
            if VersionBytes.isDigit(at(a, i)) { return 1 }
            if VersionBytes.isDigit(at(b, j)) { return -1 }
            if firstDiff != 0 { return VersionBytes.sign(firstDiff) }
        }
        return 0
    }
}

public struct DebianScheme: VersionScheme {
    public let name = "Debian"
    public init() {}

    public func parse(_ text: String) throws(VersionParseError) -> DebianVersion {
        func fail(_ r: String) -> VersionParseError { VersionParseError(text, scheme: name, reason: r) }
        let t = text.trimmingSpaces
        guard !t.isEmpty else { throw fail("empty string") }
        var bytes = Array(t.utf8)
        var epoch = VersionNumber.zero
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            let e = bytes[..<colon]
            guard VersionBytes.allDigits(e) else { throw fail("the epoch before ':' must be a number") }
            epoch = VersionNumber(digits: VersionBytes.string(e))
            bytes = Array(bytes[(colon + 1)...])
        }
        var revision: [UInt8] = []
        if let dash = bytes.lastIndex(of: UInt8(ascii: "-")) {
            revision = Array(bytes[(dash + 1)...])
            bytes = Array(bytes[..<dash])
            guard !revision.isEmpty else { throw fail("empty revision after '-'") }
        }
        guard !bytes.isEmpty else { throw fail("empty upstream version") }
        let allowed: (UInt8) -> Bool = { VersionBytes.isAlnum($0) || ".+~-:".utf8.contains($0) }
        guard bytes.allSatisfy(allowed), revision.allSatisfy({ allowed($0) && $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: ":") }) else {
            throw fail("may hold only letters, digits and . + ~ - :")
        }
        return DebianVersion(epoch: epoch, upstream: bytes, revision: revision)
    }
}
