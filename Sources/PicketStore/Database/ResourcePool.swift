/// A bounded pool of connections. Callers wait when all are in use; a connection reported broken frees its
/// slot so the next caller opens a fresh one (that is how the store comes back after the database did).
///
/// No caller waits forever: a wait ends with a connection, with the pool's closing, with the caller's
/// cancellation, or after `waitLimit` with `StoreError.unavailable`. Broken connections are closed in the
/// background, never on the path of a caller: closing a connection the server already dropped must not hold up
/// the next request.
actor ResourcePool<Resource: Sendable> {
    private let maximum: Int
    private let waitLimit: Duration
    private let create: @Sendable () async throws -> Resource
    private let destroy: @Sendable (Resource) async -> Void
    private let isUsable: @Sendable (Resource) -> Bool
    private var idle: [Resource] = []
    private var open = 0
    private var waiters: [(id: Int, continuation: CheckedContinuation<Resource?, any Error>)] = []
    private var nextWaiter = 0
    private var closed = false

    init(maximum: Int, waitLimit: Duration = .seconds(120), create: @escaping @Sendable () async throws -> Resource,
         destroy: @escaping @Sendable (Resource) async -> Void,
         isUsable: @escaping @Sendable (Resource) -> Bool = { _ in true }) {
        self.maximum = max(1, maximum)
        self.waitLimit = waitLimit
        self.create = create
        self.destroy = destroy
        self.isUsable = isUsable
    }

    func checkout() async throws -> Resource {
        while true {
            if closed { throw StoreError.unavailable("the store was closed") }
            try Task.checkCancellation()
            while let r = idle.popLast() {
                if isUsable(r) { return r }
                open -= 1
                discard(r)
            }
            if open < maximum {
                open += 1
                do {
                    return try await create()
                } catch {
                    open -= 1
                    wakeOne()
                    throw error
                }
            }
            // Wait for a returned connection, or for a freed slot (nil), then loop.
            if let r = try await wait() { return r }
        }
    }

    func checkin(_ r: Resource, broken: Bool) {
        if broken || closed || !isUsable(r) {
            open -= 1
            discard(r)
            wakeOne()
            return
        }
        if !waiters.isEmpty {
            waiters.removeFirst().continuation.resume(returning: r)
        } else {
            idle.append(r)
        }
    }

    func close() {
        closed = true
        let pending = waiters
        waiters.removeAll()
        for w in pending { w.continuation.resume(throwing: StoreError.unavailable("the store was closed")) }
        let all = idle
        idle.removeAll()
        open -= all.count
        for r in all { discard(r) }
    }

    /// Connections in use or idle, and callers waiting (for tests and metrics).
    var counts: (open: Int, idle: Int, waiting: Int) { (open, idle.count, waiters.count) }

    // MARK: Waiting

    private func wait() async throws -> Resource? {
        nextWaiter += 1
        let id = nextWaiter
        let limit = waitLimit
        // The timer ends the wait if nothing else does first; it is cancelled once the wait is over.
        let timer = Task { [weak self] in
            try await Task.sleep(for: limit)
            await self?.expire(id)
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters.append((id, continuation))
            }
        } onCancel: {
            Task { await self.cancelWait(id) }
        }
    }

    private func expire(_ id: Int) {
        guard let i = waiters.firstIndex(where: { $0.id == id }) else { return }
        let w = waiters.remove(at: i)
        w.continuation.resume(throwing: StoreError.unavailable(
            "all \(maximum) database connections stayed busy for \(waitLimit); try again shortly"))
    }

    private func cancelWait(_ id: Int) {
        guard let i = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: i).continuation.resume(throwing: CancellationError())
    }

    private func wakeOne() {
        if !waiters.isEmpty { waiters.removeFirst().continuation.resume(returning: nil) }
    }

    /// Closes a connection without making anyone wait for it.
    private func discard(_ r: Resource) {
        let destroy = self.destroy
        Task.detached { await destroy(r) }
    }
}
