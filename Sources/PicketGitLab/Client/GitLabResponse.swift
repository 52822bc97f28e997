import Foundation

/// One HTTP answer from GitLab: status, headers (looked up case-insensitively) and body.
public struct GitLabResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(status: Int, headers: [(name: String, value: String)], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        let n = name.lowercased()
        return headers.first { $0.name.lowercased() == n }?.value
    }

    public var rateLimit: RateLimitHeaders { RateLimitHeaders(header: header) }

    /// The body as a JSON object, when it is one.
    var jsonObject: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    var isJSON: Bool {
        (header("content-type") ?? "").lowercased().contains("json")
    }
}
