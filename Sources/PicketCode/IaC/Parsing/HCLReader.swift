/// A small HCL reader: enough of HashiCorp's configuration language to see blocks, attributes and literal
/// values (Terraform `variable`/`locals`/`module` blocks and `.tfvars` files) with their lines. It tokenizes
/// bytes (comments, quoted templates with `${…}`/`%{…}`, heredocs, brackets) and never evaluates anything;
/// any expression that is not a plain literal or an object literal is kept as `.other`.
struct HCLReader {
    enum Expr: Equatable {
        /// A quoted string or heredoc; `interpolated` when it contains `${…}` or `%{…}`.
        case string(String, interpolated: Bool)
        /// A bare literal or reference of one token (`true`, `42`, `var.x` is `.other`).
        case literal(String)
        case object([Attribute])
        case other
    }

    struct Attribute: Equatable {
        var name: String
        var value: Expr
        var line: Int
        var column: Int
    }

    struct Block: Equatable {
        var type: String
        var labels: [String]
        var attributes: [Attribute]
        var blocks: [Block]
        var line: Int
    }

    struct Body: Equatable {
        var attributes: [Attribute] = []
        var blocks: [Block] = []
    }

    enum Token: Equatable {
        case ident(String)
        case string(String, interpolated: Bool)
        case number(String)
        case punct(UInt8)
        case newline
        case other
    }

    struct Located: Equatable {
        var token: Token
        var line: Int
        var column: Int
    }

    // MARK: tokenizer

    static func tokenize(_ b: [UInt8]) -> [Located] {
        var out: [Located] = []
        var i = 0, line = 1, lineStart = 0
        func col(_ at: Int) -> Int { at - lineStart + 1 }
        while i < b.count {
            let c = b[i]
            switch c {
            case 0x0A:
                out.append(Located(token: .newline, line: line, column: col(i)))
                i += 1; line += 1; lineStart = i
            case 0x20, 0x09, 0x0D:
                i += 1
            case UInt8(ascii: "#"):
                while i < b.count && b[i] != 0x0A { i += 1 }
            case UInt8(ascii: "/") where i + 1 < b.count && b[i + 1] == UInt8(ascii: "/"):
                while i < b.count && b[i] != 0x0A { i += 1 }
            case UInt8(ascii: "/") where i + 1 < b.count && b[i + 1] == UInt8(ascii: "*"):
                i += 2
                while i + 1 < b.count && !(b[i] == UInt8(ascii: "*") && b[i + 1] == UInt8(ascii: "/")) {
                    if b[i] == 0x0A { line += 1; lineStart = i + 1 }
                    i += 1
                }
                i = min(b.count, i + 2)
            case UInt8(ascii: "\""):
                let (l, c0) = (line, col(i))
                let (value, interp, next, lines, ls) = readString(b, from: i + 1)
                out.append(Located(token: .string(value, interpolated: interp), line: l, column: c0))
                i = next
                if lines > 0 { line += lines; lineStart = ls }
            case UInt8(ascii: "<") where i + 1 < b.count && b[i + 1] == UInt8(ascii: "<"):
                let (l, c0) = (line, col(i))
                if let (value, interp, next, lines, ls) = readHeredoc(b, from: i + 2) {
                    out.append(Located(token: .string(value, interpolated: interp), line: l, column: c0))
                    i = next
                    line += lines; lineStart = ls
                } else {
                    out.append(Located(token: .other, line: l, column: c0))
                    i += 2
                }
            case _ where isIdentStart(c):
                let s = i
                while i < b.count && isIdentPart(b[i]) { i += 1 }
                out.append(Located(token: .ident(String(decoding: b[s..<i], as: UTF8.self)), line: line, column: col(s)))
            case _ where c >= 0x30 && c <= 0x39:
                let s = i
                while i < b.count && (isIdentPart(b[i]) || b[i] == UInt8(ascii: ".")) { i += 1 }
                out.append(Located(token: .number(String(decoding: b[s..<i], as: UTF8.self)), line: line, column: col(s)))
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("),
                 UInt8(ascii: ")"), UInt8(ascii: "="), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "."):
                // `==` is an operator, not an assignment.
                if c == UInt8(ascii: "=") && i + 1 < b.count && (b[i + 1] == UInt8(ascii: "=") || b[i + 1] == UInt8(ascii: ">")) {
                    out.append(Located(token: .other, line: line, column: col(i)))
                    i += 2
                } else {
                    out.append(Located(token: .punct(c), line: line, column: col(i)))
                    i += 1
                }
            default:
                out.append(Located(token: .other, line: line, column: col(i)))
                i += 1
            }
        }
        return out
    }

