import Foundation

/// The proxy the environment asks for (`https_proxy`/`HTTPS_PROXY`, `http_proxy` for http URLs, `no_proxy`),
/// resolved for one endpoint the way curl does: `no_proxy` lists host names or domain suffixes
/// (`.example.org` or `example.org`), `*` disables the proxy everywhere.
public struct ProxySettings: Sendable, Hashable {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Nil when no proxy applies to `endpoint`. Throws for a proxy URL that cannot be used (naming the variable).
    public static func fromEnvironment(_ env: [String: String], for endpoint: GitLabEndpoint) throws -> ProxySettings? {
        let names = endpoint.scheme == "https" ? ["https_proxy", "HTTPS_PROXY"] : ["http_proxy", "HTTP_PROXY"]
        guard let (name, raw) = names.lazy.compactMap({ n in env[n].flatMap { $0.isEmpty ? nil : (n, $0) } }).first else { return nil }
        let noProxy = env["no_proxy"] ?? env["NO_PROXY"] ?? ""
        if bypasses(host: endpoint.host, noProxy: noProxy) { return nil }
        let withScheme = raw.contains("://") ? raw : "http://" + raw
        guard let c = URLComponents(string: withScheme), let host = c.host, !host.isEmpty else {
            throw GitLabError.configuration("\(name) is not a proxy URL (expected http://proxy.example:3128)")
        }
        guard c.scheme?.lowercased() == "http" else {
            throw GitLabError.configuration("\(name): only http:// proxies are supported (CONNECT tunnel)")
        }
        guard c.user == nil else {
            throw GitLabError.configuration("\(name): proxies with credentials in the URL are not supported")
        }
        return ProxySettings(host: host, port: c.port ?? 80)
    }

    static func bypasses(host: String, noProxy: String) -> Bool {
        let h = host.lowercased()
        for entry in noProxy.split(separator: ",") {
            var e = entry.trimmingCharacters(in: .whitespaces).lowercased()
            if e.isEmpty { continue }
            if e == "*" { return true }
            if let colon = e.lastIndex(of: ":"), !e.contains("]"), e.filter({ $0 == ":" }).count == 1 { e = String(e[..<colon]) }
            if e.hasPrefix("*.") { e.removeFirst() }
            if e.hasPrefix(".") {
                if h.hasSuffix(e) || h == String(e.dropFirst()) { return true }
            } else if h == e || h.hasSuffix("." + e) {
                return true
            }
        }
        return false
    }
}
