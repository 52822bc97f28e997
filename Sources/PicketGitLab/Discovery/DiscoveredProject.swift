/// A project found in the group, with its default branch head, and why it is left out when it is.
public struct DiscoveredProject: Sendable, Hashable, Codable {
    public enum SkipReason: String, Sendable, Hashable, Codable {
        case empty
        case repositoryDisabled = "repository-disabled"
        /// Incremental mode: the default branch head is where the last scan saw it.
        case unchanged
    }

    public var project: GitLabProject
    public var branch: String?
    public var headSHA: String?
    public var skip: SkipReason?

    public init(project: GitLabProject, branch: String?, headSHA: String?, skip: SkipReason?) {
        self.project = project
        self.branch = branch
        self.headSHA = headSHA
        self.skip = skip
    }

    public var path: String { project.pathWithNamespace }
}

public struct DiscoveryOptions: Sendable, Hashable {
    public var includeArchived: Bool
    /// List empty projects (as skipped) instead of leaving them out silently.
    public var includeEmpty: Bool
    /// Include projects shared into the group from elsewhere (GitLab's `with_shared`).
    public var withShared: Bool
    /// Parallel branch look-ups (the client's per-host gate caps requests in flight anyway).
    public var concurrency: Int

    public init(includeArchived: Bool = false, includeEmpty: Bool = false, withShared: Bool = false, concurrency: Int = 8) {
        self.includeArchived = includeArchived
        self.includeEmpty = includeEmpty
        self.withShared = withShared
        self.concurrency = max(1, concurrency)
    }
}
