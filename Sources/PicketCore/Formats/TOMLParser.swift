import Foundation

/// A TOML 1.0 parser written for hostile input: errors name the line, nesting is bounded, and it never
/// recurses on attacker-controlled depth beyond `maxDepth`.
public struct TOMLParser {
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    static let maxDepth = 64

    private let s: [UInt8]
    private var i = 0
    private var line = 1
    private var root = TOMLTable(line: 1)
    /// Path of the current `[table]` or `[[array]]` element.
    private var current: [PathStep] = []
    /// Tables defined by a header, and tables closed to further definition (inline tables, dotted-key parents).
    private var definedTables = Set<String>()
    private var staticArrays = Set<String>()

    private enum PathStep: Hashable {
        case key(String)
        case lastElement(String)
    }

    public static func parse(_ text: String) throws -> TOMLTable {
        var p = TOMLParser(bytes: Array(text.utf8))
        return try p.parseDocument()
    }

    public static func parse(_ data: Data) throws -> TOMLTable {
        guard let text = String(data: data, encoding: .utf8) else { throw ParseError(line: 1, message: "not valid UTF-8") }
        return try parse(text)
    }

    private init(bytes: [UInt8]) {
        s = bytes
        if s.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
    }

    private func fail(_ m: String) -> ParseError { ParseError(line: line, message: m) }

    /// An error maker bound to the current line, for closures that run while `self` is being mutated.
    private var failer: @Sendable (String) -> ParseError {
        let l = line
        return { ParseError(line: l, message: $0) }
    }

    private var atEnd: Bool { i >= s.count }
    private var peek: UInt8 { i < s.count ? s[i] : 0 }
    private func peek(_ k: Int) -> UInt8 { i + k < s.count ? s[i + k] : 0 }

    // MARK: document

    private mutating func parseDocument() throws -> TOMLTable {
        while true {
            skipWhitespaceAndComments(newlines: true)
            if atEnd { break }
            if peek == UInt8(ascii: "[") {
                try parseHeader()
            } else {
                let keyLine = line
                let keys = try parseKey()
                skipInlineWhitespace()
                guard peek == UInt8(ascii: "=") else { throw fail("expected '=' after key '\(keys.joined(separator: "."))'") }
                i += 1
                skipInlineWhitespace()
                let value = try parseValue(depth: 0)
                try assign(keys, value, line: keyLine)
            }
            try expectLineEnd()
        }
        return root
    }

    private mutating func parseHeader() throws {
        let headerLine = line
        let isArray = peek(1) == UInt8(ascii: "[")
        i += isArray ? 2 : 1
        skipInlineWhitespace()
        let keys = try parseKey()
        skipInlineWhitespace()
        guard peek == UInt8(ascii: "]") else { throw fail("expected ']' to close the table header") }
        i += 1
        if isArray {
            guard peek == UInt8(ascii: "]") else { throw fail("expected ']]' to close the array-of-tables header") }
            i += 1
        }
        let name = keys.joined(separator: "\u{0}")
        let fail = failer
        if isArray {
            if staticArrays.contains(name) { throw fail("cannot append to the static array '\(keys.joined(separator: "."))'") }
            try modify(path: keys.dropLast().map { .key($0) }, depthCheck: keys.count) { table in
                let last = keys.last!
                var arr: [TOMLValue] = []
                if let existing = table[last] {
                    guard case .array(let a) = existing else { throw fail("'\(keys.joined(separator: "."))' is not an array of tables") }
                    arr = a
                }
                arr.append(.table(TOMLTable(line: headerLine)))
                table.set(last, .array(arr), line: headerLine)
            }
            current = keys.dropLast().map { .key($0) } + [.lastElement(keys.last!)]
            // Sub-tables of a new array element may be defined again.
            definedTables = definedTables.filter { !$0.hasPrefix(name + "\u{0}") }
        } else {
            if definedTables.contains(name) { throw fail("table '\(keys.joined(separator: "."))' is defined twice") }
            definedTables.insert(name)
            try modify(path: [], depthCheck: keys.count) { table in
                try Self.ensureTable(&table, path: keys[...], line: headerLine, fail: fail)
            }
            current = keys.map { .key($0) }
        }
    }

