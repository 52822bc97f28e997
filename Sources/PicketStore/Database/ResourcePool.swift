/// A bounded pool of connections. Callers wait when all are in use; a connection reported broken frees its
/// slot so the next caller opens a fresh one (that is how the store comes back after the database did).
actor ResourcePool<Resource: Sendable> {
    private let maximum: Int
    private let create: @Sendable () async throws -> Resource
    private let destroy: @Sendable (Resource) async -> Void
    private let isUsable: @Sendable (Resource) -> Bool
    private var idle: [Resource] = []
    private var open = 0
    private var waiters: [CheckedContinuation<Resource?, any Error>] = []
    private var closed = false

    init(maximum: Int, create: @escaping @Sendable () async throws -> Resource,
         destroy: @escaping @Sendable (Resource) async -> Void,
         isUsable: @escaping @Sendable (Resource) -> Bool = { _ in true }) {
        self.maximum = max(1, maximum)
        self.create = create
        self.destroy = destroy
        self.isUsable = isUsable
    }

    func checkout() async throws -> Resource {
        while true {
            if closed { throw StoreError.unavailable("the store was closed") }
            while let r = idle.popLast() {
                if isUsable(r) { return r }
                open -= 1
                await destroy(r)
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
            if let r = try await withCheckedThrowingContinuation({ waiters.append($0) }) as Resource? {
                return r
            }
        }
    }

    func checkin(_ r: Resource, broken: Bool) async {
        if broken || closed || !isUsable(r) {
            open -= 1
            await destroy(r)
            wakeOne()
            return
        }
        if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: r)
        } else {
            idle.append(r)
        }
    }

    private func wakeOne() {
        if !waiters.isEmpty { waiters.removeFirst().resume(returning: nil) }
    }

    func close() async {
        closed = true
        for w in waiters { w.resume(throwing: StoreError.unavailable("the store was closed")) }
        waiters.removeAll()
        let all = idle
        idle.removeAll()
        open -= all.count
        for r in all { await destroy(r) }
    }
}
