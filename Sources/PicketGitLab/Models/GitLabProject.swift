/// A project as `GET /groups/:id/projects` lists it.
public struct GitLabProject: Sendable, Hashable, Codable {
    public struct Namespace: Sendable, Hashable, Codable {
        public var id: Int
        public var fullPath: String
        public var kind: String?

        public init(id: Int, fullPath: String, kind: String? = nil) {
            self.id = id
            self.fullPath = fullPath
            self.kind = kind
        }
    }

    public var id: Int
    public var name: String
    public var path: String
    public var pathWithNamespace: String
    /// Nil for an empty repository.
    public var defaultBranch: String?
    public var webUrl: String?
    public var httpUrlToRepo: String?
    public var archived: Bool?
    public var emptyRepo: Bool?
    public var visibility: String?
    public var lastActivityAt: String?
    public var namespace: Namespace?
    /// `enabled`, `private` or `disabled` (repository feature visibility).
    public var repositoryAccessLevel: String?

    public init(id: Int, name: String, path: String, pathWithNamespace: String, defaultBranch: String? = nil,
                webUrl: String? = nil, httpUrlToRepo: String? = nil, archived: Bool? = false, emptyRepo: Bool? = false,
                visibility: String? = nil, lastActivityAt: String? = nil, namespace: Namespace? = nil,
                repositoryAccessLevel: String? = nil) {
        self.id = id
        self.name = name
        self.path = path
        self.pathWithNamespace = pathWithNamespace
        self.defaultBranch = defaultBranch
        self.webUrl = webUrl
        self.httpUrlToRepo = httpUrlToRepo
        self.archived = archived
        self.emptyRepo = emptyRepo
        self.visibility = visibility
        self.lastActivityAt = lastActivityAt
        self.namespace = namespace
        self.repositoryAccessLevel = repositoryAccessLevel
    }

    /// True when the project lives in `groupPath` or one of its subgroups (false for one shared into it).
    public func belongs(to groupPath: String) -> Bool {
        let ns = namespace?.fullPath ?? String(pathWithNamespace.split(separator: "/").dropLast().joined(separator: "/"))
        let g = groupPath.lowercased(), n = ns.lowercased()
        return n == g || n.hasPrefix(g + "/")
    }
}

/// `GET /projects/:id/repository/branches/:branch`.
public struct GitLabBranch: Sendable, Hashable, Codable {
    public struct Commit: Sendable, Hashable, Codable {
        public var id: String
        public var shortId: String?
        public var title: String?
        public var authorName: String?
        public var authorEmail: String?
        public var committedDate: String?
    }

    public var name: String
    public var `default`: Bool?
    public var commit: Commit
}
