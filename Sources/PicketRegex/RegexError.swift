/// A pattern that an engine refused, with the engine's own reason.
public struct RegexError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// Index of the offending pattern in a multi-pattern compile, when known.
    public var patternIndex: Int?

    public init(_ message: String, patternIndex: Int? = nil) {
        self.message = message
        self.patternIndex = patternIndex
    }

    public var description: String { message }
}
