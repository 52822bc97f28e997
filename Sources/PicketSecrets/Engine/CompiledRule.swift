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
    /// Tagged `generic`: recognised by a variable name, not a format; yields to any other rule on the same value.
    let isGeneric: Bool

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
        if let name = rule.checksum {
            guard let v = ChecksumValidators.named(name) else {
                throw PicketError.input(file: rule.origin, message: "rule '\(rule.id)': unknown checksum '\(name)'; known: \(ChecksumValidators.all.map(\.name).joined(separator: ", "))")
            }
            validator = v
        } else {
            validator = nil
        }
    }

    var hasPathAllowlist: Bool { !allowPaths.isEmpty || !allowPathPatterns.isEmpty }

    /// True when the rule's path allowlist covers `path`; `matcher` belongs to the calling thread.
    func allowsPath(_ path: String, matcher: PCRE2Matcher) -> Bool {
        allowPaths.matches(path) || allowPathPatterns.contains { matcher.matches($0, in: path) }
    }
}
