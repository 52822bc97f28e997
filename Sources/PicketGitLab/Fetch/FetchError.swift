/// Why a project's code could not be fetched. Texts come from git's own output, redacted against the token.
public enum FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// git failed; the message is git's last `fatal:`/`error:` line.
    case gitFailed(operation: String, message: String)
    /// The clone directory grew past the limit; the clone was stopped.
    case tooLarge(limitBytes: Int, observedBytes: Int)
    /// git ran past the time limit; its whole process group was killed.
    case timedOut(seconds: Int)
    case filesystem(String)

    public var description: String {
        switch self {
        case let .gitFailed(op, m):
            return "git \(op) failed: \(m)"
        case let .tooLarge(limit, observed):
            return "repository larger than the limit (\(ByteText.format(observed)) > \(ByteText.format(limit))); raise --max-repo-size to scan it"
        case .timedOut(let s):
            return "git took longer than \(s) s and was stopped; raise --clone-timeout or check the connection"
        case .filesystem(let m):
            return m
        }
    }
}

enum ByteText {
    static func format(_ n: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var v = Double(n), i = 0
        while v >= 1024, i < units.count - 1 { v /= 1024; i += 1 }
        return i == 0 ? "\(n) B" : String(format: "%.1f %@", v, units[i])
    }
}
