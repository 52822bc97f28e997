import PicketCore

/// A package of a repository's default branch, as its last successful dependency scan found it.
public struct StoredComponent: Sendable, Hashable {
    public var id: Int64
    public var repositoryID: Int64
    /// The repository's path (`group/project`), for lists that span repositories.
    public var repositoryPath: String
    public var scanID: Int64
    public var component: Component
}

/// Which components to list: filters combine with AND; `search` is a case-insensitive substring of the name.
public struct ComponentQuery: Sendable, Hashable {
    public var workspaceID: Int64?
    public var repositoryIDs: [Int64]
    public var ecosystem: String?
    public var search: String?
    /// Exact version.
    public var version: String?
    public var limit: Int
    public var offset: Int

    public static let maxLimit = 5_000

    public init(workspaceID: Int64? = nil, repositoryIDs: [Int64] = [], ecosystem: String? = nil, search: String? = nil,
                version: String? = nil, limit: Int = 100, offset: Int = 0) {
        self.workspaceID = workspaceID
        self.repositoryIDs = repositoryIDs
        self.ecosystem = ecosystem
        self.search = search
        self.version = version
        self.limit = limit
        self.offset = offset
    }
}

/// One page of components, sorted by name, ecosystem, version, repository and file; `total` counts every match.
public struct ComponentPage: Sendable {
    public var components: [StoredComponent]
    public var total: Int
    /// The offset of the next page, nil on the last one.
    public var nextOffset: Int?
}
