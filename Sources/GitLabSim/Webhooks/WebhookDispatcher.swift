import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends webhook requests and reports what the receiver answered.
final class WebhookDispatcher: Sendable {
    let client: HTTPClient

    init() {
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
    }

    struct Result: Sendable {
        var status: Int?
        var body: String?
        var error: String?
        var durationMS: Int
    }

    func send(url: String, headers: [(String, String)], body: Data) async -> Result {
        let start = Date()
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (k, v) in headers { request.headers.add(name: k, value: v) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: .seconds(10))
            let bytes = try await response.body.collect(upTo: 1 << 20)
            return Result(status: Int(response.status.code), body: String(buffer: bytes), error: nil,
                          durationMS: Int(Date().timeIntervalSince(start) * 1000))
        } catch {
            return Result(status: nil, body: nil, error: "\(error)", durationMS: Int(Date().timeIntervalSince(start) * 1000))
        }
    }

    func shutdown() async {
        try? await client.shutdown()
    }
}
