import Hummingbird
import Logging
import NIOCore
import PicketStore
import Synchronization

/// Per-request state shared by middleware and routes: who is asking (session or API token) and the values the
/// CSRF check needs.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in user, when any.
    public var identity: Identity?
    /// The raw session id from the cookie (CSRF tokens derive from it). Never logged.
    var sessionID: String?
    /// The pre-login CSRF cookie, for the login form.
    var preSessionID: String?
    /// Set when the request arrived through a TLS-terminating proxy or `--public-url https://`.
    var secure = false
    public let remoteAddress: String?
    /// Shared by every copy of this request's context, so outer middleware (the request log) sees what inner
    /// middleware learnt (who signed in).
    let info = RequestInfo()

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Bodies are read explicitly with per-route limits.
    public var maxUploadSize: Int { 25 << 20 }
}

/// Facts about a request that middleware further in records for middleware further out.
final class RequestInfo: Sendable {
    private let _user = Mutex<String?>(nil)
    var user: String? {
        get { _user.withLock { $0 } }
        set { _user.withLock { $0 = newValue } }
    }
}

/// A signed-in caller.
public struct Identity: Sendable {
    public enum Via: Sendable, Hashable { case session, apiToken }
    public var user: User
    public var via: Via

    public var isAdmin: Bool { user.role == .admin }
}

extension AppContext {
    func requireUser() throws -> Identity {
        guard let identity else { throw ServerError.unauthorized }
        return identity
    }

    func requireAdmin() throws -> Identity {
        let id = try requireUser()
        guard id.isAdmin else { throw ServerError.forbidden() }
        return id
    }
}