    private static func ensureTable(_ table: inout TOMLTable, path: ArraySlice<String>, line: Int,
                                    fail: (String) -> ParseError) throws {
        guard let first = path.first else { return }
        var child: TOMLTable
        switch table[first] {
        case nil: child = TOMLTable(line: line)
        case .table(let t)?: child = t
        case .array(let a)? where a.last?.table != nil:
            // `[a.b]` after `[[a]]` addresses the last element of a.
            var arr = a
            var last = arr.removeLast().table!
            try ensureTable(&last, path: path.dropFirst(), line: line, fail: fail)
            arr.append(.table(last))
            table.set(first, .array(arr), line: line)
            return
        default: throw fail("'\(first)' is already a value, not a table")
        }
        try ensureTable(&child, path: path.dropFirst(), line: line, fail: fail)
        table.set(first, .table(child), line: line)
    }

    /// Applies `body` to the table at `current + path`, creating tables on the way.
    private mutating func modify(path: [PathStep], depthCheck: Int, _ body: (inout TOMLTable) throws -> Void) throws {
        guard current.count + depthCheck <= Self.maxDepth else { throw fail("tables nested deeper than \(Self.maxDepth) levels") }
        try Self.walk(&root, path[...], line: line, fail: failer, body)
    }

    private static func walk(_ table: inout TOMLTable, _ path: ArraySlice<PathStep>, line: Int,
                             fail: (String) -> ParseError, _ body: (inout TOMLTable) throws -> Void) throws {
        guard let step = path.first else { return try body(&table) }
        switch step {
        case .key(let k):
            var child: TOMLTable
            switch table[k] {
            case nil: child = TOMLTable(line: line)
            case .table(let t)?: child = t
            case .array(let a)? where a.last?.table != nil:
                var arr = a
                var last = arr.removeLast().table!
                try walk(&last, path.dropFirst(), line: line, fail: fail, body)
                arr.append(.table(last))
                table.set(k, .array(arr), line: line)
                return
            default: throw fail("'\(k)' is already a value, not a table")
            }
            try walk(&child, path.dropFirst(), line: line, fail: fail, body)
            table.set(k, .table(child), line: line)
        case .lastElement(let k):
            guard case .array(var arr)? = table[k], var last = arr.last?.table else { throw fail("'\(k)' is not an array of tables") }
            arr.removeLast()
            try walk(&last, path.dropFirst(), line: line, fail: fail, body)
            arr.append(.table(last))
            table.set(k, .array(arr), line: line)
        }
    }

    private mutating func assign(_ keys: [String], _ value: TOMLValue, line keyLine: Int) throws {
        let prefix = current.map { step -> String in
            switch step { case .key(let k), .lastElement(let k): return k }
        }
        let fullName = (prefix + keys).joined(separator: "\u{0}")
        if case .array = value { staticArrays.insert(fullName) }
        let parents = keys.dropLast().map { PathStep.key($0) }
        let fail = failer
        try modify(path: current + parents, depthCheck: keys.count) { table in
            let last = keys.last!
            if table[last] != nil { throw fail("key '\(keys.joined(separator: "."))' is defined twice") }
            table.set(last, value, line: keyLine)
        }
        // Dotted keys define their parent tables; a later [header] for them is an error.
        for n in 1..<max(1, keys.count) { definedTables.insert((prefix + keys.prefix(n)).joined(separator: "\u{0}")) }
    }

    // MARK: lexical

    private mutating func skipInlineWhitespace() {
        while i < s.count && (s[i] == 0x20 || s[i] == 0x09) { i += 1 }
    }

    private mutating func skipWhitespaceAndComments(newlines: Bool) {
        while i < s.count {
            let c = s[i]
            if c == 0x20 || c == 0x09 || c == 0x0D { i += 1 } else if c == 0x0A {
                guard newlines else { return }
                i += 1
                line += 1
            } else if c == UInt8(ascii: "#") {
                while i < s.count && s[i] != 0x0A { i += 1 }
            } else { return }
        }
    }

    private mutating func expectLineEnd() throws {
        skipInlineWhitespace()
        if peek == UInt8(ascii: "#") { while i < s.count && s[i] != 0x0A { i += 1 } }
        if atEnd { return }
        if peek == 0x0D && peek(1) == 0x0A { i += 1 }
        guard peek == 0x0A else { throw fail("unexpected '\(Character(Unicode.Scalar(peek)))' after a value; expected the end of the line") }
        i += 1
        line += 1
    }

