/// Everything that can go wrong talking to GitLab, typed so callers (the setup checks, the CLI) can say
/// which step of GitLab's procedure is wrong. No case ever carries the token: server-provided text is
/// redacted against the token before it is stored here.
public enum GitLabError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 401 with GitLab's plain `{"message":"401 Unauthorized"}`: no token, or one GitLab does not know.
    case unauthorized(String)
    /// 401 `invalid_token`: "Token is expired."
    case tokenExpired
    /// 401 `invalid_token`: "Token was revoked."
    case tokenRevoked
    /// 403 `insufficient_scope`: the scopes GitLab would have accepted for this request.
    case insufficientScope(required: [String])
    /// 404: missing, or not visible to this account (GitLab does not tell the two apart).
    case notFound(String)
    /// 403 without a scope problem: the account's role is too low, or the feature is off.
    case forbidden(String)
    /// 429 still answered after every retry.
    case rateLimited(retryAfter: Double?)
    /// 5xx.
    case server(status: Int, message: String)
    /// Another 4xx (400, 405, 409, 422): GitLab's own message.
    case rejected(status: Int, message: String)
    /// The answer is not what GitLab sends (HTML, wrong JSON shape): usually a wrong URL or a proxy page.
    case invalidResponse(String)
    /// The request never got an HTTP answer.
    case transport(TransportFailure)
    /// A Picket-side setting is wrong (URL, CA bundle, proxy).
    case configuration(String)
    /// A token file or variable is unusable.
    case tokenSource(String)
    /// The token vault cannot read or write its records.
    case vault(String)

    public var description: String {
        switch self {
        case .unauthorized(let m):
            return "GitLab rejected the token (\(m)): it is unknown to this GitLab instance, mistyped, or deleted"
        case .tokenExpired:
            return "GitLab says the token is expired; create a new one and store it with 'picket gitlab token set'"
        case .tokenRevoked:
            return "GitLab says the token was revoked; create a new one and store it with 'picket gitlab token set'"
        case .insufficientScope(let required):
            let r = required.isEmpty ? "a broader scope" : required.map { "'\($0)'" }.joined(separator: " or ")
            return "the token lacks the scope this request needs (GitLab asks for \(r)); create a token with the 'api' scope"
        case .notFound(let what):
            return "\(what): not found, or not visible to this account"
        case .forbidden(let m):
            return "GitLab refused the request (403): \(m)"
        case .rateLimited(let after):
            let wait = after.map { " (GitLab asked to wait \(Int($0.rounded(.up))) s)" } ?? ""
            return "GitLab kept answering 429 Too Many Requests after every retry\(wait); lower --concurrency or try later"
        case let .server(status, m):
            return "GitLab answered \(status) (server error)\(m.isEmpty ? "" : ": \(m)"); try again later or check the instance's health"
        case let .rejected(status, m):
            return "GitLab answered \(status): \(m)"
        case .invalidResponse(let m):
            return "the server's answer is not GitLab's API: \(m)"
        case .transport(let t):
            return t.description
        case .configuration(let m), .tokenSource(let m), .vault(let m):
            return m
        }
    }
}

/// Why no HTTP answer came back.
public enum TransportFailure: Sendable, Equatable, CustomStringConvertible {
    case tls(TLSProblem, host: String, detail: String)
    case dns(host: String)
    case connectionRefused(host: String, port: Int)
    case timeout(host: String, what: String)
    case connection(host: String, detail: String)

    public var description: String {
        switch self {
        case let .tls(problem, host, detail):
            switch problem {
            case .untrustedCertificate:
                return "TLS: the certificate of \(host) is not trusted (\(detail)); if it is signed by your own CA, pass its PEM bundle with --ca-file"
            case .hostnameMismatch:
                return "TLS: the certificate of \(host) is not valid for that name (\(detail)); use the host name the certificate names"
            case .notTLS:
                return "TLS: \(host) does not speak TLS on this port (\(detail)); check http:// versus https:// and the port"
            case .other:
                return "TLS handshake with \(host) failed: \(detail)"
            }
        case .dns(let host):
            return "cannot resolve host name \(host); check the URL and the machine's DNS"
        case let .connectionRefused(host, port):
            return "connection to \(host):\(port) refused; check the URL's host and port and that GitLab is running"
        case let .timeout(host, what):
            return "\(what) to \(host) timed out; check the URL, a firewall, or https_proxy/no_proxy"
        case let .connection(host, detail):
            return "cannot reach \(host): \(detail)"
        }
    }
}

public enum TLSProblem: String, Sendable, Equatable {
    case untrustedCertificate
    case hostnameMismatch
    case notTLS
    case other
}
