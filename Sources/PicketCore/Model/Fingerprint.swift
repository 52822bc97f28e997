import Crypto
import Foundation

/// A stable identity for a finding that survives code moving by lines: it hashes what the problem *is*
/// (scanner kind, rule, path, normalised evidence), never where in the file it sits.
public struct Fingerprint: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    public let value: String

    public init(value: String) { self.value = value }

    /// Builds the fingerprint from its identifying parts. Parts are joined with a separator that cannot
    /// appear inside them unescaped, so ("a|b","c") and ("a","b|c") differ.
    public init(kind: FindingKind, rule: String, path: String, identity: String) {
        // The bytes of the parts, each U+001F doubled, joined by U+001F "|".
        var bytes: [UInt8] = []
        bytes.reserveCapacity(kind.rawValue.utf8.count + rule.utf8.count + path.utf8.count + identity.utf8.count + 8)
        for (i, part) in [kind.rawValue, rule, path, identity].enumerated() {
            if i > 0 { bytes.append(0x1F); bytes.append(0x7C) }
            for b in part.utf8 {
                bytes.append(b)
                if b == 0x1F { bytes.append(0x1F) }
            }
        }
        value = SHA256.hash(data: bytes).hexString
    }

    public var description: String { value }

    public static func < (lhs: Fingerprint, rhs: Fingerprint) -> Bool { lhs.value < rhs.value }

    public init(from decoder: Decoder) throws { value = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}

extension Digest {
    public var hexString: String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: Self.byteCount * 2) { out in
            var i = 0
            for byte in self {
                out[i] = digits.utf8Start[Int(byte >> 4)]
                out[i + 1] = digits.utf8Start[Int(byte & 0xF)]
                i += 2
            }
            return i
        }
    }
}

public enum Hashing {
    /// Hex SHA-256 of raw bytes.
    public static func sha256Hex<D: DataProtocol>(_ data: D) -> String { SHA256.hash(data: data).hexString }
    public static func sha256Hex(_ text: String) -> String { sha256Hex(Data(text.utf8)) }
}