    private mutating func parseKey() throws -> [String] {
        var parts: [String] = []
        while true {
            skipInlineWhitespace()
            let c = peek
            if c == UInt8(ascii: "\"") {
                i += 1
                parts.append(try basicString())
            } else if c == UInt8(ascii: "'") {
                i += 1
                parts.append(try literalString())
            } else {
                let start = i
                while i < s.count, Self.isBareKey(s[i]) { i += 1 }
                guard i > start else { throw fail("expected a key") }
                parts.append(String(decoding: s[start..<i], as: UTF8.self))
            }
            skipInlineWhitespace()
            if peek == UInt8(ascii: ".") { i += 1; continue }
            return parts
        }
    }

    private static func isBareKey(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D
    }

    // MARK: values

    private mutating func parseValue(depth: Int) throws -> TOMLValue {
        guard depth < Self.maxDepth else { throw fail("values nested deeper than \(Self.maxDepth) levels") }
        let c = peek
        switch c {
        case UInt8(ascii: "\""):
            if peek(1) == c && peek(2) == c { i += 3; return .string(try multilineBasicString()) }
            i += 1
            return .string(try basicString())
        case UInt8(ascii: "'"):
            if peek(1) == c && peek(2) == c { i += 3; return .string(try multilineLiteralString()) }
            i += 1
            return .string(try literalString())
        case UInt8(ascii: "["):
            i += 1
            return try parseArray(depth: depth)
        case UInt8(ascii: "{"):
            i += 1
            return try parseInlineTable(depth: depth)
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            if s[i...].starts(with: Array("true".utf8)) { i += 4; return .bool(true) }
            if s[i...].starts(with: Array("false".utf8)) { i += 5; return .bool(false) }
            throw fail("expected a value")
        case 0, 0x0A:
            throw fail("expected a value")
        default:
            return try parseScalarToken()
        }
    }

    private mutating func parseArray(depth: Int) throws -> TOMLValue {
        var items: [TOMLValue] = []
        while true {
            skipWhitespaceAndComments(newlines: true)
            if peek == UInt8(ascii: "]") { i += 1; return .array(items) }
            items.append(try parseValue(depth: depth + 1))
            skipWhitespaceAndComments(newlines: true)
            if peek == UInt8(ascii: ",") { i += 1; continue }
            if peek == UInt8(ascii: "]") { i += 1; return .array(items) }
            throw fail(atEnd ? "unterminated array" : "expected ',' or ']' in an array")
        }
    }

    private mutating func parseInlineTable(depth: Int) throws -> TOMLValue {
        var table = TOMLTable(line: line)
        skipInlineWhitespace()
        if peek == UInt8(ascii: "}") { i += 1; return .table(table) }
        while true {
            skipInlineWhitespace()
            let keyLine = line
            let keys = try parseKey()
            guard peek == UInt8(ascii: "=") else { throw fail("expected '=' in an inline table") }
            i += 1
            skipInlineWhitespace()
            let v = try parseValue(depth: depth + 1)
            let fail = failer
            try Self.walk(&table, keys.dropLast().map { PathStep.key($0) }[...], line: keyLine, fail: fail) { t in
                if t[keys.last!] != nil { throw fail("key '\(keys.joined(separator: "."))' is defined twice") }
                t.set(keys.last!, v, line: keyLine)
            }
            skipInlineWhitespace()
            if peek == UInt8(ascii: ",") { i += 1; continue }
            if peek == UInt8(ascii: "}") { i += 1; return .table(table) }
            throw fail("expected ',' or '}' in an inline table")
        }
    }

    private mutating func basicString() throws -> String {
        var out: [UInt8] = []
        while true {
            guard i < s.count, s[i] != 0x0A else { throw fail("unterminated string") }
            let c = s[i]
            i += 1
            if c == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            if c == UInt8(ascii: "\\") { try escape(into: &out) } else { out.append(c) }
        }
    }

    private mutating func multilineBasicString() throws -> String {
        var out: [UInt8] = []
        if peek == 0x0A { i += 1; line += 1 } else if peek == 0x0D && peek(1) == 0x0A { i += 2; line += 1 }
        while true {
            guard i < s.count else { throw fail("unterminated multi-line string") }
            let c = s[i]
            if c == UInt8(ascii: "\"") && peek(1) == c && peek(2) == c {
                i += 3
                // Up to two more quotes belong to the content.
                var extra = 0
                while peek == UInt8(ascii: "\"") && extra < 2 { out.append(c); i += 1; extra += 1 }
                return String(decoding: out, as: UTF8.self)
            }
            i += 1
            if c == 0x0A { line += 1 }
            if c == UInt8(ascii: "\\") {
                // Line-ending backslash: trim the newline and following whitespace.
                var j = i
                while j < s.count && (s[j] == 0x20 || s[j] == 0x09) { j += 1 }
                if j < s.count && (s[j] == 0x0A || s[j] == 0x0D) {
                    i = j
                    while i < s.count && (s[i] == 0x20 || s[i] == 0x09 || s[i] == 0x0A || s[i] == 0x0D) {
                        if s[i] == 0x0A { line += 1 }
                        i += 1
                    }
                    continue
                }
                try escape(into: &out)
            } else {
                out.append(c)
            }
        }
    }

