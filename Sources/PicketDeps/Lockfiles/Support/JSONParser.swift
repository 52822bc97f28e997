import Foundation

/// A byte-level JSON reader written for lockfiles. Foundation's `JSONSerialization` loses key order and
/// positions, rejects the JSONC that `bun.lock` uses, and recurses without a bound (a file of a million `[`
/// crashes the process); this one records the line of every key, optionally accepts comments and trailing
/// commas, bounds nesting, and reports errors with a line and column.
public struct JSONParser {
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "line \(line), column \(column): \(message)" }
    }

    public struct Options: Sendable {
        /// Accept `//` and `/* */` comments and trailing commas (JSONC, as in `bun.lock`).
        public var jsonc = false
        public var maxDepth = 256
        public init(jsonc: Bool = false, maxDepth: Int = 256) {
            self.jsonc = jsonc
            self.maxDepth = maxDepth
        }
    }

    public static func parse(_ data: Data, options: Options = Options()) throws -> JSONValue {
        try data.withUnsafeBytes { raw in
            var p = Reader(bytes: raw.bindMemory(to: UInt8.self), options: options)
            return try p.document()
        }
    }

    public static func parse(_ text: String, options: Options = Options()) throws -> JSONValue {
        try parse(Data(text.utf8), options: options)
    }

    private struct Reader {
        let s: UnsafeBufferPointer<UInt8>
        let options: Options
        var i = 0
        var line = 1
        var lineStart = 0

        init(bytes: UnsafeBufferPointer<UInt8>, options: Options) {
            s = bytes
            self.options = options
            // A UTF-8 byte order mark is allowed before the document.
            if s.count >= 3, s[0] == 0xEF, s[1] == 0xBB, s[2] == 0xBF { i = 3 }
        }

        func fail(_ message: String) -> ParseError {
            ParseError(line: line, column: i - lineStart + 1, message: message)
        }

        mutating func document() throws -> JSONValue {
            try skipSpace()
            guard i < s.count else { throw fail("empty document") }
            let v = try value(depth: 0)
            try skipSpace()
            if i < s.count { throw fail("unexpected \(describe(s[i])) after the top-level value") }
            return v
        }

        func describe(_ c: UInt8) -> String {
            if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
            return String(format: "byte 0x%02X", c)
        }

        mutating func skipSpace() throws {
            while i < s.count {
                let c = s[i]
                if c == 0x20 || c == 0x09 || c == 0x0D { i += 1; continue }
                if c == 0x0A { i += 1; line += 1; lineStart = i; continue }
                if c == UInt8(ascii: "/") && options.jsonc && i + 1 < s.count {
                    if s[i + 1] == UInt8(ascii: "/") {
                        while i < s.count && s[i] != 0x0A { i += 1 }
                        continue
                    }
                    if s[i + 1] == UInt8(ascii: "*") {
                        i += 2
                        while true {
                            guard i + 1 < s.count else { throw fail("unterminated comment") }
                            if s[i] == UInt8(ascii: "*") && s[i + 1] == UInt8(ascii: "/") { i += 2; break }
                            if s[i] == 0x0A { line += 1; lineStart = i + 1 }
                            i += 1
                        }
                        continue
                    }
                }
                return
            }
        }

        mutating func value(depth: Int) throws -> JSONValue {
            guard i < s.count else { throw fail("unexpected end of file (truncated?)") }
            switch s[i] {
            case UInt8(ascii: "{"): return try objectValue(depth: depth + 1)
            case UInt8(ascii: "["): return try arrayValue(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            default: throw fail("unexpected \(describe(s[i])); expected a value")
            }
        }

        mutating func literal(_ word: StaticString) throws {
            let n = word.utf8CodeUnitCount
            guard i + n <= s.count else { throw fail("unexpected end of file (truncated?)") }
            let w = word.utf8Start
            for k in 0..<n where s[i + k] != w[k] { throw fail("invalid literal; expected '\(word)'") }
            i += n
        }

        mutating func number() throws -> String {
            let start = i
            if s[i] == UInt8(ascii: "-") { i += 1 }
            var digits = 0
            while i < s.count, isNumberByte(s[i]) { i += 1; digits += 1 }
            guard digits > 0 else { throw fail("invalid number") }
            return String(decoding: UnsafeBufferPointer(rebasing: s[start..<i]), as: UTF8.self)
        }

        func isNumberByte(_ c: UInt8) -> Bool {
            (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: ".") || c == UInt8(ascii: "e")
                || c == UInt8(ascii: "E") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
        }

        mutating func objectValue(depth: Int) throws -> JSONValue {
            guard depth <= options.maxDepth else { throw fail("nesting deeper than \(options.maxDepth) levels") }
            let openLine = line
            i += 1
            var members: [JSONObject.Member] = []
            try skipSpace()
            if i < s.count && s[i] == UInt8(ascii: "}") { i += 1; return .object(JSONObject(members: [], line: openLine)) }
            while true {
                try skipSpace()
                guard i < s.count else { throw fail("unexpected end of file inside an object (truncated?)") }
                if options.jsonc && s[i] == UInt8(ascii: "}") && !members.isEmpty { i += 1; break }
                guard s[i] == UInt8(ascii: "\"") else { throw fail("unexpected \(describe(s[i])); expected a quoted key") }
                let keyLine = line
                let key = try string()
                try skipSpace()
                guard i < s.count else { throw fail("unexpected end of file after a key (truncated?)") }
                guard s[i] == UInt8(ascii: ":") else { throw fail("unexpected \(describe(s[i])); expected ':' after key \"\(key.prefix(80))\"") }
                i += 1
                try skipSpace()
                let v = try value(depth: depth)
                members.append(JSONObject.Member(key: key, value: v, line: keyLine))
                try skipSpace()
                guard i < s.count else { throw fail("unexpected end of file inside an object (truncated?)") }
                if s[i] == UInt8(ascii: ",") { i += 1; continue }
                if s[i] == UInt8(ascii: "}") { i += 1; break }
                throw fail("unexpected \(describe(s[i])); expected ',' or '}'")
            }
            return .object(JSONObject(members: members, line: openLine))
        }

        mutating func arrayValue(depth: Int) throws -> JSONValue {
            guard depth <= options.maxDepth else { throw fail("nesting deeper than \(options.maxDepth) levels") }
            let openLine = line
            i += 1
            var items: [JSONValue] = []
            try skipSpace()
            if i < s.count && s[i] == UInt8(ascii: "]") { i += 1; return .array([], line: openLine) }
            while true {
                try skipSpace()
                guard i < s.count else { throw fail("unexpected end of file inside an array (truncated?)") }
                if options.jsonc && s[i] == UInt8(ascii: "]") && !items.isEmpty { i += 1; break }
                items.append(try value(depth: depth))
                try skipSpace()
                guard i < s.count else { throw fail("unexpected end of file inside an array (truncated?)") }
                if s[i] == UInt8(ascii: ",") { i += 1; continue }
                if s[i] == UInt8(ascii: "]") { i += 1; break }
                throw fail("unexpected \(describe(s[i])); expected ',' or ']'")
            }
            return .array(items, line: openLine)
        }

        mutating func string() throws -> String {
            i += 1
            let start = i
            // Fast path: no escapes.
            while i < s.count {
                let c = s[i]
                if c == UInt8(ascii: "\"") {
                    let str = String(decoding: UnsafeBufferPointer(rebasing: s[start..<i]), as: UTF8.self)
                    i += 1
                    return str
                }
                if c == UInt8(ascii: "\\") { break }
                if c == 0x0A { throw fail("line break inside a string (unterminated string?)") }
                i += 1
            }
            guard i < s.count else { throw fail("unterminated string (truncated?)") }
            var out = [UInt8](UnsafeBufferPointer(rebasing: s[start..<i]))
            while i < s.count {
                let c = s[i]
                if c == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
                if c == 0x0A { throw fail("line break inside a string (unterminated string?)") }
                if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
                i += 1
                guard i < s.count else { break }
                let e = s[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800 && scalar < 0xDC00, i + 1 < s.count, s[i] == UInt8(ascii: "\\"), s[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        if low >= 0xDC00 && low < 0xE000 {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            scalar = 0xFFFD
                        }
                    }
                    let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string")
                }
            }
            throw fail("unterminated string (truncated?)")
        }

        mutating func hex4() throws -> UInt32 {
            guard i + 4 <= s.count else { throw fail("truncated \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = s[i]
                let d: UInt32
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
                default: throw fail("invalid \\u escape")
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }
    }
}
