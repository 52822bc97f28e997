import CVectorscan
#if canImport(Glibc)
import Glibc
#endif

/// One block-mode Vectorscan database compiled from many patterns, scanned in a single pass. Immutable and
/// shareable; every thread scans with its own `VectorscanScratch`.
public final class VectorscanDatabase: @unchecked Sendable {
    public struct Pattern: Sendable {
        public var expression: String
        public var id: UInt32
        /// Compile as a prefilter (superset) when the exact pattern uses constructs Vectorscan lacks.
        public var prefilter: Bool
        public var caseless: Bool
        public init(expression: String, id: UInt32, prefilter: Bool = false, caseless: Bool = false) {
            self.expression = expression
            self.id = id
            self.prefilter = prefilter
            self.caseless = caseless
        }
    }

    let db: OpaquePointer
    private let prototype: OpaquePointer

    public static var platformSupported: Bool { hs_valid_platform() == HS_SUCCESS }

    /// Compiles all patterns together. On failure the error names the offending pattern's index.
    public init(patterns: [Pattern]) throws {
        var cstrs = patterns.map { strdup($0.expression) }
        defer { cstrs.forEach { free($0) } }
        var flags = patterns.map { p -> UInt32 in
            var f = UInt32(HS_FLAG_MULTILINE) | UInt32(HS_FLAG_ALLOWEMPTY)
            if p.prefilter { f |= UInt32(HS_FLAG_PREFILTER) }
            if p.caseless { f |= UInt32(HS_FLAG_CASELESS) }
            return f
        }
        var ids = patterns.map(\.id)
        var database: OpaquePointer?
        var compileError: UnsafeMutablePointer<hs_compile_error_t>?
        let rc = cstrs.withUnsafeMutableBufferPointer { exprs in
            exprs.withMemoryRebound(to: UnsafePointer<CChar>?.self) { e in
                hs_compile_multi(e.baseAddress, &flags, &ids, UInt32(patterns.count), UInt32(HS_MODE_BLOCK), nil, &database, &compileError)
            }
        }
        guard rc == HS_SUCCESS, let database else {
            let msg = compileError.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "error \(rc)"
            let index = compileError.map { Int($0.pointee.expression) }
            if let compileError { hs_free_compile_error(compileError) }
            throw RegexError(msg, patternIndex: index.flatMap { $0 >= 0 ? $0 : nil })
        }
        db = database
        var scratch: OpaquePointer?
        guard hs_alloc_scratch(database, &scratch) == HS_SUCCESS, let scratch else {
            hs_free_database(database)
            throw RegexError("cannot allocate Vectorscan scratch space")
        }
        prototype = scratch
    }

    /// Restores a database written by `serialized()`; nil when the bytes do not fit this library version.
    public init?(serialized bytes: [UInt8]) {
        var database: OpaquePointer?
        let rc = bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { hs_deserialize_database($0.baseAddress, $0.count, &database) }
        }
        guard rc == HS_SUCCESS, let database else { return nil }
        var scratch: OpaquePointer?
        guard hs_alloc_scratch(database, &scratch) == HS_SUCCESS, let scratch else {
            hs_free_database(database)
            return nil
        }
        db = database
        prototype = scratch
    }

    deinit {
        hs_free_scratch(prototype)
        hs_free_database(db)
    }

    public func serialized() -> [UInt8]? {
        var bytes: UnsafeMutablePointer<CChar>?
        var length = 0
        guard hs_serialize_database(db, &bytes, &length) == HS_SUCCESS, let bytes else { return nil }
        defer { free(bytes) }
        return Array(UnsafeRawBufferPointer(start: bytes, count: length))
    }

    /// Checks that one pattern compiles on its own; used to give a rule author a precise error.
    public static func check(_ pattern: Pattern) -> RegexError? {
        do { _ = try VectorscanDatabase(patterns: [pattern]); return nil } catch let e as RegexError { return e } catch { return RegexError("\(error)") }
    }

    public func makeScratch() throws -> VectorscanScratch {
        var s: OpaquePointer?
        guard hs_clone_scratch(prototype, &s) == HS_SUCCESS, let s else { throw RegexError("cannot clone Vectorscan scratch space") }
        return VectorscanScratch(s)
    }

    /// Scans `length` bytes and calls `onMatch(id, end)` for every match end; return false to stop.
    /// Inputs of 4 GiB or more are scanned in overlapping-free chunks (no Picket input gets near that).
    public func scan(_ base: UnsafePointer<UInt8>, length: Int, scratch: VectorscanScratch,
                     onMatch: (UInt32, Int) -> Bool) throws {
        try withoutActuallyEscaping(onMatch) { handler in
            let box = HandlerBox(handler)
            let ctx = Unmanaged.passUnretained(box).toOpaque()
            let rc = base.withMemoryRebound(to: CChar.self, capacity: max(length, 1)) { p in
                hs_scan(db, p, UInt32(min(length, Int(UInt32.max))), 0, scratch.raw, { id, _, to, _, ctx in
                    let box = Unmanaged<HandlerBox>.fromOpaque(ctx!).takeUnretainedValue()
                    return box.handler(id, Int(to)) ? 0 : 1
                }, ctx)
            }
            guard rc == HS_SUCCESS || rc == HS_SCAN_TERMINATED else { throw RegexError("Vectorscan scan failed with error \(rc)") }
        }
    }
}

extension VectorscanDatabase {
    /// The C-level callback: `(patternID, matchEnd, context) -> keep going`. Hot paths use this form with a
    /// context pointer they own, avoiding a closure (and its reference counting) per match.
    public typealias MatchCallback = @convention(c) (UInt32, UInt64, UnsafeMutableRawPointer?) -> Bool

    /// Scans with a plain C callback and context pointer; the fastest way to collect matches.
    public func scan(_ base: UnsafePointer<UInt8>, length: Int, scratch: VectorscanScratch,
                     context: UnsafeMutableRawPointer, callback: @escaping @convention(c) (UInt32, UInt64, UInt64, UInt32, UnsafeMutableRawPointer?) -> Int32) throws {
        let rc = base.withMemoryRebound(to: CChar.self, capacity: max(length, 1)) { p in
            hs_scan(db, p, UInt32(min(length, Int(UInt32.max))), 0, scratch.raw, callback, context)
        }
        guard rc == HS_SUCCESS || rc == HS_SCAN_TERMINATED else { throw RegexError("Vectorscan scan failed with error \(rc)") }
    }
}

private final class HandlerBox {
    let handler: (UInt32, Int) -> Bool
    init(_ h: @escaping (UInt32, Int) -> Bool) { handler = h }
}

/// Scratch space for one thread.
public final class VectorscanScratch {
    let raw: OpaquePointer
    init(_ raw: OpaquePointer) { self.raw = raw }
    deinit { hs_free_scratch(raw) }
}
