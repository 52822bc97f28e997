import Foundation

/// A fixed-window throttle: `limit` requests per `period` seconds.
public struct Throttle: Sendable, Equatable {
    public var limit: Int
    public var period: Int
    public init(limit: Int, period: Int) { self.limit = limit; self.period = period }
}

/// Rack::Attack-style throttles (headers + plain-text 429) and application limits (JSON 429) as on GitLab.com.
public struct RateLimitSettings: Sendable {
    public var enabled: Bool = false
    public var authenticatedAPI = Throttle(limit: 2000, period: 60)
    public var unauthenticatedAPI = Throttle(limit: 500, period: 60)
    /// Application limits by name (see `ApplicationLimit`); GitLab.com values unless the world overrides them.
    public var endpoints: [String: Throttle] = ApplicationLimit.gitlabComDefaults

    public init() {}
}

public enum ApplicationLimit {
    public static let gitlabComDefaults: [String: Throttle] = [
        "group_projects_api": Throttle(limit: 600, period: 60),
        "project_api": Throttle(limit: 400, period: 60),
        "projects_api": Throttle(limit: 2000, period: 600),
        "group_api": Throttle(limit: 400, period: 60),
        "groups_api": Throttle(limit: 200, period: 60),
        "notes_create": Throttle(limit: 60, period: 60),
        "repository_files": Throttle(limit: 500, period: 60),
        "repository_archive": Throttle(limit: 5, period: 60),
    ]
}

/// Fault injection: the next `rateLimitStorm` API requests are answered 429 with `Retry-After: stormRetryAfter`.
public struct FaultSettings: Sendable {
    public var rateLimitStorm: Int = 0
    public var stormRetryAfter: Int = 1
    /// Answer the next N API requests with 500 (transient server errors).
    public var serverErrors: Int = 0
    public init() {}
}

public struct InstanceSettings: Sendable {
    public var version: String = "17.9.2-ee"
    public var revision: String = "4c1d2a5f8e3"
    /// Base URL used in `web_url`, clone URLs and `X-Gitlab-Instance`; set from the bound address at start.
    public var externalURL: String = "http://127.0.0.1"
    public var rateLimits = RateLimitSettings()
    public var faults = FaultSettings()
    /// "Require expiration dates for new access tokens" (rotation defaults to one week when on).
    public var requireTokenExpiry: Bool = true
    /// Maximum offset for offset pagination before GitLab answers 405.
    public var maxOffset: Int = 50_000
    /// Pushes touching more refs than this fire no push hooks.
    public var pushEventHooksLimit: Int = 3
    public var enterprise: Bool { version.hasSuffix("-ee") }
    public init() {}
}

enum SimClock {
    static let utc = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0)!

    static func dateOnly(_ date: Date) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = utc
        let c = cal.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 1970, c.month ?? 1, c.day ?? 1)
    }

    /// `2020-07-23T14:31:47.729Z` as GitLab's API renders timestamps.
    static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = utc
        return f.string(from: date)
    }

    /// Accepts `YYYY-MM-DD`, or ISO 8601 with or without fractional seconds.
    static func parse(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withFullDate]
        f.timeZone = utc
        return f.date(from: text)
    }

    static func isDateOnly(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return false }
        return parse(text) != nil
    }

    static func addDays(_ days: Int, to date: Date) -> Date { date.addingTimeInterval(Double(days) * 86_400) }

    /// RFC 2616 date for `RateLimit-ResetTime`.
    static func httpDate(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = utc
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f.string(from: date)
    }
}
