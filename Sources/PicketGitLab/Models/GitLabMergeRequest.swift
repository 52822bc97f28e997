/// `GET /projects/:id/merge_requests/:iid`: what MR feedback needs.
public struct GitLabMergeRequest: Sendable, Hashable, Codable {
    public struct DiffRefs: Sendable, Hashable, Codable {
        public var baseSha: String?
        public var headSha: String?
        public var startSha: String?
    }

    public var id: Int
    public var iid: Int
    public var projectId: Int
    public var title: String?
    public var state: String?
    public var sourceBranch: String
    public var targetBranch: String
    public var sourceProjectId: Int?
    public var targetProjectId: Int?
    public var sha: String?
    public var webUrl: String?
    public var diffRefs: DiffRefs?
}

/// A merge request note (comment).
public struct GitLabNote: Sendable, Hashable, Codable {
    public struct Author: Sendable, Hashable, Codable {
        public var id: Int
        public var username: String?
    }

    public var id: Int
    public var body: String
    public var author: Author?
    public var system: Bool?
    public var createdAt: String?
    public var updatedAt: String?
}

/// An external commit status (`POST /projects/:id/statuses/:sha`).
public struct GitLabCommitStatus: Sendable, Hashable, Codable {
    public var id: Int
    public var sha: String?
    public var ref: String?
    public var status: String
    public var name: String?
    public var targetUrl: String?
    public var description: String?
}

/// The states GitLab accepts for an external commit status.
public enum CommitState: String, Sendable, Hashable, Codable, CaseIterable {
    case pending, running, success, failed, canceled, skipped
}
