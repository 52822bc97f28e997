import Foundation

/// How git receives the token.
///
/// Chosen: an HTTP header given through git's environment configuration (`GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_0`/
/// `GIT_CONFIG_VALUE_0`, git 2.31+), `http.<base URL>/.extraHeader = Authorization: Basic base64(oauth2:TOKEN)`.
/// Why this over a `GIT_ASKPASS` helper: nothing is written to disk (an askpass script is an executable file
/// that must be created, protected and removed, and a crash leaves it behind); the token is never in argv
/// (`-c http.extraHeader=...` would be visible in `ps`) nor in the clone URL (which git stores in
/// `.git/config` and prints in errors); and the key is scoped to the GitLab base URL, so git sends the header
/// to that instance only — never to a redirect target or a submodule host. git redacts `Authorization` in its
/// own traces. The header is sent on the first request, so no anonymous attempt counts towards GitLab's
/// failed-authentication ban. GitLab ignores the user name for access tokens; `oauth2` is the one its docs use.
public struct GitAuth: Sendable {
    public let endpoint: GitLabEndpoint
    private let token: GitLabToken

    public init(endpoint: GitLabEndpoint, token: GitLabToken) {
        self.endpoint = endpoint
        self.token = token
    }

    /// Variables to add to a git child's environment. Nothing else in the child's environment or arguments
    /// carries the token.
    public var environment: [String: String] {
        let basic = Data("oauth2:\(token.reveal)".utf8).base64EncodedString()
        return [
            "GIT_CONFIG_COUNT": "1",
            "GIT_CONFIG_KEY_0": "http.\(endpoint.baseURL)/.extraHeader",
            "GIT_CONFIG_VALUE_0": "Authorization: Basic \(basic)",
        ]
    }

    /// Redacts the token (and its Basic form) from git's output before it is shown or logged.
    public func redact(_ text: String) -> String {
        let basic = Data("oauth2:\(token.reveal)".utf8).base64EncodedString()
        return token.redact(text).replacingOccurrences(of: basic, with: "[REDACTED]")
    }
}
