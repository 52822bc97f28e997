/// How bad a finding is. Ordered so that gating (`--fail-on`) is a comparison.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case info, low, medium, high, critical

    public var rank: Int {
        switch self {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    public var description: String { rawValue }

    /// Accepts the names in any case plus the common synonyms other tools write ("moderate", "informational").
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "info", "informational", "information", "none", "note", "unknown": self = .info
        case "low": self = .low
        case "medium", "moderate": self = .medium
        case "high", "error": self = .high
        case "critical": self = .critical
        default: return nil
        }
    }
}

/// How sure a scanner is that a finding is real.
public enum Confidence: String, Sendable, Hashable, Codable, CaseIterable {
    case low, medium, high
}
