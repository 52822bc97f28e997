import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

extension GitLabClient {
    /// Maps a non-2xx answer to its typed error, reading GitLab's documented bodies:
    /// `{"message": ...}`, `{"error": "invalid_token", "error_description": ...}`,
    /// `{"error": "insufficient_scope", "scope": ...}`.
    static func error(for resp: GitLabResponse, method: HTTPMethod, path: String, redact: (String) -> String) -> GitLabError {
        let obj = resp.jsonObject
        let errorCode = obj?["error"] as? String
        let description = obj?["error_description"] as? String
        let message = redact(messageText(obj, body: resp.body))
        switch resp.status {
        case 401:
            if errorCode == "invalid_token" {
                let d = (description ?? "").lowercased()
                if d.contains("expired") { return .tokenExpired }
                if d.contains("revoked") { return .tokenRevoked }
                return .unauthorized(redact(description ?? "invalid_token"))
            }
            return .unauthorized(message.isEmpty ? "401 Unauthorized" : message)
        case 403:
            if errorCode == "insufficient_scope" {
                let scopes: [String]
                if let s = obj?["scope"] as? String { scopes = s.split(separator: " ").map(String.init) }
                else if let a = obj?["scope"] as? [String] { scopes = a }
                else { scopes = [] }
                return .insufficientScope(required: scopes)
            }
            return .forbidden(message.isEmpty ? "403 Forbidden" : message)
        case 404:
            return .notFound("\(method) \(path)")
        case 429:
            return .rateLimited(retryAfter: resp.rateLimit.retryAfter)
        case 500...599:
            return .server(status: resp.status, message: message)
        default:
            return .rejected(status: resp.status, message: message.isEmpty ? "(no message)" : message)
        }
    }

    /// GitLab's human text from a JSON error body, or the start of a plain-text body.
    static func messageText(_ obj: [String: Any]?, body: Data) -> String {
        if let obj {
            if let m = obj["message"] as? String { return m }
            if let m = obj["message"], JSONSerialization.isValidJSONObject(m),
               let d = try? JSONSerialization.data(withJSONObject: m, options: [.sortedKeys]) {
                return String(decoding: d, as: UTF8.self)
            }
            if let e = obj["error"] as? String {
                if let d = obj["error_description"] as? String { return "\(e): \(d)" }
                return e
            }
        }
        let text = String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("<") { return "" } // an HTML page says nothing useful in one line
        return text.split(separator: "\n").first.map(String.init) ?? ""
    }

    /// Classifies an error that left no HTTP answer: TLS, DNS, refused, timeout, other.
    static func transportError(_ error: Error, endpoint: GitLabEndpoint) -> GitLabError {
        if let e = error as? GitLabError { return e }
        if error is CancellationError { return .transport(.connection(host: endpoint.host, detail: "cancelled")) }
        let host = endpoint.host
        if let e = error as? HTTPClientError {
            switch e {
            case .connectTimeout: return .transport(.timeout(host: host, what: "connecting"))
            case .readTimeout, .deadlineExceeded: return .transport(.timeout(host: host, what: "waiting for the answer"))
            case .tlsHandshakeTimeout: return .transport(.timeout(host: host, what: "the TLS handshake"))
            case .httpProxyHandshakeTimeout: return .transport(.timeout(host: host, what: "the proxy CONNECT"))
            case .remoteConnectionClosed: return .transport(.connection(host: host, detail: "the server closed the connection"))
            case .invalidProxyResponse, .proxyAuthenticationRequired:
                return .transport(.connection(host: host, detail: "the proxy refused the tunnel (check https_proxy/no_proxy)"))
            case .getConnectionFromPoolTimeout: return .transport(.timeout(host: host, what: "getting a connection"))
            default: break
            }
        }
        if let e = error as? NIOSSLExtraError, String(describing: e).contains("hostname") || String(describing: e).contains("Hostname") {
            return .transport(.tls(.hostnameMismatch, host: host, detail: String(describing: e)))
        }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            return .transport(tlsFailure(String(describing: error), host: host))
        }
        if let e = error as? NIOConnectionError {
            if e.dnsAError != nil || e.dnsAAAAError != nil, e.connectionErrors.isEmpty {
                return .transport(.dns(host: host))
            }
            if e.connectionErrors.contains(where: { ($0.error as? IOError)?.errnoCode == ECONNREFUSED }) {
                return .transport(.connectionRefused(host: host, port: endpoint.port))
            }
            return .transport(.connection(host: host, detail: String(describing: e)))
        }
        if let e = error as? IOError {
            if e.errnoCode == ECONNREFUSED { return .transport(.connectionRefused(host: host, port: endpoint.port)) }
            return .transport(.connection(host: host, detail: String(describing: e)))
        }
        if error is SocketAddressError { return .transport(.dns(host: host)) }
        let text = String(describing: error)
        let lower = text.lowercased()
        if lower.contains("ssl") || lower.contains("tls") || lower.contains("certificate") {
            return .transport(tlsFailure(text, host: host))
        }
        if lower.contains("connection refused") { return .transport(.connectionRefused(host: host, port: endpoint.port)) }
        return .transport(.connection(host: host, detail: text))
    }

    static func tlsFailure(_ text: String, host: String) -> TransportFailure {
        let lower = text.lowercased()
        let detail = shortTLSDetail(text)
        if lower.contains("wrong_version_number") || lower.contains("packet_length_too_long") || lower.contains("http_request")
            || lower.contains("unexpected eof") && lower.contains("record") {
            return .tls(.notTLS, host: host, detail: detail)
        }
        if lower.contains("hostname") || lower.contains("host name") {
            return .tls(.hostnameMismatch, host: host, detail: detail)
        }
        if lower.contains("certificate_verify_failed") || lower.contains("self signed") || lower.contains("self-signed")
            || lower.contains("unable to get local issuer") || lower.contains("unknown ca") || lower.contains("certificate verify failed") {
            return .tls(.untrustedCertificate, host: host, detail: detail)
        }
        return .tls(.other, host: host, detail: detail)
    }

    /// The BoringSSL reason (e.g. `CERTIFICATE_VERIFY_FAILED`) rather than the whole error dump.
    static func shortTLSDetail(_ text: String) -> String {
        for reason in ["CERTIFICATE_VERIFY_FAILED", "WRONG_VERSION_NUMBER", "PACKET_LENGTH_TOO_LONG", "HTTP_REQUEST",
                       "TLSV1_ALERT_UNKNOWN_CA", "SSLV3_ALERT_HANDSHAKE_FAILURE", "NO_SHARED_CIPHER"] where text.contains(reason) {
            return reason
        }
        return String(text.prefix(160))
    }
}
