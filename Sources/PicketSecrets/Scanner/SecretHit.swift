import PicketCore

/// One place where one secret was found, before hits of the same secret are grouped into a finding.
struct SecretHit: Sendable {
    var rule: Int
    var sha256: String
    var preview: String
    /// The raw value, kept only when the user asked for `--no-redact`.
    var revealed: String?
    var location: Location
    var snippet: String
    var decodedFrom: String?
    var entropy: Double
    var checksumValid: Bool?
    var inlineAllowed: Bool
}

enum Redaction {
    /// A short form that identifies a secret to a person without giving it away: a known prefix (up to the
    /// first `-` or `_` in the first 12 bytes) plus two characters, or the first characters for long values.
    static func preview(_ secret: [UInt8], multiline: Bool) -> String {
        if multiline, let nl = secret.firstIndex(of: 0x0A) {
            let first = String(decoding: secret[..<nl], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if first.contains("BEGIN") { return first + "…" }
        }
        guard secret.count >= 12 else { return String(repeating: "*", count: max(4, min(secret.count, 8))) }
        var keep = min(4, secret.count / 6)
        if let sep = secret.prefix(12).lastIndex(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }) {
            keep = min(sep + 3, secret.count / 2)
        }
        return String(decoding: secret.prefix(keep), as: UTF8.self) + "…"
    }
}

import Foundation
