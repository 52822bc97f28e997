import Testing
@testable import PicketSecrets

/// Rules that open with a character class (no literal for Vectorscan to anchor on) cost every scan more than
/// all other rules together; such a rule must be gated by keywords. Checked on the pattern's shape, not timed.
@Suite struct RulePackCostTests {
    static func opensWithClass(_ pattern: String) -> Bool {
        var p = Substring(pattern)
        if p.hasPrefix("\\b") { p = p.dropFirst(2) }
        while p.hasPrefix("(") && !p.hasPrefix("(?") { p = p.dropFirst() }
        return p.hasPrefix("(?:^|[") || p.hasPrefix("[") || p.hasPrefix("\\d") || p.hasPrefix("\\w") || p.hasPrefix(".")
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
                      ("\\b(ghp_[0-9A-Za-z]{36})\\b", false), ("(?i)(?:okta)[\\w.-]{0,16}", false)])
    func shapeCheck(pattern: String, expected: Bool) { #expect(Self.opensWithClass(pattern) == expected) }
}
