/// A GitLab access token. Its text is reachable only through `reveal`, so it never lands in a log line, an
/// error or a `print` by accident: every description is redacted.
public struct GitLabToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    /// Trims surrounding whitespace and newlines (token files usually end with one). Nil when empty or when
    /// the text holds characters no GitLab token has (spaces, control characters).
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty, t.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else { return nil }
        value = t
    }

    /// The secret itself, for the few places that must send it (a request header, git's environment,
    /// the vault's cipher).
    public var reveal: String { value }

    /// `glpat-…` style preview: the prefix GitLab documents, nothing of the secret part.
    public var description: String {
        if let dash = value.firstIndex(of: "-"), value.distance(from: value.startIndex, to: dash) <= 8 {
            return String(value[...dash]) + "[REDACTED]"
        }
        return "[REDACTED]"
    }

    public var debugDescription: String { description }
}

import Foundation

extension GitLabToken {
    /// Reads a token from a file (`-` = standard input). Errors name the file, never the content.
    public static func read(file: String) throws -> GitLabToken {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let d = FileManager.default.contents(atPath: file) else {
                throw GitLabError.tokenSource("cannot read token file \(file): it does not exist or is not readable")
            }
            data = d
        }
        guard data.count < 4096, let text = String(data: data, encoding: .utf8), let token = GitLabToken(text) else {
            throw GitLabError.tokenSource("token file \(file) does not hold a token (expected one line such as glpat-...)")
        }
        return token
    }

    /// The token from `PICKET_GITLAB_TOKEN`, when set.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> GitLabToken? {
        guard let raw = env["PICKET_GITLAB_TOKEN"], !raw.isEmpty else { return nil }
        guard let token = GitLabToken(raw) else {
            throw GitLabError.tokenSource("PICKET_GITLAB_TOKEN does not hold a token (expected one word such as glpat-...)")
        }
        return token
    }

    /// Replaces every occurrence of this token in `text` (a server message, a git stderr) with a marker.
    public func redact(_ text: String) -> String {
        text.contains(value) ? text.replacingOccurrences(of: value, with: "[REDACTED]") : text
    }
}
