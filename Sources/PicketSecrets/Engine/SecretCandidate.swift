/// A confirmed match before it becomes a finding: where it is in the scanned buffer and what it holds.
struct SecretCandidate {
    var rule: Int
    /// Span of the whole match (for a decoded secret: of the encoded text it came from).
    var start: Int
    var end: Int
    /// Span of the secret itself in the scanned buffer (for a decoded secret: the encoded text).
    var secretStart: Int
    var secretEnd: Int
    var secret: [UInt8]
    var decodedFrom: String?
    var entropy: Double
    var checksumValid: Bool?
    /// The line carries `picket:allow`: reported as suppressed, not counted.
    var inlineAllowed = false
}
