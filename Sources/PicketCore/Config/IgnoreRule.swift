import Foundation

/// Why something is ignored in `.picket.yml`, and until when: an ignore with `until:` ends after that day
/// (UTC), so a postponed upgrade comes back on its own instead of staying hidden forever.
public struct IgnoreRule: Sendable, Hashable {
    public var reason: String
    public var until: CalendarDay?
    /// Where the entry is written, for the message when it expires.
    public var file: String
    public var line: Int

    public init(reason: String, until: CalendarDay? = nil, file: String, line: Int) {
        self.reason = reason
        self.until = until
        self.file = file
        self.line = line
    }

    public var origin: String { "\(file):\(line)" }

    /// Reads `reason:` and `until:` of an ignore entry.
    init(_ item: ConfigReader, file: String) throws {
        var until: CalendarDay?
        if let u = try item.optional("until") {
            guard let day = CalendarDay(try u.string()) else {
                throw u.error("expected a day as YYYY-MM-DD, like 2027-03-31")
            }
            until = day
        }
        let reason = try item.optional("reason")?.string() ?? "ignored in \(file)"
        self.init(reason: until.map { "\(reason) (until \($0))" } ?? reason, until: until, file: file, line: item.value.line)
    }

    /// True while the ignore holds at `now`.
    public func isActive(at now: Date) -> Bool {
        guard let until else { return true }
        return now < until.end
    }
}
