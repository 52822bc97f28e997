import Foundation
import Hummingbird
import NIOCore

/// A local webhook receiver: records every POST (headers + body) and answers with a fixed status.
final class HookReceiver: Sendable {
    actor Log {
        var requests: [(headers: [String: String], body: Data)] = []
        func add(_ h: [String: String], _ b: Data) { requests.append((h, b)) }
        func all() -> [(headers: [String: String], body: Data)] { requests }
    }

    let url: String
    private let log: Log
    private let task: Task<Void, Error>

    private init(url: String, log: Log, task: Task<Void, Error>) {
        self.url = url
        self.log = log
        self.task = task
    }

    static func start(status: HTTPResponse.Status = .ok) async throws -> HookReceiver {
        let log = Log()
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            var headers: [String: String] = [:]
            for f in request.headers { headers[f.name.canonicalName.lowercased()] = f.value }
            let body = try await request.body.collect(upTo: 1 << 24)
            await log.add(headers, Data(body.readableBytesView))
            return Response(status: status, body: ResponseBody(byteBuffer: ByteBuffer(string: "ok")))
        }
        let (ports, cont) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { ch in cont.yield(ch.localAddress?.port ?? 0); cont.finish() })
        let task = Task { try await app.run() }
        var port = 0
        for await p in ports { port = p; break }
        return HookReceiver(url: "http://127.0.0.1:\(port)/hook", log: log, task: task)
    }

    var requests: [(headers: [String: String], body: Data)] { get async { await log.all() } }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
