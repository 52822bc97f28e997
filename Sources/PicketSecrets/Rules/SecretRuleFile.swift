import Foundation
import PicketCore

/// Reads rules written in Picket's YAML rule format: the built-in pack's files and the `secrets.rules` list of a
/// `.picket.yml` share one schema, so a team's custom rule looks exactly like a built-in one.
///
/// ```yaml
/// rules:
///   - id: gitlab-pat
///     title: GitLab personal access token
///     severity: critical
///     pattern: '\b(glpat-[0-9A-Za-z_-]{20})\b'
///     entropy: 3.0
///     examples:
///       positive: ['GITLAB_TOKEN=glpat-...']
///       negative: ['glpat-xxxxxxxxxxxxxxxxxxxx']
/// ```
public enum SecretRuleFile {
    static let ruleKeys: Set<String> = ["id", "title", "description", "severity", "confidence", "pattern", "secret-group",
                                        "entropy", "checksum", "multiline", "keywords", "allow", "examples", "tags", "references"]

    /// Parses a whole rule file: `rules:` plus an optional file-wide `allow:`.
    public static func parse(yaml: String, file: String) throws -> (rules: [SecretRule], allow: RuleAllowlist) {
        let root = try ConfigReader.parse(yaml: yaml, file: file)
        try root.checkKeys(["rules", "allow", "family"])
        let rules = try parseRules(try root.optional("rules"))
        let allow = try root.optional("allow").map(parseAllowlist) ?? RuleAllowlist()
        return (rules, allow)
    }

    /// Parses a list of rules (a rule file's `rules:` or `.picket.yml`'s `secrets.rules:`).
    public static func parseRules(_ list: ConfigReader?) throws -> [SecretRule] {
        guard let list else { return [] }
        var seen = Set<String>()
        return try list.sequence().map { item in
            let rule = try parseRule(item)
            guard seen.insert(rule.id).inserted else { throw item.error("duplicate rule id '\(rule.id)'") }
            return rule
        }
    }

    static func parseRule(_ r: ConfigReader) throws -> SecretRule {
        try r.checkKeys(ruleKeys)
        let idReader = try r.require("id")
        let id = try idReader.string()
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
            throw idReader.error("rule ids use letters, digits, '-', '_' and '.'")
        }
        var group: Int?
        if let g = try r.optional("secret-group") { group = try g.int() }
        var examples = RuleExamples()
        if let ex = try r.optional("examples") {
            try ex.checkKeys(["positive", "negative"])
            examples.positive = try ex.optional("positive")?.strings() ?? []
            examples.negative = try ex.optional("negative")?.strings() ?? []
        }
        let entropy = try r.optional("entropy")?.double()
        if let entropy, !(0...8).contains(entropy) { throw try r.require("entropy").error("entropy is in bits per byte, 0 to 8") }
        return SecretRule(
            id: id,
            title: try r.require("title").string(),
            description: try r.optional("description")?.string(),
            severity: try r.optional("severity")?.severity() ?? .high,
            confidence: try r.optional("confidence").map { c -> Confidence in
                let s = try c.string()
                guard let v = Confidence(rawValue: s.lowercased()) else { throw c.error("expected low, medium or high") }
                return v
            } ?? .high,
            pattern: try r.require("pattern").string(),
            secretGroup: group,
            minEntropy: entropy,
            checksum: try r.optional("checksum")?.string(),
            multiline: try r.optional("multiline")?.bool() ?? false,
            keywords: (try r.optional("keywords")?.strings() ?? []).map { $0.lowercased() },
            allow: try r.optional("allow").map(parseAllowlist) ?? RuleAllowlist(),
            examples: examples,
            tags: try r.optional("tags")?.strings() ?? [],
            references: try r.optional("references")?.strings() ?? [],
            origin: "\(r.file):\(r.value.line)"
        )
    }

    static func parseAllowlist(_ a: ConfigReader) throws -> RuleAllowlist {
        try a.checkKeys(["values", "stopwords", "paths", "lines", "path-patterns"])
        return RuleAllowlist(values: try a.optional("values")?.strings() ?? [],
                             stopwords: try a.optional("stopwords")?.strings() ?? [],
                             paths: try a.optional("paths")?.strings() ?? [],
                             lines: try a.optional("lines")?.strings() ?? [],
                             pathPatterns: try a.optional("path-patterns")?.strings() ?? [])
    }
}
