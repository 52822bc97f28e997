/// Errors a user can act on. Every case's text says what went wrong and, where it can, what to do next;
/// none ever carries a token or a secret.
public enum PicketError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Bad command-line use.
    case usage(String)
    /// A configuration file is wrong: file, line (1-based, when known), key path, and what is wrong.
    case config(file: String, line: Int?, key: String?, message: String)
    /// Input that cannot be read or parsed (a lockfile, a report, a rule file).
    case input(file: String, message: String)
    /// A failure of the environment: a missing tool, a git error, I/O.
    case runtime(String)

    public var description: String {
        switch self {
        case .usage(let m): return m
        case let .config(file, line, key, message):
            var head = file
            if let line { head += ":\(line)" }
            if let key, !key.isEmpty { head += ": '\(key)'" }
            return "\(head): \(message)"
        case let .input(file, message): return "\(file): \(message)"
        case .runtime(let m): return m
        }
    }
}