    static func isIdentStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "_") || c >= 0x80
    }

    static func isIdentPart(_ c: UInt8) -> Bool { isIdentStart(c) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") }

    /// Reads a quoted template after its opening quote. Returns the literal text (escapes resolved, template
    /// parts kept verbatim), whether it had `${`/`%{`, the index after the closing quote, newlines crossed and
    /// the start of the last line.
    private static func readString(_ b: [UInt8], from start: Int) -> (String, Bool, Int, Int, Int) {
        var out: [UInt8] = []
        var i = start, interp = false, lines = 0, lineStart = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") { return (String(decoding: out, as: UTF8.self), interp, i + 1, lines, lineStart) }
            if c == 0x0A { lines += 1; lineStart = i + 1 } // unterminated on this line; HCL forbids it, keep going safely
            if c == UInt8(ascii: "\\") && i + 1 < b.count {
                let n = b[i + 1]
                switch n {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                default: out.append(n)
                }
                i += 2
                continue
            }
            if (c == UInt8(ascii: "$") || c == UInt8(ascii: "%")) && i + 1 < b.count && b[i + 1] == UInt8(ascii: "{") {
                // `$${` and `%%{` are escapes for a literal sequence.
                if i > start && b[i - 1] == c { out.append(c); i += 1; continue }
                interp = true
                var depth = 0, j = i + 1
                while j < b.count {
                    if b[j] == UInt8(ascii: "{") { depth += 1 }
                    else if b[j] == UInt8(ascii: "}") { depth -= 1; if depth == 0 { break } }
                    else if b[j] == 0x0A { lines += 1; lineStart = j + 1 }
                    j += 1
                }
                out.append(contentsOf: b[i..<min(b.count, j + 1)])
                i = j + 1
                continue
            }
            out.append(c)
            i += 1
        }
        return (String(decoding: out, as: UTF8.self), interp, b.count, lines, lineStart)
    }

    /// `<<EOF` / `<<-EOF` heredoc after the `<<`.
    private static func readHeredoc(_ b: [UInt8], from start: Int) -> (String, Bool, Int, Int, Int)? {
        var i = start
        if i < b.count && b[i] == UInt8(ascii: "-") { i += 1 }
        let ms = i
        while i < b.count && isIdentPart(b[i]) { i += 1 }
        guard i > ms else { return nil }
        let marker = Array(b[ms..<i])
        while i < b.count && b[i] != 0x0A { i += 1 }
        guard i < b.count else { return nil }
        i += 1
        var lines = 1, lineStart = i
        var body: [UInt8] = []
        while i < b.count {
            var e = i
            while e < b.count && b[e] != 0x0A { e += 1 }
            let lineBytes = Array(b[i..<e])
            let trimmed = lineBytes.drop(while: { $0 == 0x20 || $0 == 0x09 })
            if Array(trimmed) == marker || Array(trimmed) == marker + [0x0D] {
                let text = String(decoding: body, as: UTF8.self)
                return (text, text.contains("${") || text.contains("%{"), e, lines, lineStart)
            }
            body += lineBytes + [0x0A]
            i = e + 1
            lines += 1
            lineStart = i
        }
        return nil
    }

    // MARK: parser

    private var tokens: [Located]
    private var pos = 0
    private var depth = 0

    init(bytes: [UInt8]) { tokens = Self.tokenize(bytes) }

    static func parse(_ bytes: [UInt8]) -> Body {
        var r = HCLReader(bytes: bytes)
        return r.body(closing: false)
    }

    private var peek: Token? { pos < tokens.count ? tokens[pos].token : nil }

    private mutating func skipNewlines() {
        while pos < tokens.count, tokens[pos].token == .newline || tokens[pos].token == .punct(UInt8(ascii: ",")) { pos += 1 }
    }

    private mutating func body(closing: Bool) -> Body {
        var body = Body()
        depth += 1
        defer { depth -= 1 }
        while true {
            skipNewlines()
            guard pos < tokens.count else { return body }
            let t = tokens[pos]
            if t.token == .punct(UInt8(ascii: "}")) {
                if closing { pos += 1; return body }
                pos += 1 // stray brace at top level
                continue
            }
            guard case .ident(let name) = t.token, depth < 64 else {
                skipLine()
                continue
            }
            pos += 1
            if peek == .punct(UInt8(ascii: "=")) || peek == .punct(UInt8(ascii: ":")) {
                pos += 1
                body.attributes.append(Attribute(name: name, value: expression(), line: t.line, column: t.column))
                continue
            }
            var labels: [String] = []
            while let p = peek {
                if case .string(let s, _) = p { labels.append(s); pos += 1 }
                else if case .ident(let s) = p { labels.append(s); pos += 1 }
                else { break }
            }
            if peek == .punct(UInt8(ascii: "{")) {
                pos += 1
                let inner = self.body(closing: true)
                body.blocks.append(Block(type: name, labels: labels, attributes: inner.attributes, blocks: inner.blocks, line: t.line))
            } else {
                skipLine()
            }
        }
    }

    private mutating func skipLine() {
        var d = 0
        while pos < tokens.count {
            let t = tokens[pos].token
            if t == .newline && d <= 0 { pos += 1; return }
            if t == .punct(UInt8(ascii: "{")) || t == .punct(UInt8(ascii: "[")) || t == .punct(UInt8(ascii: "(")) { d += 1 }
            if t == .punct(UInt8(ascii: "}")) || t == .punct(UInt8(ascii: "]")) || t == .punct(UInt8(ascii: ")")) {
                if d == 0 { return }
                d -= 1
            }
            pos += 1
        }
    }

    /// One expression up to the end of its line (or the enclosing `}`/`,`).
    private mutating func expression() -> Expr {
        while peek == .newline { pos += 1 }
        guard let first = peek else { return .other }
        let start = pos
        if first == .punct(UInt8(ascii: "{")) {
            pos += 1
            let inner = body(closing: true)
            if atExpressionEnd { return .object(inner.attributes) }
            skipLine()
            return .other
        }
        pos += 1
        if atExpressionEnd {
            switch first {
            case .string(let s, let interp): return .string(s, interpolated: interp)
            case .ident(let s), .number(let s): return .literal(s)
            default: break
            }
        }
        pos = start
        skipLine()
        return .other
    }

    private var atExpressionEnd: Bool {
        guard let p = peek else { return true }
        return p == .newline || p == .punct(UInt8(ascii: "}")) || p == .punct(UInt8(ascii: ","))
    }
}
