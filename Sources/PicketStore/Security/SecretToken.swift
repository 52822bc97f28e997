import Foundation
import PicketCore

/// High-entropy tokens (session ids, API tokens) and the hashes the store keeps instead of them.
public enum SecretToken {
    /// The prefix of Picket API tokens, so scanners (ours included) can recognise a leaked one.
    public static let apiTokenPrefix = "pkt_"
    /// Characters of an API token kept in clear for display.
    static let displayPrefixLength = 12

    /// `bytes` random bytes (from the system CSPRNG) as unpadded base64url.
    public static func random(bytes: Int = 32) -> String {
        var rng = SystemRandomNumberGenerator()
        let raw = (0..<bytes).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return Data(raw).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func newAPIToken() -> String { apiTokenPrefix + random(bytes: 32) }

    /// Hex SHA-256: what the store keeps of a token, session id or webhook secret.
    public static func hash(_ token: String) -> String { Hashing.sha256Hex(token) }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in a.indices { diff |= a[i] ^ b[i] }
        return diff == 0
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        constantTimeEqual(Array(a.utf8), Array(b.utf8))
    }
}
