import Foundation

/// A workspace's sync schedule, as typed on its settings page: `off`, `hourly`, `daily` (the default),
/// `weekly`, or `every N` minutes/hours/days (`30m`, `6h`, `2d`; at least 5 minutes).
struct SyncSchedule: Sendable, Hashable, CustomStringConvertible {
    /// Nil = never.
    var interval: TimeInterval?

    static let daily = SyncSchedule(interval: 86_400)

    init(interval: TimeInterval?) { self.interval = interval }

    init(parsing text: String?) throws {
        let t = (text ?? "daily").trimmingCharacters(in: .whitespaces).lowercased()
        switch t {
        case "", "daily": interval = 86_400
        case "off", "never", "manual": interval = nil
        case "hourly": interval = 3_600
        case "weekly": interval = 7 * 86_400
        default:
            var digits = t
            let unit = digits.removeLast()
            guard let n = Double(digits.trimmingCharacters(in: .whitespaces)), n > 0 else {
                throw ServerError.badRequest("schedule '\(text ?? "")' is not understood: use off, hourly, daily, weekly, or a number with m, h or d (30m, 6h, 2d)")
            }
            switch unit {
            case "m": interval = n * 60
            case "h": interval = n * 3_600
            case "d": interval = n * 86_400
            default:
                throw ServerError.badRequest("schedule '\(text ?? "")' is not understood: use off, hourly, daily, weekly, or a number with m, h or d (30m, 6h, 2d)")
            }
            if let i = interval, i < 300 { throw ServerError.badRequest("a sync schedule must be at least 5 minutes apart") }
        }
    }

    var description: String {
        guard let i = interval else { return "off" }
        switch i {
        case 3_600: return "hourly"
        case 86_400: return "daily"
        case 7 * 86_400: return "weekly"
        default:
            if i.truncatingRemainder(dividingBy: 86_400) == 0 { return "\(Int(i / 86_400))d" }
            if i.truncatingRemainder(dividingBy: 3_600) == 0 { return "\(Int(i / 3_600))h" }
            return "\(Int(i / 60))m"
        }
    }
}
