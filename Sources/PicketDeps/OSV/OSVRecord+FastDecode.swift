import Foundation

extension OSVRecord {
    /// The scan path's decoder: reads the JSON bytes straight into an `OSVRecord`, allocating only the values it
    /// keeps (no intermediate tree; unknown members are skipped in place), many times faster than `JSONDecoder`.
    /// It returns nil for anything it does not read exactly as `decode` does (a type mismatch, a duplicate key,
    /// an event without exactly one kind, an escaped key, invalid UTF-8...); the caller then falls back to
    /// `decode`, whose error names the problem.
    static func decodeFast(_ data: Data) -> OSVRecord? {
        data.withUnsafeBytes { raw in decodeFast(raw.bindMemory(to: UInt8.self)) }
    }

    /// The import path: the fast reader, and `JSONDecoder` for whatever it leaves (so errors keep naming the
    /// JSON path of the problem). Decoding every record with `JSONDecoder` was most of an import's time.
    static func decodeForImport(_ bytes: [UInt8]) throws(OSVDecodingError) -> OSVRecord {
        if let fast = bytes.withUnsafeBufferPointer(decodeFast) { return fast }
        return try decode(Data(bytes))
    }

    static func decodeFast(_ bytes: UnsafeBufferPointer<UInt8>) -> OSVRecord? {
        var r = OSVReader(bytes)
        do {
            let record = try r.record()
            r.skipSpace()
            return r.i == r.s.count ? record : nil
        } catch {
            return nil
        }
    }
}

/// Thrown inside the fast decoder for any shape it leaves to `JSONDecoder`.
private struct Mismatch: Error {}

/// A byte reader over one OSV record. Keys are compared as raw bytes; every object it reads is checked for
/// duplicate keys (as the tree-based decoder did), objects it skips are only checked for well-formedness.
private struct OSVReader {
    let s: UnsafeBufferPointer<UInt8>
    var i = 0
    static let maxDepth = 256

    init(_ s: UnsafeBufferPointer<UInt8>) { self.s = s }

    // MARK: Record shapes

    mutating func record() throws -> OSVRecord {
        var r = OSVRecord(id: "")
        var haveID = false
        try object { reader, key in
            switch key {
            case "id":
                r.id = try reader.string()
                haveID = true
            case "schema_version": r.schemaVersion = try reader.optionalString()
            case "modified": r.modified = try reader.optionalString()
            case "published": r.published = try reader.optionalString()
            case "withdrawn": r.withdrawn = try reader.optionalString()
            case "aliases": r.aliases = try reader.strings()
            case "related": r.related = try reader.strings()
            case "upstream": r.upstream = try reader.strings()
            case "summary": r.summary = try reader.optionalString()
            case "details": r.details = try reader.optionalString()
            case "severity": r.severity = try reader.objects { try $0.severity() }
            case "affected": r.affected = try reader.objects { try $0.affected() }
            case "references": r.references = try reader.objects { try $0.reference() }
            case "database_specific": r.databaseSpecific = try reader.optionalValue(depth: 1)
            default: try reader.skipValue(depth: 1)
            }
        }
        guard haveID, !Self.isBlank(r.id) else { throw Mismatch() }
        return r
    }

    /// `trimmingCharacters(in: .whitespaces).isEmpty`, without Foundation for the usual ASCII id.
    static func isBlank(_ id: String) -> Bool {
        if let first = id.utf8.first, first > 0x20, first < 0x80 { return false }
        return id.trimmingCharacters(in: .whitespaces).isEmpty
    }

    mutating func severity() throws -> OSVSeverity {
        var type: String?, score: String?
        try object { reader, key in
            switch key {
            case "type": type = try reader.optionalString()
            case "score": score = try reader.optionalString()
            default: try reader.skipValue(depth: 3)
            }
        }
        guard let type, let score else { throw Mismatch() }
        return OSVSeverity(type: type, score: score)
    }

