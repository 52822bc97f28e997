import Foundation

/// Where a GitLab instance lives: `https://gitlab.com`, or a self-managed host, possibly under a path
/// (`https://host/gitlab`). Everything Picket requests is built from this one value, so a link or a redirect
/// from the server can never send the token to another host.
public struct GitLabEndpoint: Sendable, Hashable, CustomStringConvertible {
    public let scheme: String
    public let host: String
    public let port: Int
    /// Path prefix without a trailing slash: "" or "/gitlab".
    public let pathPrefix: String

    /// Accepts `https://host`, `https://host/`, `https://host/gitlab`, and the same with `/api/v4` appended.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let comps = URLComponents(string: trimmed), let scheme = comps.scheme?.lowercased(),
              let host = comps.host, !host.isEmpty else {
            throw GitLabError.configuration("'\(trimmed)' is not a URL; expected e.g. https://gitlab.com or https://git.example.org/gitlab")
        }
        guard scheme == "https" || scheme == "http" else {
            throw GitLabError.configuration("'\(trimmed)': the GitLab URL must start with https:// (or http:// for a local test instance)")
        }
        guard comps.user == nil, comps.password == nil else {
            throw GitLabError.configuration("the GitLab URL must not carry credentials; pass the token with --token-file or PICKET_GITLAB_TOKEN")
        }
        guard comps.query == nil, comps.fragment == nil else {
            throw GitLabError.configuration("'\(trimmed)': the GitLab URL must not have a query or fragment")
        }
        var path = comps.path
        while path.hasSuffix("/") { path.removeLast() }
        if path.hasSuffix("/api/v4") { path.removeLast("/api/v4".count) }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = comps.port ?? (scheme == "https" ? 443 : 80)
        self.pathPrefix = path
    }

    /// The instance's web root, e.g. `https://host/gitlab`.
    public var baseURL: String {
        let defaultPort = (scheme == "https" && port == 443) || (scheme == "http" && port == 80)
        let h = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(h)\(defaultPort ? "" : ":\(port)")\(pathPrefix)"
    }

    public var description: String { baseURL }

    /// `https://host/prefix/api/v4` + `path` (which starts with `/`).
    public func apiURL(_ path: String, query: [(String, String)] = []) -> String {
        var s = baseURL + "/api/v4" + path
        if !query.isEmpty {
            s += "?" + query.map { "\(GitLabEndpoint.encode($0.0))=\(GitLabEndpoint.encode($0.1))" }.joined(separator: "&")
        }
        return s
    }

    /// The HTTPS clone URL of a project, built from our own base URL (never from the API's
    /// `http_url_to_repo`, which names GitLab's external URL and could point anywhere).
    public func gitURL(projectPath: String) -> String {
        baseURL + "/" + projectPath.split(separator: "/").map { GitLabEndpoint.encodePathSegment(String($0)) }.joined(separator: "/") + ".git"
    }

    /// True for 127.0.0.0/8, ::1 and localhost: the only hosts Picket talks plain HTTP to.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// `group/sub` → `group%2Fsub`, as GitLab wants namespaced paths in `:id` positions.
    public static func encodeID(_ pathOrID: String) -> String { encode(pathOrID) }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    static func encodePathSegment(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}
