import Foundation

/// The endpoints Picket uses, one method each.
extension GitLabClient {
    public func version() async throws -> GitLabVersion { try await get("/version") }

    public func metadata() async throws -> GitLabVersion { try await get("/metadata") }

    public func tokenSelf() async throws -> TokenInfo { try await get("/personal_access_tokens/self") }

    public func currentUser() async throws -> GitLabUser { try await get("/user") }

    /// `path` is the full path (`group/sub`) or a numeric id.
    public func group(_ path: String) async throws -> GitLabGroup {
        try await get("/groups/\(GitLabEndpoint.encodeID(path))", query: [("with_projects", "false")])
    }

    /// The account's effective membership (inherited and invited-group memberships included).
    public func effectiveMembership(groupID: Int, userID: Int) async throws -> GroupMember {
        try await get("/groups/\(groupID)/members/all/\(userID)")
    }

    public func namespace(_ pathOrID: String) async throws -> GitLabNamespace {
        try await get("/namespaces/\(GitLabEndpoint.encodeID(pathOrID))")
    }

    public func branch(projectID: Int, name: String) async throws -> GitLabBranch {
        try await get("/projects/\(projectID)/repository/branches/\(GitLabEndpoint.encodeID(name))")
    }

    /// Lists a group's projects, subgroups included. `X-Total` when GitLab sends it (it omits it past 10,000).
    public func countGroupProjects(groupID: Int, includeArchived: Bool = false) async throws -> (count: Int?, sample: [GitLabProject]) {
        var q: [(String, String)] = [("include_subgroups", "true"), ("with_shared", "false"), ("per_page", "20"),
                                     ("order_by", "id"), ("sort", "asc")]
        if !includeArchived { q.append(("archived", "false")) }
        let resp = try await send(.GET, "/groups/\(groupID)/projects", query: q)
        let items = try decode([GitLabProject].self, resp, what: "GET /groups/\(groupID)/projects")
        return (resp.header("x-total").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }, items)
    }

    /// Rotates the token that makes the request. `kind` picks GitLab's endpoint: personal access tokens
    /// (service accounts included) rotate themselves at `/personal_access_tokens/self/rotate` (16.10+),
    /// group and project access tokens at `/groups|projects/:id/access_tokens/self/rotate`.
    public func rotateSelf(kind: AccountKind, expiresAt: String? = nil) async throws -> RotatedToken {
        let path: String
        switch kind {
        case .groupBot(let id): path = "/groups/\(id)/access_tokens/self/rotate"
        case .projectBot(let id): path = "/projects/\(id)/access_tokens/self/rotate"
        case .human, .serviceAccount, .bot: path = "/personal_access_tokens/self/rotate"
        }
        let q = expiresAt.map { [("expires_at", $0)] } ?? []
        return try await post(path, query: q)
    }
}
