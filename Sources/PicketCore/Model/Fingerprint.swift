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
        let parts = [kind.rawValue, rule, path, identity].map { $0.replacingOccurrences(of: "\u{1F}", with: "\u{1F}\u{1F}") }
        let digest = SHA256.hash(data: Data(parts.joined(separator: "\u{1F}|").utf8))
        value = digest.hexString
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
        var out = ""
        out.reserveCapacity(Self.byteCount * 2)
        for byte in self { out += String(byte, radix: 16, uppercase: false).leftPadded(to: 2) }
        return out
    }
}

public enum Hashing {
    /// Hex SHA-256 of raw bytes.
    public static func sha256Hex<D: DataProtocol>(_ data: D) -> String { SHA256.hash(data: data).hexString }
    public static func sha256Hex(_ text: String) -> String { sha256Hex(Data(text.utf8)) }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
