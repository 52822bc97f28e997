import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// A line of diagnostic output (`--verbose`). Callers never receive the token through it.
public typealias GitLabLog = @Sendable (String) -> Void

/// Async client for GitLab's REST API v4 on AsyncHTTPClient. Sends the token as `PRIVATE-TOKEN`, maps every
/// failure to a `GitLabError`, paces itself by `RateLimit-*` headers, retries 429 (honouring `Retry-After`) and
/// 5xx on reads with capped, jittered backoff, and never follows a redirect off its own endpoint.
public final class GitLabClient: Sendable {
    public let endpoint: GitLabEndpoint
    public let configuration: GitLabClientConfiguration
    public let stats: GitLabRequestStats
    private let token: GitLabToken?
    private let http: HTTPClient
    private let gate: RequestGate
    private let log: GitLabLog?
    private static let maxBodyBytes = 64 << 20

    public init(configuration: GitLabClientConfiguration, token: GitLabToken?, gate: RequestGate? = nil,
                log: GitLabLog? = nil) async throws {
        self.endpoint = configuration.endpoint
        self.configuration = configuration
        self.token = token
        self.log = log
        self.stats = GitLabRequestStats()
        var tls = TLSConfiguration.makeClientConfiguration()
        if let ca = configuration.caBundlePath {
            let certs: [NIOSSLCertificate]
            do { certs = try NIOSSLCertificate.fromPEMFile(ca) } catch {
                throw GitLabError.configuration("cannot read CA bundle \(ca): \(error); expected a PEM file with one or more certificates")
            }
            guard !certs.isEmpty else { throw GitLabError.configuration("CA bundle \(ca) holds no PEM certificate") }
            tls.additionalTrustRoots = [.certificates(certs)]
        }
        var conf = HTTPClient.Configuration(tlsConfiguration: tls, redirectConfiguration: .disallow,
                                            timeout: .init(connect: .nanoseconds(configuration.connectTimeout.nanos),
                                                           read: .nanoseconds(configuration.requestTimeout.nanos)))
        if let p = configuration.proxy { conf.proxy = .server(host: p.host, port: p.port) }
        // Fail a refused or TLS-broken connection at once (AHC would retry until the connect timeout): the
        // setup check must explain it promptly, and `sendRaw` retries transient connection errors itself.
        conf.connectionPool.retryConnectionEstablishment = false
        conf.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(1, configuration.maxConcurrentRequests)
        self.http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: conf)
        if let gate {
            self.gate = gate
        } else {
            self.gate = await RequestGate.shared(for: configuration.endpoint, maxConcurrent: configuration.maxConcurrentRequests)
        }
    }

    /// Closes connections. Call once when done (a client that is never shut down leaks its pool); `with` does it.
    public func shutdown() async {
        try? await http.shutdown()
    }

    /// A client for the duration of `body`, shut down afterwards whether `body` returns or throws.
    public static func with<R>(configuration: GitLabClientConfiguration, token: GitLabToken?, log: GitLabLog? = nil,
                               _ body: (GitLabClient) async throws -> R) async throws -> R {
        let client = try await GitLabClient(configuration: configuration, token: token, log: log)
        do {
            let r = try await body(client)
            await client.shutdown()
            return r
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// Redacts the token from text that came from outside (server messages, git output).
    public func redact(_ text: String) -> String { token?.redact(text) ?? text }

    // MARK: Requests

    /// Sends one request and returns the answer for 2xx; every other status becomes a `GitLabError`.
    /// `path` is relative to `/api/v4` and already percent-encoded where needed.
    public func send(_ method: HTTPMethod = .GET, _ path: String, query: [(String, String)] = [], json: Data? = nil,
                     authenticated: Bool = true) async throws -> GitLabResponse {
        let resp = try await sendRaw(method, path, query: query, json: json, authenticated: authenticated)
        if (200..<300).contains(resp.status) { return resp }
        throw GitLabClient.error(for: resp, method: method, path: path, redact: redact)
    }

    /// Like `send` but returns any HTTP answer (after retries) without mapping its status.
    public func sendRaw(_ method: HTTPMethod = .GET, _ path: String, query: [(String, String)] = [], json: Data? = nil,
                        authenticated: Bool = true) async throws -> GitLabResponse {
        var currentPath = path
        var currentQuery = query
        var redirects = 0
        var attempt = 0
        let idempotent = method == .GET || method == .HEAD
        while true {
            attempt += 1
            let waited = try await gate.acquire()
            stats.recordWait(waited)
            let started = ContinuousClock.now
            let resp: GitLabResponse
            do {
                resp = try await execute(method, currentPath, query: currentQuery, json: json, authenticated: authenticated)
                await gate.release()
            } catch {
                await gate.release()
                stats.record(status: nil, route: GitLabClient.route(method, currentPath))
                let mapped = GitLabClient.transportError(error, endpoint: endpoint)
                log?("\(method) \(currentPath) → \(mapped)")
                if case .transport(.connection) = mapped, idempotent, attempt < min(3, configuration.retry.maxAttempts) {
                    stats.recordRetry()
                    try await Task.sleep(for: .milliseconds(Int64(configuration.retry.delay(retry: attempt, retryAfter: nil) * 1000)))
                    continue
                }
                throw mapped
            }
            stats.record(status: resp.status, route: GitLabClient.route(method, currentPath))
            let rl = resp.rateLimit
            await gate.observe(rl)
            let ms = Int((ContinuousClock.now - started).nanos / 1_000_000)
            log?("\(method) \(currentPath) → \(resp.status) (\(ms) ms\(rl.remaining.map { ", RateLimit-Remaining \($0)" } ?? ""))")

            if resp.status == 429 || (idempotent && [500, 502, 503, 504].contains(resp.status)) {
                guard attempt < configuration.retry.maxAttempts else {
                    if resp.status == 429 { throw GitLabError.rateLimited(retryAfter: rl.retryAfter) }
                    return resp
                }
                if resp.status == 429, let after = rl.retryAfter, after > configuration.retry.maxDelay {
                    throw GitLabError.rateLimited(retryAfter: after)
                }
                let delay = configuration.retry.delay(retry: attempt, retryAfter: rl.retryAfter)
                stats.recordRetry()
                log?("\(method) \(currentPath): \(resp.status), retrying in \(String(format: "%.1f", delay)) s")
                if resp.status == 429 {
                    // Every request to this host waits, not only this one: the quota is shared.
                    await gate.pause(seconds: delay) // the next acquire waits it out, and counts it
                    continue
                }
                try await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
                continue
            }
            if [301, 302, 307, 308].contains(resp.status), let loc = resp.header("location"), redirects < 3,
               let (p, q) = sameEndpointAPIPath(loc) {
                // A moved project answers 301 to its new API path; anything off this endpoint is not followed.
                redirects += 1
                currentPath = p
                currentQuery = q
                attempt = 0
                continue
            }
            return resp
        }
    }

    private func execute(_ method: HTTPMethod, _ path: String, query: [(String, String)], json: Data?,
                         authenticated: Bool) async throws -> GitLabResponse {
        var req = HTTPClientRequest(url: endpoint.apiURL(path, query: query))
        req.method = method
        req.headers.add(name: "User-Agent", value: configuration.userAgent)
        req.headers.add(name: "Accept", value: "application/json")
        if authenticated, let token { req.headers.add(name: "PRIVATE-TOKEN", value: token.reveal) }
        if let json {
            req.headers.add(name: "Content-Type", value: "application/json")
            req.body = .bytes(ByteBuffer(bytes: json))
        }
        let resp = try await http.execute(req, timeout: .nanoseconds(configuration.requestTimeout.nanos))
        let buffer = try await resp.body.collect(upTo: GitLabClient.maxBodyBytes)
        return GitLabResponse(status: Int(resp.status.code),
                              headers: resp.headers.map { ($0.name, $0.value) },
                              body: Data(buffer.readableBytesView))
    }

    /// `Location` → (path under /api/v4, query) when it points into this endpoint's API.
    private func sameEndpointAPIPath(_ location: String) -> (String, [(String, String)])? {
        let apiRoot = endpoint.apiURL("")
        let absolute = location.hasPrefix("/") ? endpoint.apiURL("").replacingOccurrences(of: endpoint.pathPrefix + "/api/v4", with: "") + location : location
        guard absolute.hasPrefix(apiRoot + "/"), let c = URLComponents(string: absolute) else { return nil }
        let fullPath = c.percentEncodedPath
        let prefix = endpoint.pathPrefix + "/api/v4"
        guard fullPath.hasPrefix(prefix + "/") else { return nil }
        return (String(fullPath.dropFirst(prefix.count)), (c.queryItems ?? []).map { ($0.name, $0.value ?? "") })
    }

    // MARK: JSON

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }()

    public func get<T: Decodable>(_ path: String, query: [(String, String)] = [], as type: T.Type = T.self) async throws -> T {
        let resp = try await send(.GET, path, query: query)
        return try decode(T.self, resp, what: "GET \(path)")
    }

    public func post<T: Decodable>(_ path: String, query: [(String, String)] = [], json: Data? = nil, as type: T.Type = T.self) async throws -> T {
        let resp = try await send(.POST, path, query: query, json: json)
        return try decode(T.self, resp, what: "POST \(path)")
    }

    func decode<T: Decodable>(_ type: T.Type, _ resp: GitLabResponse, what: String) throws -> T {
        do { return try GitLabClient.decoder.decode(T.self, from: resp.body) } catch {
            let snippet = redact(String(decoding: resp.body.prefix(120), as: UTF8.self))
            throw GitLabError.invalidResponse("\(what) answered \(resp.status) with a body that is not the JSON GitLab sends (\(snippet.isEmpty ? "empty" : snippet))")
        }
    }

    // MARK: Pagination

    public enum PaginationStyle: Sendable {
        /// `page`/`per_page`, following `Link: rel="next"` or `X-Next-Page`. Works past 10,000 rows, where
        /// GitLab drops `X-Total`, `X-Total-Pages` and `rel="last"`.
        case offset
        /// `pagination=keyset&order_by=id&sort=asc`, following `Link: rel="next"` only (endpoints that support it,
        /// such as `/projects`).
        case keyset
    }

    /// Calls `body` with each page in order until the last one or until `body` returns false.
    public func forEachPage<T: Decodable>(_ path: String, query: [(String, String)] = [], perPage: Int = 100,
                                          style: PaginationStyle = .offset,
                                          _ body: ([T]) async throws -> Bool) async throws {
        var q = query.filter { !["page", "per_page", "pagination"].contains($0.0) }
        q.append(("per_page", String(min(max(perPage, 1), 100))))
        if style == .keyset {
            q.removeAll { $0.0 == "order_by" || $0.0 == "sort" }
            q += [("pagination", "keyset"), ("order_by", "id"), ("sort", "asc")]
        }
        var seen = Set<String>()
        while true {
            let key = q.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
            guard seen.insert(key).inserted else {
                throw GitLabError.invalidResponse("GET \(path): pagination points back to a page already read")
            }
            let resp = try await send(.GET, path, query: q)
            let items = try decode([T].self, resp, what: "GET \(path)")
            guard try await body(items), !items.isEmpty else { return }
            if let next = GitLabClient.nextLink(resp.header("link")),
               let c = URLComponents(string: next), let items = c.queryItems, !items.isEmpty {
                // Only the query is taken from the link; the host and path stay ours.
                q = items.map { ($0.name, $0.value ?? "") }
            } else if style == .offset, let np = resp.header("x-next-page")?.trimmingCharacters(in: .whitespaces),
                      !np.isEmpty, Int(np) != nil {
                q.removeAll { $0.0 == "page" }
                q.append(("page", np))
            } else {
                return
            }
        }
    }

    /// Every item of a paginated list.
    public func all<T: Decodable>(_ path: String, query: [(String, String)] = [], perPage: Int = 100,
                                  style: PaginationStyle = .offset, as type: T.Type = T.self) async throws -> [T] {
        var out: [T] = []
        try await forEachPage(path, query: query, perPage: perPage, style: style) { (page: [T]) in
            out.append(contentsOf: page)
            return true
        }
        return out
    }

    /// The `rel="next"` target of a `Link` header.
    static func nextLink(_ header: String?) -> String? {
        guard let header else { return nil }
        var rest = Substring(header)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let url = rest[rest.index(after: open)..<close]
            let after = rest[rest.index(after: close)...]
            let end = after.firstIndex(of: "<") ?? after.endIndex
            let params = after[..<end].lowercased()
            if params.contains("rel=\"next\"") || params.contains("rel=next") { return String(url) }
            rest = after[end...]
        }
        return nil
    }

    /// A stable label for the statistics: numeric ids, encoded paths and branch names become placeholders.
    static func route(_ method: HTTPMethod, _ path: String) -> String {
        var out: [String] = []
        for seg in path.split(separator: "/") {
            if out.last == "branches" { out.append(":branch"); continue }
            out.append(seg.allSatisfy(\.isNumber) || seg.contains("%") ? ":id" : String(seg))
        }
        return "\(method) /" + out.joined(separator: "/")
    }
}

extension Duration {
    var nanos: Int64 {
        let c = components
        return c.seconds * 1_000_000_000 + c.attoseconds / 1_000_000_000
    }
}