    mutating func reference() throws -> OSVReference {
        var type: String?, url: String?
        try object { reader, key in
            switch key {
            case "type": type = try reader.optionalString()
            case "url": url = try reader.optionalString()
            default: try reader.skipValue(depth: 3)
            }
        }
        guard let url else { throw Mismatch() }
        return OSVReference(type: type, url: url)
    }

    mutating func affected() throws -> OSVAffected {
        var a = OSVAffected(package: nil)
        try object { reader, key in
            switch key {
            case "package":
                if try reader.null() { break }
                var ecosystem: String?, name: String?, purl: String?
                try reader.object { reader, key in
                    switch key {
                    case "ecosystem": ecosystem = try reader.optionalString()
                    case "name": name = try reader.optionalString()
                    case "purl": purl = try reader.optionalString()
                    default: try reader.skipValue(depth: 4)
                    }
                }
                guard let ecosystem, let name else { throw Mismatch() }
                a.package = OSVPackage(ecosystem: ecosystem, name: name, purl: purl)
            case "ranges": a.ranges = try reader.objects { try $0.range() }
            case "versions": a.versions = try reader.strings()
            case "severity": a.severity = try reader.objects { try $0.severity() }
            case "ecosystem_specific": a.ecosystemSpecific = try reader.optionalValue(depth: 3)
            case "database_specific": a.databaseSpecific = try reader.optionalValue(depth: 3)
            default: try reader.skipValue(depth: 3)
            }
        }
        return a
    }

    mutating func range() throws -> OSVRange {
        var type: String?, repo: String?, events: [OSVEvent] = [], databaseSpecific: OSVValue?
        try object { reader, key in
            switch key {
            case "type": type = try reader.optionalString()
            case "repo": repo = try reader.optionalString()
            case "events": events = try reader.objects { try $0.event() }
            case "database_specific": databaseSpecific = try reader.optionalValue(depth: 5)
            default: try reader.skipValue(depth: 5)
            }
        }
        guard let type else { throw Mismatch() }
        var r = OSVRange(type: type, repo: repo, events: events)
        r.databaseSpecific = databaseSpecific
        return r
    }

    /// Exactly one of the four kinds must be present (a null counts as present, as `contains` does) and be a string.
    mutating func event() throws -> OSVEvent {
        var event: OSVEvent?
        var kinds = 0
        try object { reader, key in
            switch key {
            case "introduced": kinds += 1; event = .introduced(try reader.string())
            case "fixed": kinds += 1; event = .fixed(try reader.string())
            case "last_affected": kinds += 1; event = .lastAffected(try reader.string())
            case "limit": kinds += 1; event = .limit(try reader.string())
            default: try reader.skipValue(depth: 7)
            }
        }
        guard kinds == 1, let event else { throw Mismatch() }
        return event
    }

    // MARK: Typed values

    /// Missing is handled by the caller; null is nil; another type is a mismatch.
    mutating func optionalString() throws -> String? {
        if try null() { return nil }
        return try string()
    }

    /// Null or missing is an empty list; elements must be strings.
    mutating func strings() throws -> [String] {
        if try null() { return [] }
        var out: [String] = []
        try array { reader in out.append(try reader.string()) }
        return out
    }

    mutating func objects<T>(_ element: (inout OSVReader) throws -> T) throws -> [T] {
        if try null() { return [] }
        var out: [T] = []
        try array { reader in out.append(try element(&reader)) }
        return out
    }

    mutating func optionalValue(depth: Int) throws -> OSVValue? {
        if try null() { return nil }
        return try value(depth: depth)
    }

    mutating func value(depth: Int) throws -> OSVValue {
        guard depth < Self.maxDepth else { throw Mismatch() }
        skipSpace()
        guard i < s.count else { throw Mismatch() }
        switch s[i] {
        case 0x22: return .string(try string())
        case 0x7B:
            var d: [String: OSVValue] = [:]
            try object { reader, key in d[key.string] = try reader.value(depth: depth + 1) }
            return .object(d)
        case 0x5B:
            var a: [OSVValue] = []
            try array { reader in a.append(try reader.value(depth: depth + 1)) }
            return .array(a)
        case 0x74: try literal("true"); return .bool(true)
        case 0x66: try literal("false"); return .bool(false)
        case 0x6E: try literal("null"); return .null
        default:
            let range = try number()
            guard let d = Double(String(decoding: UnsafeBufferPointer(rebasing: s[range]), as: UTF8.self)) else { throw Mismatch() }
            return .number(d)
        }
    }

