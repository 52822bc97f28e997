/// `GET /groups/:id`.
public struct GitLabGroup: Sendable, Hashable, Codable {
    public var id: Int
    public var name: String
    public var path: String
    public var fullName: String?
    public var fullPath: String
    public var parentId: Int?
    public var visibility: String?
    public var webUrl: String?

    public init(id: Int, name: String, path: String, fullName: String? = nil, fullPath: String, parentId: Int? = nil,
                visibility: String? = nil, webUrl: String? = nil) {
        self.id = id
        self.name = name
        self.path = path
        self.fullName = fullName
        self.fullPath = fullPath
        self.parentId = parentId
        self.visibility = visibility
        self.webUrl = webUrl
    }

    /// The top-level group's path (service accounts and the tier live there).
    public var topLevelPath: String { String(fullPath.split(separator: "/").first ?? Substring(fullPath)) }
}

/// `GET /namespaces/:id`: `plan` is shown on GitLab EE to those who may administer the namespace.
public struct GitLabNamespace: Sendable, Hashable, Codable {
    public var id: Int
    public var fullPath: String?
    public var kind: String?
    public var plan: String?
    public var trial: Bool?
}

/// `GET /version` (or `/metadata`).
public struct GitLabVersion: Sendable, Hashable, Codable {
    public var version: String
    public var revision: String?
    public var enterprise: Bool?

    /// `17.5.1-ee` → (17, 5).
    public var majorMinor: (Int, Int)? {
        let p = version.split(whereSeparator: { $0 == "." || $0 == "-" })
        guard p.count >= 2, let a = Int(p[0]), let b = Int(p[1]) else { return nil }
        return (a, b)
    }

    public var isEnterprise: Bool { enterprise ?? version.hasSuffix("-ee") }
}
