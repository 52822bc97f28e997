import Foundation
import NIOHTTP1

/// Endpoints that write back into GitLab: webhooks, merge request notes and commit statuses (the `api` scope).
extension GitLabClient {
    static func jsonBody(_ object: [String: Any]) throws -> Data {
        do { return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) } catch {
            throw GitLabError.configuration("cannot encode a request body: \(error)")
        }
    }

    /// `PUT` returning the decoded answer.
    public func put<T: Decodable>(_ path: String, json: Data?, as type: T.Type = T.self) async throws -> T {
        let resp = try await send(.PUT, path, json: json)
        return try decode(T.self, resp, what: "PUT \(path)")
    }

    // MARK: Projects

    public func project(_ idOrPath: String) async throws -> GitLabProject {
        try await get("/projects/\(GitLabEndpoint.encodeID(idOrPath))")
    }

    // MARK: Webhooks (Maintainer for project hooks; Owner and Premium/Ultimate for group hooks)

    public func projectHooks(projectID: Int) async throws -> [GitLabHook] {
        try await all("/projects/\(projectID)/hooks")
    }

    public func createProjectHook(projectID: Int, _ settings: HookSettings) async throws -> GitLabHook {
        try await post("/projects/\(projectID)/hooks", json: try GitLabClient.jsonBody(settings.body))
    }

    public func updateProjectHook(projectID: Int, hookID: Int, _ settings: HookSettings) async throws -> GitLabHook {
        try await put("/projects/\(projectID)/hooks/\(hookID)", json: try GitLabClient.jsonBody(settings.body))
    }

    public func deleteProjectHook(projectID: Int, hookID: Int) async throws {
        _ = try await send(.DELETE, "/projects/\(projectID)/hooks/\(hookID)")
    }

    public func groupHooks(groupID: Int) async throws -> [GitLabHook] {
        try await all("/groups/\(groupID)/hooks")
    }

    public func createGroupHook(groupID: Int, _ settings: HookSettings) async throws -> GitLabHook {
        try await post("/groups/\(groupID)/hooks", json: try GitLabClient.jsonBody(settings.body))
    }

    public func deleteGroupHook(groupID: Int, hookID: Int) async throws {
        _ = try await send(.DELETE, "/groups/\(groupID)/hooks/\(hookID)")
    }

    // MARK: Merge requests

    public func mergeRequest(projectID: Int, iid: Int) async throws -> GitLabMergeRequest {
        try await get("/projects/\(projectID)/merge_requests/\(iid)")
    }

    /// Every note of a merge request, oldest first.
    public func mergeRequestNotes(projectID: Int, iid: Int) async throws -> [GitLabNote] {
        try await all("/projects/\(projectID)/merge_requests/\(iid)/notes", query: [("sort", "asc"), ("order_by", "created_at")])
    }

    public func createMergeRequestNote(projectID: Int, iid: Int, body: String) async throws -> GitLabNote {
        try await post("/projects/\(projectID)/merge_requests/\(iid)/notes", json: try GitLabClient.jsonBody(["body": body]))
    }

    public func updateMergeRequestNote(projectID: Int, iid: Int, noteID: Int, body: String) async throws -> GitLabNote {
        try await put("/projects/\(projectID)/merge_requests/\(iid)/notes/\(noteID)", json: try GitLabClient.jsonBody(["body": body]))
    }

    // MARK: Commit statuses (Developer+)

    /// Sets the external status `name` on `sha`. GitLab moves a pending/running status of the same name and ref
    /// on, and gives a finished one a successor.
    public func setCommitStatus(projectID: Int, sha: String, state: CommitState, name: String, ref: String?,
                                targetURL: String?, description: String?) async throws -> GitLabCommitStatus {
        var body: [String: Any] = ["state": state.rawValue, "name": name]
        if let ref { body["ref"] = ref }
        if let targetURL { body["target_url"] = targetURL }
        if let description { body["description"] = String(description.prefix(255)) }
        return try await post("/projects/\(projectID)/statuses/\(GitLabEndpoint.encodeID(sha))", json: try GitLabClient.jsonBody(body))
    }
}