    // MARK: Structure

    /// A key as raw bytes of the buffer (keys with escapes are left to JSONDecoder).
    struct Key {
        let bytes: UnsafeBufferPointer<UInt8>
        var string: String { String(decoding: bytes, as: UTF8.self) }

        static func ~= (pattern: StaticString, key: Key) -> Bool {
            pattern.utf8CodeUnitCount == key.bytes.count
                && memcmp(pattern.utf8Start, key.bytes.baseAddress!, key.bytes.count) == 0
        }
    }

    /// Reads an object, calling `member` with each key positioned at its value; duplicate keys are a mismatch.
    mutating func object(_ member: (inout OSVReader, Key) throws -> Void) throws {
        skipSpace()
        guard i < s.count, s[i] == 0x7B else { throw Mismatch() }
        i += 1
        skipSpace()
        if i < s.count, s[i] == 0x7D { i += 1; return }
        var seen: [Key] = []
        while true {
            skipSpace()
            let key = try rawKey()
            for k in seen where k.bytes.count == key.bytes.count
                && memcmp(k.bytes.baseAddress!, key.bytes.baseAddress!, key.bytes.count) == 0 {
                throw Mismatch()
            }
            seen.append(key)
            skipSpace()
            guard i < s.count, s[i] == 0x3A else { throw Mismatch() }
            i += 1
            try member(&self, key)
            skipSpace()
            guard i < s.count else { throw Mismatch() }
            if s[i] == 0x2C { i += 1; continue }
            if s[i] == 0x7D { i += 1; return }
            throw Mismatch()
        }
    }

    mutating func array(_ element: (inout OSVReader) throws -> Void) throws {
        skipSpace()
        guard i < s.count, s[i] == 0x5B else { throw Mismatch() }
        i += 1
        skipSpace()
        if i < s.count, s[i] == 0x5D { i += 1; return }
        while true {
            try element(&self)
            skipSpace()
            guard i < s.count else { throw Mismatch() }
            if s[i] == 0x2C { i += 1; continue }
            if s[i] == 0x5D { i += 1; return }
            throw Mismatch()
        }
    }

    /// Consumes a `null` if one comes next.
    mutating func null() throws -> Bool {
        skipSpace()
        guard i < s.count, s[i] == 0x6E else { return false }
        try literal("null")
        return true
    }

    mutating func skipValue(depth: Int) throws {
        guard depth < Self.maxDepth else { throw Mismatch() }
        skipSpace()
        guard i < s.count else { throw Mismatch() }
        switch s[i] {
        case 0x22: try skipString()
        case 0x7B:
            i += 1
            skipSpace()
            if i < s.count, s[i] == 0x7D { i += 1; return }
            while true {
                skipSpace()
                try skipString()
                skipSpace()
                guard i < s.count, s[i] == 0x3A else { throw Mismatch() }
                i += 1
                try skipValue(depth: depth + 1)
                skipSpace()
                guard i < s.count else { throw Mismatch() }
                if s[i] == 0x2C { i += 1; continue }
                if s[i] == 0x7D { i += 1; return }
                throw Mismatch()
            }
        case 0x5B: try array { reader in try reader.skipValue(depth: depth + 1) }
        case 0x74: try literal("true")
        case 0x66: try literal("false")
        case 0x6E: try literal("null")
        default: _ = try number()
        }
    }

