import Foundation
import Logging
import Synchronization

/// swift-log handler writing one JSON object per line (`{"ts","level","logger","msg",...metadata}`) to stderr.
/// Every message and metadata value passes `LogRedactor` first, a last line of defence: Picket never logs a token
/// on purpose, and this makes an accident unreadable too.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    public let label: String
    private let sink: LogSink

    public init(label: String, level: Logger.Level = .info, sink: LogSink = .standardError) {
        self.label = label
        self.logLevel = level
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
                    file: String, function: String, line: UInt) {
        var fields: [(String, String)] = [
            ("ts", JSONLogHandler.timestamp(Date())),
            ("level", level.rawValue),
            ("logger", label),
            ("msg", LogRedactor.redact(message.description)),
        ]
        var merged = metadata
        if let explicit { merged.merge(explicit) { $1 } }
        for key in merged.keys.sorted() where !["ts", "level", "logger", "msg"].contains(key) {
            if let v = merged[key] { fields.append((key, LogRedactor.redact(JSONLogHandler.flatten(v)))) }
        }
        var line = "{"
        for (i, (k, v)) in fields.enumerated() {
            if i > 0 { line += "," }
            line += JSONLogHandler.quote(k) + ":" + JSONLogHandler.quote(v)
        }
        line += "}\n"
        sink.write(line)
    }

    static func flatten(_ v: Logger.Metadata.Value) -> String {
        switch v {
        case .string(let s): return s
        case .stringConvertible(let c): return c.description
        case .array(let a): return "[" + a.map(flatten).joined(separator: ", ") + "]"
        case .dictionary(let d): return "{" + d.keys.sorted().map { "\($0): \(flatten(d[$0]!))" }.joined(separator: ", ") + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    static func timestamp(_ d: Date) -> String {
        let ms = Int64((d.timeIntervalSince1970 * 1000).rounded(.down))
        var t = time_t(ms / 1000)
        var tmv = tm()
        gmtime_r(&t, &tmv)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tmv.tm_year + 1900, tmv.tm_mon + 1, tmv.tm_mday,
                      tmv.tm_hour, tmv.tm_min, tmv.tm_sec, Int(ms % 1000))
    }
}

/// Where log lines go: stderr, or a memory buffer (tests read what was logged).
public final class LogSink: Sendable {
    private let capture: Bool
    private let buffer = Mutex<[String]>([])
    private let lock = Mutex(())

    private init(capture: Bool) { self.capture = capture }

    public static let standardError = LogSink(capture: false)

    public static func capturing() -> LogSink { LogSink(capture: true) }

    func write(_ line: String) {
        if capture {
            buffer.withLock { $0.append(line) }
            return
        }
        lock.withLock { _ in FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Lines written so far (capturing sinks only).
    public var lines: [String] { capture ? buffer.withLock { $0 } : [] }
}

/// Masks anything shaped like a credential in a log text: GitLab tokens (`glpat-…` and the other documented
/// prefixes), Picket API tokens (`pkt_…`), and `Authorization`/`PRIVATE-TOKEN` header values. Byte-level.
public enum LogRedactor {
    static let prefixes = ["glpat-", "gloas-", "gldt-", "glrt-", "glcbt-", "glptt-", "glft-", "glimt-", "glagent-",
                           "glsoat-", "glffct-", "pkt_"]

    public static func redact(_ text: String) -> String {
        guard text.contains("gl") || text.contains("pkt_") || text.lowercased().contains("token") || text.contains("Bearer") else {
            return text
        }
        var out = text
        for p in prefixes { out = mask(out, after: p, minimum: 8) }
        for p in ["Bearer ", "PRIVATE-TOKEN: ", "private_token=", "X-Gitlab-Token: "] { out = mask(out, after: p, minimum: 1) }
        return out
    }

    private static func mask(_ text: String, after prefix: String, minimum: Int) -> String {
        guard text.contains(prefix) else { return text }
        var result = ""
        var rest = Substring(text)
        while let r = rest.range(of: prefix) {
            result += rest[..<r.upperBound]
            let tail = rest[r.upperBound...]
            let end = tail.firstIndex { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." || $0 == "=") } ?? tail.endIndex
            let n = tail.distance(from: tail.startIndex, to: end)
            if n >= minimum { result += "[REDACTED]" } else { result += tail[..<end] }
            rest = tail[end...]
        }
        return result + rest
    }
}
