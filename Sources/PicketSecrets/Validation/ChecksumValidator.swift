import PicketCore

/// Checks the checksum some token formats carry, so a string that merely looks like a token (a typo, a
/// redaction, a made-up example) is not reported. Registered by name; rules refer to it with `checksum: NAME`.
public protocol ChecksumValidator: Sendable {
    var name: String { get }
    /// True when the checksum holds, false when it does not.
    func isValid(_ secret: [UInt8]) -> Bool
}

public enum ChecksumValidators {
    public static let all: [any ChecksumValidator] = [
        Base62CRC32Checksum(name: "github"),
        Base62CRC32Checksum(name: "npm"),
        GitLabRoutableChecksum(),
        Bech32Checksum(),
    ]

    public static func named(_ name: String) -> (any ChecksumValidator)? { all.first { $0.name == name } }
}

/// The scheme GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm (`npm_`) tokens use: after the prefix and
/// `_`, 30 random base62 characters then 6 base62 digits of the CRC-32 of those 30, zero-padded.
public struct Base62CRC32Checksum: ChecksumValidator {
    public let name: String
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    public func isValid(_ secret: [UInt8]) -> Bool {
        guard let underscore = secret.lastIndex(of: UInt8(ascii: "_")) else { return false }
        let body = secret[(underscore + 1)...]
        guard body.count > 6 else { return false }
        let random = body.dropLast(6), check = body.suffix(6)
        return Array(check) == Self.encode(CRC32.checksum(random), width: 6)
    }

    static func encode(_ value: UInt32, width: Int) -> [UInt8] {
        var v = value
        var out: [UInt8] = []
        while v > 0 {
            out.append(alphabet[Int(v % 62)])
            v /= 62
        }
        while out.count < width { out.append(UInt8(ascii: "0")) }
        return out.reversed()
    }
}
