import HTTPTypes

/// An answer other than success, raised anywhere in a handler and rendered by `ErrorMiddleware` as an HTML page
/// or a JSON body (`{"error":{"status":…,"message":…}}`) depending on the route.
public struct ServerError: Error, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String
    public var headers: [(HTTPField.Name, String)]

    public init(_ status: HTTPResponse.Status, _ message: String, headers: [(HTTPField.Name, String)] = []) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status.code) \(message)" }

    static func badRequest(_ m: String) -> ServerError { ServerError(.badRequest, m) }
    static func notFound(_ m: String = "not found") -> ServerError { ServerError(.notFound, m) }
    static func forbidden(_ m: String = "your role may not do this (viewers can only read)") -> ServerError { ServerError(.forbidden, m) }
    static let unauthorized = ServerError(.unauthorized, "sign in, or send an API token as 'Authorization: Bearer pkt_…'")
}
