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

/// UTC date arithmetic without formatters (ICU formatter creation dominated loading large worlds).
enum SimClock {
    static let utc = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current

    /// Days since 1970-01-01 for a proleptic Gregorian date (Hinnant's `days_from_civil`).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(days z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func split(_ date: Date) -> (days: Int, seconds: Int, millis: Int) {
        let t = date.timeIntervalSince1970
        let whole = Int(t.rounded(.down))
        let millis = Int(((t - Double(whole)) * 1000).rounded(.down))
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        return (days, whole - days * 86_400, millis)
    }

    static func dateOnly(_ date: Date) -> String {
        let c = civil(days: split(date).days)
        return String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
    }

    /// `2020-07-23T14:31:47.729Z` as GitLab's API renders timestamps.
    static func iso(_ date: Date) -> String {
        let (d, s, ms) = split(date)
        let c = civil(days: d)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year, c.month, c.day, s / 3600, (s % 3600) / 60, s % 60, ms)
    }

    /// `2026-01-05 12:00:00 UTC` as webhook payloads render timestamps.
    static func hookDate(_ date: Date) -> String {
        let (d, s, _) = split(date)
        let c = civil(days: d)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d UTC", c.year, c.month, c.day, s / 3600, (s % 3600) / 60, s % 60)
    }

    /// Accepts `YYYY-MM-DD` and ISO 8601 date-times (`T` or space, optional fraction, `Z` or `±hh:mm` / `±hhmm`).
    static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= b.count else { return nil }
            var v = 0
            for i in from ..< from + len {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard b.count >= 10, let y = num(0, 4), b[4] == 45, let mo = num(5, 2), b[7] == 45, let d = num(8, 2),
              (1 ... 12).contains(mo), (1 ... 31).contains(d) else { return nil }
        let dayCount = days(year: y, month: mo, day: d)
        guard civil(days: dayCount) == (y, mo, d) else { return nil }  // rejects 2025-02-30
        var seconds = Double(dayCount * 86_400)
        if b.count == 10 { return Date(timeIntervalSince1970: seconds) }
        guard b[10] == 84 || b[10] == 32, let h = num(11, 2), b.count > 13, b[13] == 58, let mi = num(14, 2), b.count > 16, b[16] == 58,
              let s = num(17, 2), h < 24, mi < 60, s < 61 else { return nil }
        seconds += Double(h * 3600 + mi * 60 + s)
        var i = 19
        if i < b.count, b[i] == 46 {
            i += 1
            var scale = 0.1
            while i < b.count, b[i] >= 48 && b[i] <= 57 { seconds += Double(b[i] - 48) * scale; scale /= 10; i += 1 }
        }
        if i == b.count { return Date(timeIntervalSince1970: seconds) }
        if b[i] == 90, i + 1 == b.count { return Date(timeIntervalSince1970: seconds) }
        guard b[i] == 43 || b[i] == 45, let oh = num(i + 1, 2) else { return nil }
        var j = i + 3
        if j < b.count, b[j] == 58 { j += 1 }
        guard let om = num(j, 2), j + 2 == b.count else { return nil }
        let offset = Double(oh * 3600 + om * 60)
        return Date(timeIntervalSince1970: b[i] == 43 ? seconds - offset : seconds + offset)
    }

    static func isDateOnly(_ text: String) -> Bool { text.utf8.count == 10 && parse(text) != nil }

    static func addDays(_ days: Int, to date: Date) -> Date { date.addingTimeInterval(Double(days) * 86_400) }

    /// RFC 2616 date for `RateLimit-ResetTime`.
    static func httpDate(_ date: Date) -> String {
        let (d, s, _) = split(date)
        let c = civil(days: d)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let wd = weekdays[((d % 7) + 7) % 7]
        return "\(wd), " + String(format: "%02d ", c.day) + months[c.month - 1]
            + String(format: " %04d %02d:%02d:%02d GMT", c.year, s / 3600, (s % 3600) / 60, s % 60)
    }
}
