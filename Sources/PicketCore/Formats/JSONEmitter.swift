/// Writes JSON straight to bytes, typed, in the layout Foundation's `JSONSerialization` gives with
/// `.prettyPrinted, .sortedKeys, .withoutEscapingSlashes` (two-space indent, `"key" : value`), so reports keep
/// their shape while never building a `[String: Any]` tree: dictionary bridging and dynamic casts cost more
/// than all the writing for a report of 17,000 findings.
///
/// Callers write an object's keys in ascending order (debug builds check it). With a `sink`, the buffer is
/// handed over whenever it passes `flushBytes`, so a report of any size is written in constant memory.
///
/// ```swift
/// var json = JSONEmitter()
/// try json.object { o in
///     o.field("id", "GHSA-xxxx")
///     try o.field("ranges") { a in for r in ranges { a.element(r) } }
/// }
/// ```
public struct JSONEmitter {
    public private(set) var bytes: [UInt8] = []
    private var indent = 0
    /// True until the current container has its first member or element.
    private var first = true
    private let sink: ((inout [UInt8]) throws -> Void)?
    private let flushBytes: Int
    /// The sink's first failure: nothing more is handed over, and `finish()` throws it.
    private var sinkError: (any Error)?
    #if DEBUG
    private var keyStack: [String?] = []
    #endif

    /// No spaces or newlines: for JSON stored rather than read (`{"a":1,"b":[2]}`).
    private var compact = false

    /// Without a sink the whole document stays in `bytes`.
    public init(reserve: Int = 1 << 16, compact: Bool = false) {
        bytes.reserveCapacity(reserve)
        sink = nil
        flushBytes = .max
        self.compact = compact
    }

    /// `sink` receives the buffer (and may empty it) each time it holds `flushBytes` or more, and at `finish()`.
    public init(flushBytes: Int = 1 << 20, sink: @escaping (inout [UInt8]) throws -> Void) {
        bytes.reserveCapacity(flushBytes + (1 << 16))
        self.sink = sink
        self.flushBytes = flushBytes
    }

    /// An emitter for a run of array elements at `indent`, rendered apart (on another thread) and spliced into
    /// the document with `field(_:parallel:)`. `first`: the run starts the array.
    private init(fragmentAt indent: Int, first: Bool, compact: Bool) {
        bytes.reserveCapacity(1 << 16)
        sink = nil
        flushBytes = .max
        self.compact = compact
        self.indent = indent
        self.first = first
        #if DEBUG
        keyStack = [nil]
        #endif
    }

    /// Ends the document with a newline and hands the rest to the sink.
    public mutating func finish() throws {
        bytes.append(0x0A)
        if let sinkError { throw sinkError }
        if let sink { try sink(&bytes); bytes.removeAll(keepingCapacity: true) }
    }

    // MARK: Containers

    /// A top-level object, or an array element that is an object.
    public mutating func object(_ body: (inout JSONEmitter) throws -> Void) rethrows {
        if indent > 0 { separator() }
        try openObject(body)
    }

    /// An array element that is an array.
    public mutating func array(_ body: (inout JSONEmitter) throws -> Void) rethrows {
        if indent > 0 { separator() }
        try openArray(body)
    }

    /// A member whose value is an object.
    public mutating func field(_ key: String, object body: (inout JSONEmitter) throws -> Void) rethrows {
        member(key)
        try openObject(body)
    }

    /// A member whose value is an array.
    public mutating func field(_ key: String, array body: (inout JSONEmitter) throws -> Void) rethrows {
        member(key)
        try openArray(body)
    }

    /// A member whose value is an array with one element per item.
    public mutating func field<S: Sequence>(_ key: String, each items: S, _ body: (inout JSONEmitter, S.Element) throws -> Void) rethrows {
        member(key)
        try openArray { a in for item in items { try body(&a, item) } }
    }

    /// A member whose value is an array with one element per item, the elements rendered on up to `workers`
    /// threads in runs of `run` items and written in order. `body` renders one element (an `element` or
    /// `object` call).
    public mutating func field<T: Sendable>(_ key: String, parallel items: [T], workers: Int, run: Int = 256,
                                            _ body: @escaping @Sendable (inout JSONEmitter, T) throws -> Void) throws {
        member(key)
        try container(0x5B, 0x5D) { json in try json.parallelElements(items, workers: workers, run: run, body) }
    }

    private mutating func parallelElements<T: Sendable>(_ items: [T], workers: Int, run: Int,
                                                        _ body: @escaping @Sendable (inout JSONEmitter, T) throws -> Void) throws {
        indent += 2
        let runs = stride(from: 0, to: items.count, by: max(1, run)).map { $0..<min(items.count, $0 + max(1, run)) }
        let elementIndent = indent
        let compactRuns = compact
        // A window of runs at a time, so memory holds a few runs' bytes, not the whole array's.
        let window = max(1, workers) * 4
        for start in stride(from: 0, to: runs.count, by: window) {
            let slice = Array(runs[start..<min(runs.count, start + window)])
            let rendered = parallelMap(slice, workers: workers) { range -> Result<[UInt8], any Error> in
                Result {
                    var part = JSONEmitter(fragmentAt: elementIndent, first: range.lowerBound == 0, compact: compactRuns)
                    for i in range { try body(&part, items[i]) }
                    return part.bytes
                }
            }
            for r in rendered {
                bytes.append(contentsOf: try r.get())
                flushIfFull()
            }
        }
        indent -= 2
        if !items.isEmpty && !compact {
            bytes.append(0x0A)
            spaces(indent)
        }
        first = false
    }

