import Foundation
import HTTPTypes
import Hummingbird

/// A response before it becomes a Hummingbird `Response`; handlers and errors both produce these.
public struct APIResponse: Sendable {
    public enum Body: Sendable {
        case json(JSONValue)
        case text(String, contentType: String)
        case data(Data, contentType: String)
        case stream(ResponseBody)
        case empty
    }

    public var status: Int
    public var headers: [(String, String)]
    public var body: Body

    public init(status: Int, headers: [(String, String)] = [], body: Body) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func json(_ value: JSONValue, status: Int = 200) -> APIResponse { APIResponse(status: status, body: .json(value)) }
    static func message(_ status: Int, _ text: String) -> APIResponse { .json(["message": .string(text)], status: status) }

    mutating func header(_ name: String, _ value: String) { headers.append((name, value)) }

    // MARK: GitLab's error bodies

    static let unauthorized = message(401, "401 Unauthorized")
    static let forbidden = message(403, "403 Forbidden")
    static func notFound(_ what: String? = nil) -> APIResponse {
        what.map { message(404, "404 \($0) Not Found") } ?? message(404, "404 Not found")
    }
    /// Unknown API route: Grape's catch-all answers with `error`, not `message`.
    static let routeNotFound = APIResponse.json(["error": "404 Not Found"], status: 404)
    static let methodNotAllowed = message(405, "405 Method Not Allowed")
    static func badRequest(_ text: String) -> APIResponse { message(400, "400 Bad request - \(text)") }
    /// Grape parameter validation (`{"error":"state is missing"}`).
    static func paramError(_ text: String) -> APIResponse { .json(["error": .string(text)], status: 400) }
    static func missing(_ param: String) -> APIResponse { paramError("\(param) is missing") }
    static func invalidValue(_ param: String) -> APIResponse { paramError("\(param) does not have a valid value") }

    static let expiredDescription = "Token is expired. You can either do re-authorization or token refresh."
    static let revokedDescription = "Token was revoked. You have to re-authorize from the user."

    static func invalidToken(_ description: String) -> APIResponse {
        var r = APIResponse.json(["error": "invalid_token", "error_description": .string(description)], status: 401)
        r.header("WWW-Authenticate", "Bearer realm=\"Protected by OAuth 2.0\", error=\"invalid_token\", error_description=\"\(description)\"")
        return r
    }

    static func insufficientScope(_ scopes: [String]) -> APIResponse {
        .json(["error": "insufficient_scope",
               "error_description": "The request requires higher privileges than provided by the access token.",
               "scope": .string(scopes.joined(separator: " "))], status: 403)
    }

    func hummingbird() -> Response {
        var fields = HTTPFields()
        var response: Response
        let bodyValue: ResponseBody
        switch body {
        case .json(let v):
            fields[.contentType] = "application/json"
            bodyValue = ResponseBody(byteBuffer: ByteBuffer(string: v.serialized()))
        case .text(let s, let ct):
            fields[.contentType] = ct
            bodyValue = ResponseBody(byteBuffer: ByteBuffer(string: s))
        case .data(let d, let ct):
            fields[.contentType] = ct
            bodyValue = ResponseBody(byteBuffer: ByteBuffer(bytes: d))
        case .stream(let b):
            bodyValue = b
        case .empty:
            bodyValue = ResponseBody()
        }
        for (k, v) in headers {
            guard let name = HTTPField.Name(k) else { continue }
            if name == .contentType { fields[name] = v } else { fields.append(HTTPField(name: name, value: v)) }
        }
        response = Response(status: HTTPResponse.Status(code: status), headers: fields, body: bodyValue)
        return response
    }
}
