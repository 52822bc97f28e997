import Testing
@testable import PicketSecrets

/// Rules that open with a character class (no literal for Vectorscan to anchor on) cost every scan more than
/// all other rules together; such a rule must be gated by keywords. Checked on the pattern's shape, not timed.
@Suite struct RulePackCostTests {
    /// True when the first thing the pattern requires, after a boundary opener such as `\b` or
    /// `(?:^|[^A-Za-z0-9+/])`, is a character class rather than a literal.
    static func opensWithClass(_ pattern: String) -> Bool {
        var p = Substring(pattern)
        if p.hasPrefix("\\b") { p = p.dropFirst(2) }
        if p.hasPrefix("(?:^|") { p = afterGroup(p) }
        while p.hasPrefix("(") && !p.hasPrefix("(?") { p = p.dropFirst() }
        return p.hasPrefix("[") || p.hasPrefix("\\d") || p.hasPrefix("\\w") || p.hasPrefix(".")
    }

    /// The text after the group that opens `p` (escapes and bracket classes skipped).
    static func afterGroup(_ p: Substring) -> Substring {
        var depth = 0, inClass = false
        var i = p.startIndex
        while i < p.endIndex {
            let c = p[i]
            if c == "\\" { i = p.index(i, offsetBy: 2, limitedBy: p.endIndex) ?? p.endIndex; continue }
            if inClass { if c == "]" { inClass = false } } else if c == "[" { inClass = true } else if c == "(" { depth += 1 } else if c == ")" {
                depth -= 1
                if depth == 0 { return p[p.index(after: i)...] }
            }
            i = p.index(after: i)
        }
        return p[p.endIndex...]
    }

    @Test func everyClassOpeningRuleIsGatedByKeywords() throws {
        let set = try SecretRuleSet.builtIn()
        let ungated = set.rules.filter { $0.keywords.isEmpty && !$0.multiline && Self.opensWithClass($0.pattern) }.map(\.id)
        #expect(ungated.isEmpty, "add keywords to: \(ungated)")
    }

    @Test func gatedRulesKeepTheirExamples() throws {
        // A keyword that does not occur in a positive example would hide that example from the engine.
        let set = try SecretRuleSet.builtIn()
        for rule in set.rules where !rule.keywords.isEmpty {
            for example in rule.examples.positive {
                #expect(rule.keywords.contains { example.lowercased().contains($0) }, "\(rule.id): no keyword in '\(example.prefix(60))'")
            }
        }
    }

    @Test(arguments: [("\\b([0-9a-f]{32}-us[0-9]{1,2})\\b", true), ("(?:^|[^A-Z])([A-Z]{4})", true),
                      ("(?:^|[^A-Za-z0-9+/])(glpat-[0-9A-Za-z_-]{20})", false), ("(?:^|[^0-9:/]|\\bbot)([0-9]{8,10}:AA)", true),
                      ("\\b(ghp_[0-9A-Za-z]{36})\\b", false), ("(?i)(?:okta)[\\w.-]{0,16}", false)])
    func shapeCheck(pattern: String, expected: Bool) { #expect(Self.opensWithClass(pattern) == expected) }
}
