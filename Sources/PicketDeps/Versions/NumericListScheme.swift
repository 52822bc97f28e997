/// A version that is a list of non-negative integers, compared element by element, a longer list winning when
/// one is a prefix of the other (`1.0 < 1.0.0`). CRAN separates with `.` or `-` (`0.1-0` = `0.1.0`); Hackage
/// (Haskell's `Data.Version`) with `.` only.
public struct NumericListVersion: SchemeVersion {
    let parts: [VersionNumber]

    public func compare(to other: NumericListVersion) -> Int {
        for (a, b) in zip(parts, other.parts) {
            let r = a.compare(to: b)
            if r != 0 { return r }
        }
        return VersionBytes.sign(parts.count - other.parts.count)
    }
}

public struct NumericListScheme: VersionScheme {
    public let name: String
    let separators: Set<UInt8>

    public static let cran = NumericListScheme(name: "CRAN", separators: ".-")
    public static let hackage = NumericListScheme(name: "Hackage", separators: ".")

    init(name: String, separators: String) {
        self.name = name
        self.separators = Set(separators.utf8)
    }

    public func parse(_ text: String) throws(VersionParseError) -> NumericListVersion {
        let t = text.trimmingSpaces
        guard !t.isEmpty else { throw VersionParseError(text, scheme: name, reason: "empty string") }
        let pieces = t.utf8.split(omittingEmptySubsequences: false) { separators.contains($0) }
        var parts: [VersionNumber] = []
        for p in pieces {
            guard VersionBytes.allDigits(p) else {
                let seps = separators.map { "'\(Character(Unicode.Scalar($0)))'" }.sorted().joined(separator: " or ")
                throw VersionParseError(text, scheme: name, reason: "expected numbers separated by \(seps)")
            }
            parts.append(VersionNumber(digits: VersionBytes.string(p)))
        }
        return NumericListVersion(parts: parts)
    }
}
