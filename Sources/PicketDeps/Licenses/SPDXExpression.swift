/// An SPDX licence expression (`MIT`, `(MIT OR Apache-2.0)`, `GPL-2.0-only WITH Classpath-exception-2.0 AND BSD-3-Clause`),
/// parsed with SPDX precedence: `WITH` binds tightest, then `AND`, then `OR`. Operators are accepted in any case
/// (lockfiles write `mit or apache-2.0` too). Text that is not an expression ("BSD style", "SEE LICENSE IN
/// LICENSE.md") is kept as one opaque licence so a policy can still name it.
public indirect enum SPDXExpression: Sendable, Hashable, CustomStringConvertible {
    /// One licence: its id as written (`GPL-2.0+`, `LicenseRef-acme`) and an optional exception.
    case license(id: String, exception: String?)
    case and(SPDXExpression, SPDXExpression)
    case or(SPDXExpression, SPDXExpression)

    public var description: String {
        switch self {
        case let .license(id, exception): exception.map { "\(id) WITH \($0)" } ?? id
        case let .and(l, r): "(\(l) AND \(r))"
        case let .or(l, r): "(\(l) OR \(r))"
        }
    }

    /// Every licence the expression names, left to right.
    public var licenses: [SPDXExpression] {
        switch self {
        case .license: [self]
        case let .and(l, r), let .or(l, r): l.licenses + r.licenses
        }
    }

    /// Parses `text`; text that is not a well-formed expression becomes one opaque `.license(id: text)`.
    public static func parse(_ text: String) -> SPDXExpression {
        let trimmed = text.trimmingSpaces
        var parser = Parser(tokens: tokenize(trimmed))
        if let e = parser.parseOr(), parser.atEnd { return e }
        return .license(id: trimmed, exception: nil)
    }

    enum Token: Equatable {
        case open, close, word(String)
    }

    static func tokenize(_ text: String) -> [Token] {
        var out: [Token] = []
        var word = ""
        func flush() {
            if !word.isEmpty { out.append(.word(word)); word = "" }
        }
        for ch in text {
            switch ch {
            case "(": flush(); out.append(.open)
            case ")": flush(); out.append(.close)
            case " ", "\t", "\n", "\r": flush()
            default: word.append(ch)
            }
        }
        flush()
        return out
    }

    struct Parser {
        var tokens: [Token]
        var i = 0

        var atEnd: Bool { i == tokens.count }

        func isOperator(_ t: Token?, _ name: String) -> Bool {
            if case .word(let w)? = t { return w.uppercased() == name }
            return false
        }

        var current: Token? { i < tokens.count ? tokens[i] : nil }

        mutating func parseOr() -> SPDXExpression? {
            guard var left = parseAnd() else { return nil }
            while isOperator(current, "OR") {
                i += 1
                guard let right = parseAnd() else { return nil }
                left = .or(left, right)
            }
            return left
        }

        mutating func parseAnd() -> SPDXExpression? {
            guard var left = parseWith() else { return nil }
            while isOperator(current, "AND") {
                i += 1
                guard let right = parseWith() else { return nil }
                left = .and(left, right)
            }
            return left
        }

        mutating func parseWith() -> SPDXExpression? {
            switch current {
            case .open?:
                i += 1
                guard let inner = parseOr(), current == .close else { return nil }
                i += 1
                return inner
            case .word(let id)?:
                guard Self.isID(id) else { return nil }
                i += 1
                if isOperator(current, "WITH") {
                    i += 1
                    guard case .word(let exc)? = current, Self.isID(exc) else { return nil }
                    i += 1
                    return .license(id: id, exception: exc)
                }
                return .license(id: id, exception: nil)
            default:
                return nil
            }
        }

        /// An SPDX id or `LicenseRef-`/`DocumentRef-` reference: letters, digits, `.`, `-`, `+` (only last), `:`.
        static func isID(_ w: String) -> Bool {
            guard let first = w.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first) else { return false }
            if ["AND", "OR", "WITH"].contains(w.uppercased()) { return false }
            let body = w.hasSuffix("+") ? w.dropLast() : Substring(w)
            return body.unicodeScalars.allSatisfy { s in
                (s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s))) || s == "." || s == "-" || s == ":"
            }
        }
    }
}