    // MARK: Members

    public mutating func field(_ key: String, _ value: String) { member(key); string(value) }
    public mutating func field(_ key: String, _ value: Int) { member(key); raw(String(value)) }
    public mutating func field(_ key: String, _ value: Bool) { member(key); raw(value ? "true" : "false") }
    public mutating func field(_ key: String, _ value: Double) throws { member(key); try number(value) }
    public mutating func field(_ key: String, _ values: [String]) {
        member(key)
        openArray { a in for v in values { a.element(v) } }
    }
    /// `null` members are left out, as the dictionary writers did.
    public mutating func field(_ key: String, _ value: String?) { if let value { field(key, value) } }
    public mutating func field(_ key: String, _ value: Int?) { if let value { field(key, value) } }
    public mutating func field(_ key: String, _ value: Bool?) { if let value { field(key, value) } }
    public mutating func field(_ key: String, _ values: [String]?) { if let values { field(key, values) } }
    public mutating func fieldNull(_ key: String) { member(key); raw("null") }

    /// An object of string keys and integer values, keys sorted.
    public mutating func field(_ key: String, counts: [String: Int]) {
        field(key, object: { o in for k in counts.keys.sorted() { o.field(k, counts[k]!) } })
    }

    // MARK: Array elements

    public mutating func element(_ value: String) { separator(); string(value) }
    public mutating func element(_ value: Int) { separator(); raw(String(value)) }
    public mutating func element(_ value: Bool) { separator(); raw(value ? "true" : "false") }
    public mutating func element(_ value: Double) throws { separator(); try number(value) }

    // MARK: Layout

    private mutating func member(_ key: String) {
        #if DEBUG
        if let last = keyStack.last, let previous = last {
            assert(previous < key, "JSONEmitter: key '\(key)' written after '\(previous)'; write keys in ascending order")
        }
        if !keyStack.isEmpty { keyStack[keyStack.count - 1] = key }
        #endif
        separator()
        string(key)
        if compact { bytes.append(0x3A) } else { raw(" : ") }
    }

    private mutating func separator() {
        if compact {
            if !first { bytes.append(0x2C) }
            first = false
            return
        }
        bytes.append(contentsOf: first ? [0x0A] : [0x2C, 0x0A])
        first = false
        spaces(indent)
    }

    private mutating func openObject(_ body: (inout JSONEmitter) throws -> Void) rethrows {
        try container(0x7B, 0x7D) { try $0.nested(body) }
    }

    private mutating func openArray(_ body: (inout JSONEmitter) throws -> Void) rethrows {
        try container(0x5B, 0x5D) { try $0.nested(body) }
    }

    /// `{`…`}` or `[`…`]` around `body`, with a fresh key order to check inside.
    private mutating func container(_ open: UInt8, _ close: UInt8, _ body: (inout JSONEmitter) throws -> Void) rethrows {
        bytes.append(open)
        #if DEBUG
        keyStack.append(nil)
        defer { keyStack.removeLast() }
        #endif
        try body(&self)
        bytes.append(close)
    }

    /// Runs a container's body one level deeper; a non-empty container closes on its own line.
    private mutating func nested(_ body: (inout JSONEmitter) throws -> Void) rethrows {
        indent += 2
        first = true
        try body(&self)
        indent -= 2
        if !first && !compact {
            bytes.append(0x0A)
            spaces(indent)
        }
        // The enclosing container has had a member: this one.
        first = false
        flushIfFull()
    }

    private mutating func flushIfFull() {
        if bytes.count >= flushBytes, sinkError == nil, let sink {
            do { try sink(&bytes) } catch { sinkError = error }
            bytes.removeAll(keepingCapacity: true)
        }
    }

    private mutating func spaces(_ n: Int) {
        for _ in 0..<n { bytes.append(0x20) }
    }

    private mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    private mutating func number(_ d: Double) throws {
        guard d.isFinite else { throw PicketError.runtime("a report value is not a finite number (\(d))") }
        if d == d.rounded(), abs(d) < 1e15 { raw(String(Int64(d))) } else { raw("\(d)") }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func string(_ s: String) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            // Runs of bytes that need no escaping are copied at once.
            var start = 0
            for i in 0..<utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
                start = i + 1
                switch b {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
                case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
                case 0x08: bytes.append(contentsOf: [0x5C, 0x62])
                case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])
                default: bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex[Int(b >> 4)], Self.hex[Int(b & 0xF)]])
                }
            }
            if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
        }
        bytes.append(0x22)
    }
}
