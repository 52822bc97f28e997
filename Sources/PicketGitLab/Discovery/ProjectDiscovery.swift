/// Finds every project of a group and its subgroups and the commit its default branch points at:
/// one paginated listing (`/groups/:id/projects?include_subgroups=true`, 100 per page) and one branch look-up per
/// project with a default branch — nothing else.
public struct ProjectDiscovery: Sendable {
    public let client: GitLabClient

    public init(client: GitLabClient) { self.client = client }

    public func discover(group: GitLabGroup, options: DiscoveryOptions = DiscoveryOptions(),
                         state: ScanState? = nil) async throws -> [DiscoveredProject] {
        var query: [(String, String)] = [("include_subgroups", "true"), ("with_shared", options.withShared ? "true" : "false"),
                                         ("order_by", "id"), ("sort", "asc")]
        if !options.includeArchived { query.append(("archived", "false")) }
        var projects: [GitLabProject] = []
        try await client.forEachPage("/groups/\(group.id)/projects", query: query) { (page: [GitLabProject]) in
            projects.append(contentsOf: page)
            return true
        }
        var seen = Set<Int>()
        projects = projects.filter { p in
            guard seen.insert(p.id).inserted else { return false }
            if !options.includeArchived && p.archived == true { return false }
            if !options.withShared && !p.belongs(to: group.fullPath) { return false }
            return true
        }

        // Branch heads, a bounded number at a time; results keep the listing's order.
        var out = [DiscoveredProject?](repeating: nil, count: projects.count)
        try await withThrowingTaskGroup(of: (Int, DiscoveredProject?).self) { tasks in
            var next = 0
            func launch() {
                guard next < projects.count else { return }
                let i = next, p = projects[i]
                next += 1
                tasks.addTask { (i, try await self.resolve(p, options: options, state: state)) }
            }
            for _ in 0..<options.concurrency { launch() }
            while let (i, d) = try await tasks.next() {
                out[i] = d
                launch()
            }
        }
        return out.compactMap { $0 }
    }

    private func resolve(_ p: GitLabProject, options: DiscoveryOptions, state: ScanState?) async throws -> DiscoveredProject? {
        if p.repositoryAccessLevel == "disabled" {
            return DiscoveredProject(project: p, branch: nil, headSHA: nil, skip: .repositoryDisabled)
        }
        guard p.emptyRepo != true, let branch = p.defaultBranch, !branch.isEmpty else {
            return options.includeEmpty ? DiscoveredProject(project: p, branch: nil, headSHA: nil, skip: .empty) : nil
        }
        let head: String
        do {
            head = try await client.branch(projectID: p.id, name: branch).commit.id
        } catch GitLabError.notFound {
            // A default branch name without the branch: GitLab reports this for repositories with no commit.
            return options.includeEmpty ? DiscoveredProject(project: p, branch: branch, headSHA: nil, skip: .empty) : nil
        }
        if let previous = state?.projects[String(p.id)], previous.headSHA == head, previous.branch == branch {
            return DiscoveredProject(project: p, branch: branch, headSHA: head, skip: .unchanged)
        }
        return DiscoveredProject(project: p, branch: branch, headSHA: head, skip: nil)
    }
}