    private mutating func literalString() throws -> String {
        let start = i
        while i < s.count && s[i] != UInt8(ascii: "'") {
            if s[i] == 0x0A { throw fail("unterminated string") }
            i += 1
        }
        guard i < s.count else { throw fail("unterminated string") }
        let str = String(decoding: s[start..<i], as: UTF8.self)
        i += 1
        return str
    }

    private mutating func multilineLiteralString() throws -> String {
        if peek == 0x0A { i += 1; line += 1 } else if peek == 0x0D && peek(1) == 0x0A { i += 2; line += 1 }
        let start = i
        while i < s.count {
            if s[i] == UInt8(ascii: "'") && peek(1) == s[i] && peek(2) == s[i] {
                var end = i
                i += 3
                var extra = 0
                while peek == UInt8(ascii: "'") && extra < 2 { i += 1; extra += 1; end += 1 }
                return String(decoding: s[start..<end], as: UTF8.self)
            }
            if s[i] == 0x0A { line += 1 }
            i += 1
        }
        throw fail("unterminated multi-line string")
    }

    private mutating func escape(into out: inout [UInt8]) throws {
        guard i < s.count else { throw fail("unterminated escape") }
        let e = s[i]
        i += 1
        switch e {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "e"): out.append(0x1B)
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let n = e == UInt8(ascii: "u") ? 4 : 8
            guard i + n <= s.count, let v = UInt32(String(decoding: s[i..<i + n], as: UTF8.self), radix: 16),
                  let scalar = Unicode.Scalar(v) else { throw fail("invalid unicode escape") }
            i += n
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
        }
    }

    /// Numbers, booleans handled elsewhere, dates and times: read the token, then classify it.
    private mutating func parseScalarToken() throws -> TOMLValue {
        let start = i
        while i < s.count {
            let c = s[i]
            if c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c == 0x0A || c == 0x0D || c == UInt8(ascii: "#") { break }
            // A space is part of a date-time only between a date and a time.
            if c == 0x20 || c == 0x09 {
                let tok = s[start..<i]
                if tok.count == 10, tok[tok.startIndex + 4] == UInt8(ascii: "-"), i + 1 < s.count, s[i + 1] >= 0x30, s[i + 1] <= 0x39 {
                    i += 1
                    continue
                }
                break
            }
            i += 1
        }
        let tok = String(decoding: s[start..<i], as: UTF8.self)
        guard !tok.isEmpty else { throw fail("expected a value") }
        if let v = Self.number(tok) { return v }
        if Self.isDateTime(tok) { return .datetime(tok) }
        throw fail("invalid value '\(tok.prefix(40))'")
    }

    static func number(_ tok: String) -> TOMLValue? {
        switch tok {
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        let clean = tok.replacingOccurrences(of: "_", with: "")
        if tok.contains("__") || tok.hasPrefix("_") || tok.hasSuffix("_") { return nil }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where clean.hasPrefix(prefix) {
            return Int64(clean.dropFirst(2), radix: radix).map { .integer($0) }
        }
        let digits = clean.hasPrefix("+") || clean.hasPrefix("-") ? String(clean.dropFirst()) : clean
        guard let f = digits.first, f.isNumber else { return nil }
        if digits.count > 1 && digits.hasPrefix("0") && digits.dropFirst().first?.isNumber == true { return nil }
        if let v = Int64(clean) { return .integer(v) }
        if clean.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let d = Double(clean) { return .float(d) }
        return nil
    }

    static func isDateTime(_ tok: String) -> Bool {
        let b = Array(tok.utf8)
        func digit(_ k: Int) -> Bool { k < b.count && b[k] >= 0x30 && b[k] <= 0x39 }
        if b.count >= 10, digit(0), digit(3), b[4] == UInt8(ascii: "-"), digit(5), b[7] == UInt8(ascii: "-"), digit(9) { return true }
        if b.count >= 8, digit(0), digit(1), b[2] == UInt8(ascii: ":"), digit(3), b[5] == UInt8(ascii: ":") { return true }
        return false
    }
}
