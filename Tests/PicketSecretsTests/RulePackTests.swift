import Foundation
import PicketCore
import Testing
@testable import PicketSecrets

/// The built-in rule pack, rule by rule: it loads, every rule carries examples, every positive example is found by
/// the real engine as a finding of that rule, and no negative example is.
@Suite struct RulePackTests {
    /// One example of one rule; the description names the rule so a failure says which one.
    struct Example: Sendable, CustomTestStringConvertible {
        let rule: String
        let index: Int
        let text: String
        var testDescription: String { "\(rule) example \(index + 1)" }
    }

    static let pack: SecretRuleSet = (try? SecretRuleSet.builtIn()) ?? SecretRuleSet(rules: [])
    static let positives: [Example] = pack.rules.flatMap { r in
        r.examples.positive.enumerated().map { Example(rule: r.id, index: $0.offset, text: $0.element) }
    }
    static let negatives: [Example] = pack.rules.flatMap { r in
        r.examples.negative.enumerated().map { Example(rule: r.id, index: $0.offset, text: $0.element) }
    }

    /// Every GitLab token prefix and the rule id that must cover it.
    static let gitlabPrefixes: [(prefix: String, sample: String)] = [
        ("glpat-", "glpat-"), ("gldt-", "gldt-"), ("glrt-", "glrt-"), ("glrtr-", "glrtr-"), ("GR1348941", "GR1348941"),
        ("glcbt-", "glcbt-"), ("glptt-", "glptt-"), ("glft-", "glft-"), ("glimt-", "glimt-"), ("glagent-", "glagent-"),
        ("glwt-", "glwt-"), ("glsoat-", "glsoat-"), ("glffct-", "glffct-"), ("gloas-", "gloas-"), ("_gitlab_session", "_gitlab_session="),
    ]

    @Test func packLoadsWithEnoughUniqueRules() throws {
        let set = try SecretRuleSet.builtIn()
        #expect(set.rules.count >= 220, "the built-in pack has \(set.rules.count) rules")
        var seen = Set<String>()
        let duplicates = set.rules.map(\.id).filter { !seen.insert($0).inserted }
        #expect(duplicates.isEmpty, "duplicate rule ids: \(duplicates)")
    }

    @Test func everyRuleCarriesExamplesAndMetadata() throws {
        for r in try SecretRuleSet.builtIn().rules {
            #expect(r.examples.positive.count >= 2, "\(r.id) needs at least 2 positive examples")
            #expect(r.examples.negative.count >= 2, "\(r.id) needs at least 2 negative examples")
            #expect(!r.references.isEmpty, "\(r.id) names no reference for its format")
            #expect(!r.tags.isEmpty, "\(r.id) has no tags")
        }
    }

    @Test func everyGitLabPrefixHasItsOwnRule() throws {
        let rules = try SecretRuleSet.builtIn().rules.filter { $0.tags.contains("gitlab") }
        for (prefix, sample) in Self.gitlabPrefixes {
            // A rule covers a prefix when one of its positive examples carries that prefix and the rule's pattern
            // spells it out, so a rule cannot claim a prefix only by accident.
            let covering = rules.filter { r in
                r.pattern.contains(prefix.replacingOccurrences(of: "-", with: "")) &&
                    r.examples.positive.contains { $0.contains(sample) }
            }
            #expect(!covering.isEmpty, "no GitLab rule covers the prefix \(prefix)")
        }
        let ids = Set(rules.map(\.id))
        for id in ["gitlab-pat", "gitlab-pat-routable", "gitlab-token-routable", "gitlab-session-cookie"] {
            #expect(ids.contains(id), "missing rule \(id)")
        }
    }

    @Test(arguments: positives)
    func positiveExampleIsFound(_ example: Example) throws {
        let found = try RuleHarness.ruleIDs(in: example.text)
        #expect(found.contains(example.rule), "no finding of \(example.rule) (found: \(found.sorted()))")
    }

    @Test(arguments: negatives)
    func negativeExampleIsNotFound(_ example: Example) throws {
        let found = try RuleHarness.ruleIDs(in: example.text)
        #expect(!found.contains(example.rule), "unexpected finding of \(example.rule)")
    }

    /// The whole pack goes into one Vectorscan database; a rule Vectorscan cannot hold even as a prefilter would
    /// run as a full PCRE2 pass over every file, which the pack must not need.
    @Test func packCompilesIntoOneVectorscanDatabase() throws {
        let set = try SecretRuleSet.builtIn()
        let engine = try SecretEngine.build(set, cacheDirectory: nil)
        #expect(engine.database != nil)
        let prefiltered = engine.prefiltered.sorted().map { engine.rules[$0].rule.id }
        let pcreOnly = engine.pcreOnly.map { engine.rules[$0].rule.id }
        print("rule pack: \(engine.rules.count) rules, \(prefiltered.count) compiled as Vectorscan prefilters \(prefiltered), \(pcreOnly.count) PCRE2-only \(pcreOnly)")
        #expect(pcreOnly.isEmpty, "rules only PCRE2 can run: \(pcreOnly)")
        // A prefilter costs a PCRE2 confirmation on every superset hit; the built-in pack compiles exactly.
        #expect(prefiltered.isEmpty, "rules Vectorscan compiles only as prefilters: \(prefiltered)")
    }
}

/// Runs text through the compiled built-in engine, as a scan of one file does.
enum RuleHarness {
    /// Compiled once for the whole test process: parallel tests share it.
    private static let shared = Result { try SecretEngine.build(try SecretRuleSet.builtIn(), cacheDirectory: nil) }

    static func engine() throws -> SecretEngine { try shared.get() }

    /// Ids of the rules with an active (not inline-allowed) finding in `text`.
    static func ruleIDs(in text: String) throws -> Set<String> {
        let engine = try engine()
        let worker = try EngineWorker(engine: engine)
        let bytes = Array(text.utf8)
        let candidates = bytes.withUnsafeBufferPointer { buf -> [SecretCandidate] in
            guard let base = buf.baseAddress else { return [] }
            return worker.scan(base, count: buf.count)
        }
        return Set(candidates.filter { !$0.inlineAllowed }.map { engine.rules[$0.rule].rule.id })
    }
}

/// The prefixes the engine reads off provider rules (generic rules leave values with these prefixes alone).
@Suite struct RulePackProviderPrefixTests {
    @Test func checksummedAndPrefixedProvidersAreRecognised() throws {
        let prefixes = Set(try RuleHarness.engine().providerPrefixes.map { String(decoding: $0, as: UTF8.self) })
        for p in ["ghp_", "gho_", "npm_", "glpat-", "gldt-", "xoxb-", "sk_live_", "dop_v1_", "hvs."] {
            #expect(prefixes.contains(p), "missing provider prefix \(p)")
        }
    }
}
