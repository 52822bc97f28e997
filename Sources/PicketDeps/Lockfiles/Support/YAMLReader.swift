import Foundation
import Yams

/// Reads a YAML lockfile into a `JSONValue` tree (mapping keys keep their lines) with the same defences as
/// `ConfigReader`: bounded nesting and a node budget that counts alias expansions, so a "billion laughs"
/// document is an error instead of an out-of-memory kill. Unlike configuration, lockfiles are large, so the
/// budget scales with the file size (a document without aliases has fewer nodes than bytes).
public enum YAMLReader {
    public static let maxDepth = 256

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var line: Int?
        public var message: String
        public var description: String { line.map { "line \($0): \(message)" } ?? message }
    }

    /// Parses the first document. Scalars become strings, except plain `null`/`~`/empty (→ null) and plain
    /// `true`/`false` (→ bool); tags are not resolved (faster, and lockfiles never need them).
    public static func parse(_ data: Data) throws -> JSONValue {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ParseError(line: nil, message: "not valid UTF-8")
        }
        return try parse(text, byteCount: data.count)
    }

    public static func parse(_ text: String, byteCount: Int? = nil, fastPath: Bool = true) throws -> JSONValue {
        // Yams composes recursively: refuse pathological nesting before it can exhaust the stack.
        try checkNesting(text)
        // Plain block YAML (what lockfile writers emit) takes the fast reader; anything else goes to Yams.
        if fastPath, let v = BlockYAMLReader.parse(text) { return v }
        let node: Node?
        do {
            var docs = try Yams.compose_all(yaml: text, .basic).makeIterator()
            node = docs.next()
            if let error = docs.error { throw error }
        } catch let e as YamlError {
            throw ParseError(line: errorLine(e), message: "invalid YAML: \(summary(e))")
        } catch let e as ParseError {
            throw e
        } catch {
            throw ParseError(line: nil, message: "invalid YAML: \(error)")
        }
        guard let node else { return .null }
        var budget = max(100_000, (byteCount ?? text.utf8.count) * 2)
        return try convert(node, depth: 0, budget: &budget)
    }

    /// Deepest flow nesting (`[[[[`, `{{{{`) and indentation allowed; real lockfiles stay far below.
    /// Brackets are counted everywhere, quotes and comments included: a scanner that tried to skip strings
    /// could be steered by text that YAML reads differently, and unbalanced brackets in strings are rare.
    static let maxFlowDepth = 128
    static let maxIndent = 512

    static func checkNesting(_ text: String) throws {
        var line = 1
        var flow = 0
        var indent = 0
        var atLineStart = true
        for c in text.utf8 {
            switch c {
            case 0x0A:
                line += 1
                atLineStart = true
                indent = 0
                continue
            case 0x20 where atLineStart:
                indent += 1
                if indent > maxIndent { throw ParseError(line: line, message: "indentation deeper than \(maxIndent) columns") }
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flow += 1
                if flow > maxFlowDepth { throw ParseError(line: line, message: "flow collections nested deeper than \(maxFlowDepth) levels") }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if flow > 0 { flow -= 1 }
            default: break
            }
            atLineStart = false
        }
    }

    private static func convert(_ node: Node, depth: Int, budget: inout Int) throws -> JSONValue {
        budget -= 1
        let line = node.mark?.line ?? 1
        if budget < 0 {
            throw ParseError(line: line, message: "document expands to too many values (an alias bomb?); refusing to read it")
        }
        if depth > maxDepth { throw ParseError(line: line, message: "nesting deeper than \(maxDepth) levels") }
        switch node {
        case .scalar(let s):
            if s.style == .plain {
                switch s.string {
                case "", "~", "null", "Null", "NULL": return .null
                case "true", "True", "TRUE": return .bool(true)
                case "false", "False", "FALSE": return .bool(false)
                default: break
                }
            }
            return .string(s.string)
        case .sequence(let seq):
            var items: [JSONValue] = []
            items.reserveCapacity(seq.count)
            for n in seq { items.append(try convert(n, depth: depth + 1, budget: &budget)) }
            return .array(items, line: line)
        case .mapping(let map):
            var members: [JSONObject.Member] = []
            members.reserveCapacity(map.count)
            for (k, v) in map {
                budget -= 1
                let key: String
                switch k {
                case .scalar(let ks): key = ks.string
                default: throw ParseError(line: k.mark?.line ?? line, message: "mapping keys must be scalars")
                }
                members.append(JSONObject.Member(key: key, value: try convert(v, depth: depth + 1, budget: &budget),
                                                 line: k.mark?.line ?? line))
            }
            return .object(JSONObject(members: members, line: line))
        case .alias(let alias):
            throw ParseError(line: line, message: "unresolved alias '\(alias.anchor.rawValue)'")
        }
    }

    private static func errorLine(_ e: YamlError) -> Int? {
        switch e {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        default: return nil
        }
    }

    private static func summary(_ e: YamlError) -> String {
        switch e {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicate key \(duplicates.joined(separator: ", "))"
        default:
            return "\(e)"
        }
    }
}
