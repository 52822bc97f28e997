/// Which family of scanner produced a finding. New scanners add a case here and nowhere else in Core.
public enum FindingKind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case secret
    case dependency
    case license
    case iac
    case sast
    case pipeline

    public var description: String { rawValue }
}
