/// A project or group webhook as `GET /projects/:id/hooks` lists it. GitLab never returns the secret token.
public struct GitLabHook: Sendable, Hashable, Codable {
    public var id: Int
    public var url: String
    public var projectId: Int?
    public var groupId: Int?
    public var pushEvents: Bool?
    public var mergeRequestsEvents: Bool?
    public var enableSslVerification: Bool?

    public init(id: Int, url: String, projectId: Int? = nil, groupId: Int? = nil, pushEvents: Bool? = nil,
                mergeRequestsEvents: Bool? = nil, enableSslVerification: Bool? = nil) {
        self.id = id
        self.url = url
        self.projectId = projectId
        self.groupId = groupId
        self.pushEvents = pushEvents
        self.mergeRequestsEvents = mergeRequestsEvents
        self.enableSslVerification = enableSslVerification
    }
}

/// What Picket asks a webhook to deliver. The secret goes to GitLab only (as `token`); GitLab echoes it in
/// `X-Gitlab-Token` on every delivery.
public struct HookSettings: Sendable {
    public var url: String
    public var secret: String
    public var pushEvents: Bool
    public var mergeRequestsEvents: Bool
    public var enableSSLVerification: Bool
    public var name: String

    public init(url: String, secret: String, pushEvents: Bool = true, mergeRequestsEvents: Bool = true,
                enableSSLVerification: Bool = true, name: String = "Picket") {
        self.url = url
        self.secret = secret
        self.pushEvents = pushEvents
        self.mergeRequestsEvents = mergeRequestsEvents
        self.enableSSLVerification = enableSSLVerification
        self.name = name
    }

    var body: [String: Any] {
        ["url": url, "token": secret, "push_events": pushEvents, "merge_requests_events": mergeRequestsEvents,
         "tag_push_events": false, "note_events": false, "issues_events": false, "pipeline_events": false,
         "job_events": false, "wiki_page_events": false, "enable_ssl_verification": enableSSLVerification,
         "name": name, "description": "Scans pushes and merge requests with Picket"]
    }
}
