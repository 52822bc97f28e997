import PicketCore

/// GitLab's routable token format: `PREFIX` + `B` + `.` + `LL` + `CRC`, where `B` is base64url (no padding) of the
/// routing payload plus random bytes, `LL` is `B`'s length in base36 (2 digits) and `CRC` is the CRC-32 of everything
/// before it, prefix included, in base36 (7 digits). Some tokens carry a version segment: `PREFIX` + `B` + `.NN.` +
/// `LL` + `CRC`; there only the CRC is checked.
public struct GitLabRoutableChecksum: ChecksumValidator {
    public let name = "gitlab-routable"

    public init() {}

    static let crcDigits = 7
    static let lengthDigits = 2

    public func isValid(_ secret: [UInt8]) -> Bool {
        let n = secret.count
        guard n > Self.crcDigits + Self.lengthDigits + 1 else { return false }
        let crcStart = n - Self.crcDigits
        guard let expected = Self.base36(secret[crcStart...]) else { return false }
        guard UInt64(CRC32.checksum(secret[..<crcStart])) == expected else { return false }
        let lengthStart = crcStart - Self.lengthDigits
        guard let length = Self.base36(secret[lengthStart..<crcStart]) else { return false }
        let dot = lengthStart - 1
        guard secret[dot] == UInt8(ascii: ".") else { return false }
        // Version shape `B.NN.LLCRC`: the segment before the dot is two base36 digits after another dot.
        if dot >= 3, secret[dot - 3] == UInt8(ascii: "."), Self.base36(secret[(dot - 2)..<dot]) != nil {
            return true
        }
        // One-dot shape: `B` is the `length` characters before the dot, right after the prefix's `-` or `_`.
        let bStart = dot - Int(length)
        guard length > 0, bStart > 0 else { return false }
        let separator = secret[bStart - 1]
        guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "_") else { return false }
        return secret[bStart..<dot].allSatisfy(Self.isBase64URL)
    }

    /// Lower-case base36 digits to a number; nil for any other byte.
    static func base36(_ digits: ArraySlice<UInt8>) -> UInt64? {
        var v: UInt64 = 0
        for d in digits {
            switch d {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = v * 36 + UInt64(d - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = v * 36 + UInt64(d - UInt8(ascii: "a") + 10)
            default: return nil
            }
        }
        return v
    }

    static func isBase64URL(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F
    }
}
