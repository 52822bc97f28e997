/// Where a finding is: a path relative to the scan root (always `/`-separated), a 1-based line and column
/// range, and, for findings in git history, the commit that introduced it.
public struct Location: Sendable, Hashable, Codable {
    public var path: String
    public var startLine: Int
    public var startColumn: Int
    public var endLine: Int
    public var endColumn: Int
    public var commit: CommitInfo?

    public init(path: String, startLine: Int = 1, startColumn: Int = 1, endLine: Int? = nil,
                endColumn: Int? = nil, commit: CommitInfo? = nil) {
        self.path = path
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine ?? startLine
        self.endColumn = endColumn ?? startColumn
        self.commit = commit
    }
}

/// A git commit as a finding needs it: enough to link to it and to say who introduced the problem.
public struct CommitInfo: Sendable, Hashable, Codable {
    public var sha: String
    public var author: String?
    public var email: String?
    /// ISO 8601 author date as git prints it (`%aI`).
    public var date: String?
    public var message: String?

    public init(sha: String, author: String? = nil, email: String? = nil, date: String? = nil, message: String? = nil) {
        self.sha = sha
        self.author = author
        self.email = email
        self.date = date
        self.message = message
    }
}
