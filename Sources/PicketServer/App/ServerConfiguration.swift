import Foundation
import Logging
import PicketCore
import PicketGitLab
import PicketStore

/// Everything `picket serve` and `picket worker` are told on the command line. Defaults suit one machine; the
/// tests shorten the intervals.
public struct ServerConfiguration: Sendable {
    public var host: String
    /// 0 = an ephemeral port (tests).
    public var port: Int
    /// Where browsers and GitLab reach this server (`https://picket.example.com`); webhooks point here, and an
    /// https URL makes the session cookie `Secure`. Default: `http://host:port`.
    public var publicURL: String?
    public var dataDirectory: DataDirectory
    public var database: DatabaseLocation
    public var storeOptions: StoreOptions
    /// In-process job workers (0 = the web process only queues; run `picket worker` elsewhere).
    public var workers: Int
    public var leaseSeconds: Int
    /// How long an idle worker waits before looking at the queue again (in-process enqueues wake it at once).
    public var pollInterval: Duration
    /// Whether this process runs the scheduler (periodic group syncs, session cleanup, statistics).
    public var runScheduler: Bool
    public var schedulerInterval: Duration
    /// The git executable scans fetch with.
    public var git: String
    public var caBundlePath: String?
    /// Retries of GitLab API calls inside one job; beyond them the job queue retries later.
    public var gitlabRetry: RetryPolicy
    /// When GitLab throttles without saying for how long (application limits send no `Retry-After`), the job
    /// comes back after this many seconds.
    public var rateLimitRetrySeconds: TimeInterval
    public var fetchOptions: FetchOptions
    public var sessionLifetime: TimeInterval
    public var webhookBodyLimit: Int
    public var logLevel: Logger.Level
    /// The process environment (secret key, proxies).
    public var environment: [String: String]
    /// Connect a workspace at first start without the wizard (`make run`).
    public var bootstrap: Bootstrap?

    public struct Bootstrap: Sendable {
        public var gitlabURL: String
        public var groupPath: String
        public var tokenFile: String
        public var gateSeverity: Severity

        public init(gitlabURL: String, groupPath: String, tokenFile: String, gateSeverity: Severity = .high) {
            self.gitlabURL = gitlabURL
            self.groupPath = groupPath
            self.tokenFile = tokenFile
            self.gateSeverity = gateSeverity
        }
    }

    public init(host: String = "127.0.0.1", port: Int = 8080, publicURL: String? = nil, dataDirectory: DataDirectory,
                database: DatabaseLocation? = nil, storeOptions: StoreOptions = StoreOptions(), workers: Int = 2,
                leaseSeconds: Int = 120, pollInterval: Duration = .seconds(1), runScheduler: Bool = true,
                schedulerInterval: Duration = .seconds(30), git: String = "git", caBundlePath: String? = nil,
                gitlabRetry: RetryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: 1, maxDelay: 20),
                rateLimitRetrySeconds: TimeInterval = 60, fetchOptions: FetchOptions = FetchOptions(), sessionLifetime: TimeInterval = 12 * 3600,
                webhookBodyLimit: Int = 25 << 20, logLevel: Logger.Level = .info,
                environment: [String: String] = ProcessInfo.processInfo.environment, bootstrap: Bootstrap? = nil) {
        self.host = host
        self.port = port
        self.publicURL = publicURL
        self.dataDirectory = dataDirectory
        self.database = database ?? .dataDirectory(dataDirectory.path)
        self.storeOptions = storeOptions
        self.workers = workers
        self.leaseSeconds = leaseSeconds
        self.pollInterval = pollInterval
        self.runScheduler = runScheduler
        self.schedulerInterval = schedulerInterval
        self.git = git
        self.caBundlePath = caBundlePath
        self.gitlabRetry = gitlabRetry
        self.rateLimitRetrySeconds = rateLimitRetrySeconds
        self.fetchOptions = fetchOptions
        self.sessionLifetime = sessionLifetime
        self.webhookBodyLimit = webhookBodyLimit
        self.logLevel = logLevel
        self.environment = environment
        self.bootstrap = bootstrap
    }

    /// Checks what can be checked before anything starts; errors name the option.
    public func validate() throws {
        guard (0...65_535).contains(port) else { throw PicketError.usage("--port must be between 0 and 65535") }
        guard workers >= 0, workers <= 64 else { throw PicketError.usage("--workers must be between 0 and 64") }
        guard leaseSeconds >= 2 else { throw PicketError.usage("--lease-seconds must be at least 2") }
        if let publicURL {
            guard let u = URL(string: publicURL), let s = u.scheme?.lowercased(), s == "http" || s == "https", u.host != nil,
                  u.query == nil, u.user == nil else {
                throw PicketError.usage("--public-url must be an http(s) URL such as https://picket.example.com")
            }
        }
    }
}
