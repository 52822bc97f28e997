import NIOCore
import PostgresNIO
import Synchronization

/// A PostgreSQL connection whose queries end when it closes.
///
/// postgres-nio hands a query to its channel with `channel.write(…, promise: nil)`: when the channel has already
/// closed (the server terminated the backend a moment before), the write fails silently and the query's own
/// promise is never completed, so `await connection.query(…)` never returns. That hung workers after a database
/// restart, and with them the server's shutdown. Every query here also ends, with `StoreError.unavailable`, when
/// the connection's close future completes; the library's abandoned await is left behind (it holds no lock and
/// no pool slot), the caller goes on.
final class GuardedConnection: Sendable {
    let connection: PostgresConnection
    private struct State {
        var next = 0
        var waiting: [Int: @Sendable () -> Void] = [:]
        var closed = false
    }
    private let state = Mutex(State())

    init(_ connection: PostgresConnection) {
        self.connection = connection
        connection.closeFuture.whenComplete { [weak self] _ in self?.failAll() }
    }

    private func failAll() {
        let pending = state.withLock { s -> [@Sendable () -> Void] in
            s.closed = true
            let all = Array(s.waiting.values)
            s.waiting.removeAll()
            return all
        }
        for fail in pending { fail() }
    }

    var isClosed: Bool { connection.isClosed }

    func close() async { try? await connection.close() }

    /// Runs `operation` (a query and the reading of its rows), ending early if the connection closes first.
    func run<T: Sendable>(_ operation: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let connection = self.connection
        return try await withCheckedThrowingContinuation { (cont: CheckedContinuation<T, any Error>) in
            let once = Once(cont)
            let closedNow = state.withLock { s -> Int? in
                if s.closed { return nil }
                s.next += 1
                s.waiting[s.next] = { once.resume(throwing: StoreError.unavailable("the database connection closed")) }
                return s.next
            }
            guard let id = closedNow else {
                once.resume(throwing: StoreError.unavailable("the database connection closed"))
                return
            }
            Task {
                let result = await Result { try await operation(connection) }
                self.state.withLock { _ = $0.waiting.removeValue(forKey: id) }
                once.resume(with: result)
            }
        }
    }

    /// Resumes a continuation at most once, whichever side comes first.
    private final class Once<T: Sendable>: Sendable {
        private let cont: Mutex<CheckedContinuation<T, any Error>?>
        init(_ c: CheckedContinuation<T, any Error>) { cont = Mutex(c) }
        func resume(with r: Result<T, any Error>) { cont.withLock { c in c.take() }?.resume(with: r) }
        func resume(throwing e: any Error) { resume(with: .failure(e)) }
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
