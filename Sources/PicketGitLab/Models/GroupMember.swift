/// `GET /groups/:id/members/all/:user_id`: the account's effective (highest, inherited included) role.
public struct GroupMember: Sendable, Hashable, Codable {
    public var id: Int
    public var username: String
    public var name: String?
    public var state: String?
    public var accessLevel: Int
    public var expiresAt: String?

    public var role: AccessLevel { AccessLevel(accessLevel) }
}

/// GitLab's role numbers (`access_level`).
public struct AccessLevel: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var value: Int
    public init(_ value: Int) { self.value = value }

    public static let noAccess = AccessLevel(0)
    public static let minimal = AccessLevel(5)
    public static let guest = AccessLevel(10)
    public static let planner = AccessLevel(15)
    public static let reporter = AccessLevel(20)
    public static let developer = AccessLevel(30)
    public static let maintainer = AccessLevel(40)
    public static let owner = AccessLevel(50)
    public static let admin = AccessLevel(60)

    public var name: String {
        switch value {
        case 0: return "No access"
        case 5: return "Minimal access"
        case 10: return "Guest"
        case 15: return "Planner"
        case 20: return "Reporter"
        case 30: return "Developer"
        case 40: return "Maintainer"
        case 50: return "Owner"
        case 60: return "Admin"
        default: return "role \(value)"
        }
    }

    public var description: String { "\(name) (\(value))" }

    public static func < (a: AccessLevel, b: AccessLevel) -> Bool { a.value < b.value }
}