    mutating func skipSpace() {
        while i < s.count {
            switch s[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard i + n <= s.count, memcmp(word.utf8Start, s.baseAddress! + i, n) == 0 else { throw Mismatch() }
        i += n
    }

    /// A JSON number's byte range (RFC 8259 grammar).
    mutating func number() throws -> Range<Int> {
        let start = i
        if i < s.count, s[i] == 0x2D { i += 1 }
        guard i < s.count, Self.isDigit(s[i]) else { throw Mismatch() }
        if s[i] == 0x30 { i += 1 } else { while i < s.count, Self.isDigit(s[i]) { i += 1 } }
        if i < s.count, s[i] == 0x2E {
            i += 1
            guard i < s.count, Self.isDigit(s[i]) else { throw Mismatch() }
            while i < s.count, Self.isDigit(s[i]) { i += 1 }
        }
        if i < s.count, s[i] == 0x65 || s[i] == 0x45 {
            i += 1
            if i < s.count, s[i] == 0x2B || s[i] == 0x2D { i += 1 }
            guard i < s.count, Self.isDigit(s[i]) else { throw Mismatch() }
            while i < s.count, Self.isDigit(s[i]) { i += 1 }
        }
        return start..<i
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    // MARK: Strings

    /// A key without escapes, as bytes of the buffer.
    mutating func rawKey() throws -> Key {
        guard i < s.count, s[i] == 0x22 else { throw Mismatch() }
        let start = i + 1
        var j = start
        while j < s.count {
            let c = s[j]
            if c == 0x22 { break }
            if c == 0x5C || c < 0x20 { throw Mismatch() }
            j += 1
        }
        guard j < s.count else { throw Mismatch() }
        i = j + 1
        return Key(bytes: UnsafeBufferPointer(rebasing: s[start..<j]))
    }

    mutating func skipString() throws {
        guard i < s.count, s[i] == 0x22 else { throw Mismatch() }
        i += 1
        while i < s.count {
            let c = s[i]
            if c == 0x22 { i += 1; return }
            if c < 0x20 { throw Mismatch() }
            i += c == 0x5C ? 2 : 1
        }
        throw Mismatch()
    }

    /// A string value; a non-string is a mismatch. Invalid UTF-8 and lone surrogates are mismatches too.
    mutating func string() throws -> String {
        skipSpace()
        guard i < s.count, s[i] == 0x22 else { throw Mismatch() }
        let start = i + 1
        var j = start
        var ascii = true
        while j < s.count {
            let c = s[j]
            if c == 0x22 || c == 0x5C { break }
            if c < 0x20 { throw Mismatch() }
            if c >= 0x80 { ascii = false }
            j += 1
        }
        guard j < s.count else { throw Mismatch() }
        if s[j] == 0x22 {
            i = j + 1
            let run = UnsafeBufferPointer(rebasing: s[start..<j])
            if ascii { return String(decoding: run, as: UTF8.self) }
            guard let v = String(validating: run, as: UTF8.self) else { throw Mismatch() }
            return v
        }
        // Escapes: decode into a byte buffer.
        var out = [UInt8](UnsafeBufferPointer(rebasing: s[start..<j]))
        i = j
        while i < s.count {
            let c = s[i]
            if c == 0x22 {
                i += 1
                guard let v = String(validating: out, as: UTF8.self) else { throw Mismatch() }
                return v
            }
            if c < 0x20 { throw Mismatch() }
            if c != 0x5C { out.append(c); i += 1; continue }
            guard i + 1 < s.count else { throw Mismatch() }
            let e = s[i + 1]
            i += 2
            switch e {
            case 0x22, 0x5C, 0x2F: out.append(e)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar = try hex4()
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard i + 1 < s.count, s[i] == 0x5C, s[i + 1] == 0x75 else { throw Mismatch() }
                    i += 2
                    let low = try hex4()
                    guard low >= 0xDC00 && low < 0xE000 else { throw Mismatch() }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw Mismatch()
                }
                guard let u = Unicode.Scalar(scalar) else { throw Mismatch() }
                out.append(contentsOf: UTF8.encode(u)!)
            default: throw Mismatch()
            }
        }
        throw Mismatch()
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= s.count else { throw Mismatch() }
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = s[i + k]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw Mismatch()
            }
            v = v << 4 | d
        }
        i += 4
        return v
    }
}
