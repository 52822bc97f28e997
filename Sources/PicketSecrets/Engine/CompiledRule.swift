import PicketCore
import PicketRegex

/// A rule ready to run: its PCRE2 pattern compiled, its group resolved, its allowlist compiled.
final class CompiledRule: Sendable {
    let rule: SecretRule
    let regex: PCRE2Pattern
    let group: Int
    let allowValues: [PCRE2Pattern]
    let allowLines: [PCRE2Pattern]
    let allowPaths: GlobSet
    let allowPathPatterns: [PCRE2Pattern]
    let stopwords: [[UInt8]]
    let validator: (any ChecksumValidator)?
    let keywords: [[UInt8]]
    /// Tagged `generic`: recognised by a variable name or container, not a format; yields to any other rule on the
    /// same value, and to a more confident generic rule.
    let isGeneric: Bool
    /// Order among rules reporting the same value: provider rules first, then generic rules by confidence.
    let precedence: Int

    init(_ rule: SecretRule) throws {
        self.rule = rule
        func compile(_ p: String, _ what: String) throws -> PCRE2Pattern {
            do { return try PCRE2Pattern(p, options: [.multiline]) } catch {
                throw PicketError.input(file: rule.origin, message: "rule '\(rule.id)': \(what) \(error)")
            }
        }
        regex = try compile(rule.pattern, "pattern:")
        if let g = rule.secretGroup {
            guard g >= 0, g <= regex.captureCount else {
                throw PicketError.input(file: rule.origin, message: "rule '\(rule.id)': secret-group \(g) but the pattern has \(regex.captureCount) groups")
            }
            group = g
        } else {
            group = regex.groupNumber(named: "secret") ?? (regex.captureCount >= 1 ? 1 : 0)
        }
        allowValues = try rule.allow.values.map { try compile($0, "allow value") }
        allowLines = try rule.allow.lines.map { try compile($0, "allow line") }
        allowPaths = GlobSet(rule.allow.paths)
        allowPathPatterns = try rule.allow.pathPatterns.map { try compile($0, "allow path pattern") }
        stopwords = rule.allow.stopwords.map { Array($0.lowercased().utf8) }
        keywords = rule.keywords.map { Array($0.utf8) }
        isGeneric = rule.tags.contains("generic")
        precedence = isGeneric ? 1 + Confidence.allCases.count - (Confidence.allCases.firstIndex(of: rule.confidence) ?? 0) : 0
        if let name = rule.checksum {
            guard let v = ChecksumValidators.named(name) else {
                throw PicketError.input(file: rule.origin, message: "rule '\(rule.id)': unknown checksum '\(name)'; known: \(ChecksumValidators.all.map(\.name).joined(separator: ", "))")
            }
            validator = v
        } else {
            validator = nil
        }
    }

    /// The literal a provider's token starts with (`ghp_`, `glpat-`, `xoxb-`, `AKIA`), read off the pattern:
    /// a value with that prefix is that provider's, judged by its rule alone (checksum included), never by a
    /// generic rule. Nil when the pattern does not open with a distinctive literal.
    var providerPrefix: [UInt8]? {
        guard !isGeneric else { return nil }
        var p = Substring(rule.pattern)
        if p.hasPrefix("\\b") {
            p = p.dropFirst(2)
        } else if p.hasPrefix("(?:^|[^"), let close = p.range(of: "])") {
            // The pack's "not inside a word or base64 run" opener: `(?:^|[^A-Za-z0-9+/])`.
            p = p[close.upperBound...]
        }
        while p.hasPrefix("(") && !p.hasPrefix("(?") { p = p.dropFirst() }
        var out: [UInt8] = []
        var i = p.startIndex
        while i < p.endIndex {
            let c = p[i]
            if c.isLetter || c.isNumber || c == "_" || c == "-" {
                guard let a = c.asciiValue else { break }
                out.append(a)
            } else if c == "\\", p.index(after: i) < p.endIndex, [".", "-", "_"].contains(p[p.index(after: i)]) {
                i = p.index(after: i)
                out.append(p[i].asciiValue!)
            } else {
                break
            }
            i = p.index(after: i)
        }
        // A quantifier right after the literal makes its last character optional or repeated: drop it.
        if i < p.endIndex, ["?", "*", "{"].contains(p[i]), !out.isEmpty { out.removeLast() }
        let distinctive = out.contains { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
            || (out.count >= 4 && out.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) })
        return out.count >= 3 && distinctive ? out : nil
    }

    var hasPathAllowlist: Bool { !allowPaths.isEmpty || !allowPathPatterns.isEmpty }

    /// True when the rule's path allowlist covers `path`; `matcher` belongs to the calling thread.
    func allowsPath(_ path: String, matcher: PCRE2Matcher) -> Bool {
        allowPaths.matches(path) || allowPathPatterns.contains { matcher.matches($0, in: path) }
    }
}
