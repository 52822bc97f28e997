import Foundation

/// How to reach one GitLab instance.
public struct GitLabClientConfiguration: Sendable {
    public var endpoint: GitLabEndpoint
    /// A PEM bundle of CA certificates to trust besides the system's (a self-managed instance with its own CA).
    public var caBundlePath: String?
    /// Resolved from `https_proxy`/`no_proxy` by default.
    public var proxy: ProxySettings?
    public var connectTimeout: Duration
    /// Longest wait for any single answer.
    public var requestTimeout: Duration
    /// Per-host cap on API requests in flight.
    public var maxConcurrentRequests: Int
    public var retry: RetryPolicy
    public var userAgent: String

    public init(endpoint: GitLabEndpoint, caBundlePath: String? = nil, proxy: ProxySettings? = nil,
                connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(60),
                maxConcurrentRequests: Int = 8, retry: RetryPolicy = RetryPolicy(), userAgent: String = "Picket") {
        self.endpoint = endpoint
        self.caBundlePath = caBundlePath
        self.proxy = proxy
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maxConcurrentRequests = maxConcurrentRequests
        self.retry = retry
        self.userAgent = userAgent
    }

    /// A configuration for `url` with the proxy the environment names.
    public static func make(url: String, caBundlePath: String? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> GitLabClientConfiguration {
        let endpoint = try GitLabEndpoint(parsing: url)
        return GitLabClientConfiguration(endpoint: endpoint, caBundlePath: caBundlePath,
                                         proxy: try ProxySettings.fromEnvironment(environment, for: endpoint))
    }
}
