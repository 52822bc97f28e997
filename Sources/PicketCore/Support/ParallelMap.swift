import Dispatch
import Synchronization

/// Maps `items` on up to `workers` threads (Dispatch's `concurrentPerform`, off the cooperative pool), keeping
/// their order. For CPU-bound work on independent items: `transform` must not wait on Swift tasks.
public func parallelMap<T: Sendable, R: Sendable>(_ items: [T], workers: Int, _ transform: @Sendable (T) -> R) -> [R] {
    let threads = min(max(1, workers), items.count)
    guard threads > 1 else { return items.map(transform) }
    let slots = ParallelSlots<R>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
        while let i = slots.claim() { slots.store(transform(items[i]), at: i) }
    }
    return slots.results()
}

/// Hands out indexes to worker threads and collects their results.
private final class ParallelSlots<R: Sendable>: Sendable {
    private struct State {
        var next = 0
        var slots: [R?]
    }
    private let state: Mutex<State>

    init(count: Int) { state = Mutex(State(slots: Array(repeating: nil, count: count))) }

    func claim() -> Int? {
        state.withLock { s in
            guard s.next < s.slots.count else { return nil }
            s.next += 1
            return s.next - 1
        }
    }

    func store(_ r: R, at i: Int) { state.withLock { $0.slots[i] = r } }

    /// Every slot is filled once `concurrentPerform` returns.
    func results() -> [R] { state.withLock { $0.slots.map { $0! } } }
}
