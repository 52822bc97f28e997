/// Bech32 (BIP 173) checksum over a whole string `hrp` + `1` + data, in either case: age secret keys
/// (`AGE-SECRET-KEY-1...`) use it, so a mistyped or made-up key fails.
public struct Bech32Checksum: ChecksumValidator {
    public let name = "bech32"

    public init() {}

    static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    static let values: [Int8] = {
        var t = [Int8](repeating: -1, count: 128)
        for (i, c) in charset.enumerated() { t[Int(c)] = Int8(i) }
        return t
    }()

    public func isValid(_ secret: [UInt8]) -> Bool {
        // Lower-case, refusing mixed case as the specification does.
        let hasLower = secret.contains { $0 >= 0x61 && $0 <= 0x7A }
        let hasUpper = secret.contains { $0 >= 0x41 && $0 <= 0x5A }
        guard !(hasLower && hasUpper) else { return false }
        let s = secret.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 32 : $0 }
        guard let sep = s.lastIndex(of: UInt8(ascii: "1")), sep >= 1, s.count - sep - 1 >= 6 else { return false }
        let hrp = s[..<sep]
        guard hrp.allSatisfy({ $0 >= 33 && $0 <= 126 }) else { return false }
        var data: [UInt8] = []
        data.reserveCapacity(s.count - sep - 1)
        for c in s[(sep + 1)...] {
            guard c < 128, Self.values[Int(c)] >= 0 else { return false }
            data.append(UInt8(Self.values[Int(c)]))
        }
        var values = hrp.map { $0 >> 5 }
        values.append(0)
        values += hrp.map { $0 & 31 }
        values += data
        return Self.polymod(values) == 1
    }

    static func polymod(_ values: [UInt8]) -> UInt32 {
        let generator: [UInt32] = [0x3B6A_57B2, 0x2650_8E6D, 0x1EA1_19FA, 0x3D42_33DD, 0x2A14_62B3]
        var chk: UInt32 = 1
        for v in values {
            let top = chk >> 25
            chk = ((chk & 0x1FF_FFFF) << 5) ^ UInt32(v)
            for i in 0..<5 where (top >> UInt32(i)) & 1 == 1 { chk ^= generator[i] }
        }
        return chk
    }
}
