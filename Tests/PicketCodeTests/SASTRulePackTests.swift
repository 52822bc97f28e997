import Foundation
import PicketCore
import Testing

/// Where the package lives at test time: this file is Tests/PicketCodeTests/SASTRulePackTests.swift.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let rulePack = packageRoot.appendingPathComponent("rules/sast")

/// The engine is prepared once for the whole run (venv creation must not race with itself).
private let sharedEngine = Task { try await SemgrepEngine.prepare(packageRoot: packageRoot) }

@Suite struct SASTRulePackStructureTests {
    @Test func packHasEnoughWellFormedRules() {
        let report = RulePackLinter(root: rulePack).lint()
        #expect(report.problems.isEmpty, "rule pack problems:\n\(report.problems.joined(separator: "\n"))")
        #expect(report.rules.count >= 120, "only \(report.rules.count) rules")
        let perLanguage = Dictionary(grouping: report.rules, by: \.language).mapValues(\.count)
        for language in RulePackLinter.languages.keys.sorted() {
            #expect((perLanguage[language] ?? 0) >= 12, "\(language) has \(perLanguage[language] ?? 0) rules, needs 12")
        }
        let categories = Set(report.rules.map(\.category))
        for required in ["injection", "xss", "path-traversal", "ssrf", "redirect", "deserialization", "crypto",
                         "secrets", "transport", "xxe", "config"] {
            #expect(categories.contains(required), "no rule in category \(required)")
        }
    }

    @Test func linterReportsEveryKindOfBrokenRule() throws {
        let dir = try TemporaryPack()
        defer { dir.remove() }
        let goodMeta = """
            metadata:
              cwe: ["CWE-95: Improper Neutralization of Directives in Dynamically Evaluated Code ('Eval Injection')"]
              owasp: ["A03:2021 - Injection"]
              confidence: HIGH
              likelihood: LOW
              impact: HIGH
              category: security
              subcategory: [vuln]
              fix: "Do not evaluate input."
              references: [https://cwe.mitre.org/data/definitions/95.html]
              technology: [python]
        """
        func rule(_ id: String, meta: String = goodMeta, extra: String = "") -> String {
            "rules:\n  - id: \(id)\n    languages: [python]\n    severity: ERROR\n    message: eval\n    pattern: eval(...)\n\(meta)\n\(extra)"
        }
        let fullTest = "# ruleid: ID\neval(a)\n# ruleid: ID\neval(b)\n# ok: ID\nprint(a)\n# ok: ID\nprint(b)\n"
        func test(_ id: String, _ text: String = fullTest) -> String { text.replacingOccurrences(of: "ID", with: id) }

        try dir.write("python/injection/good.yaml", rule("picket.python.injection.good"))
        try dir.write("python/injection/good.py", test("picket.python.injection.good"))
        try dir.write("python/injection/wrong-id.yaml", rule("picket.python.injection.other"))
        try dir.write("python/injection/wrong-id.py", test("picket.python.injection.other"))
        try dir.write("python/injection/no-cwe.yaml",
                      rule("picket.python.injection.no-cwe", meta: goodMeta.replacingOccurrences(of: "cwe:", with: "cwes:")))
        try dir.write("python/injection/no-cwe.py", test("picket.python.injection.no-cwe"))
        try dir.write("python/injection/scalar-owasp.yaml",
                      rule("picket.python.injection.scalar-owasp",
                           meta: goodMeta.replacingOccurrences(of: "owasp: [\"A03:2021 - Injection\"]", with: "owasp: Injection")))
        try dir.write("python/injection/scalar-owasp.py", test("picket.python.injection.scalar-owasp"))
        try dir.write("python/injection/one-positive.yaml", rule("picket.python.injection.one-positive"))
        try dir.write("python/injection/one-positive.py",
                      test("picket.python.injection.one-positive", "# ruleid: ID\neval(a)\n# ok: ID\nx\n# ok: ID\ny\n"))
        try dir.write("python/injection/untested.yaml", rule("picket.python.injection.untested"))
        try dir.write("python/injection/two-rules.yaml",
                      rule("picket.python.injection.two-rules") + "  - id: second\n    languages: [python]\n")
        try dir.write("python/injection/two-rules.py", test("picket.python.injection.two-rules"))
        try dir.write("python/injection/bad-level.yaml",
                      rule("picket.python.injection.bad-level", meta: goodMeta.replacingOccurrences(of: "likelihood: LOW", with: "likelihood: SOMETIMES")))
        try dir.write("python/injection/bad-level.py", test("picket.python.injection.bad-level"))
        try dir.write("python/injection/stray.py", "print(1)\n")

        let report = RulePackLinter(root: dir.url).lint()
        let text = report.problems.joined(separator: "\n")
        #expect(!text.contains("good.yaml"), "a valid rule was reported:\n\(text)")
        #expect(text.contains("wrong-id.yaml: id 'picket.python.injection.other' does not match its path"))
        #expect(text.contains("no-cwe.yaml: metadata.cwe is missing"))
        #expect(text.contains("scalar-owasp.yaml: metadata.owasp must be a list"))
        #expect(text.contains("one-positive.yaml: test file has 1 'ruleid: picket.python.injection.one-positive' annotations"))
        #expect(text.contains("untested.yaml: no test file"))
        #expect(text.contains("two-rules.yaml: 'rules' must be a list holding exactly one rule"))
        #expect(text.contains("bad-level.yaml: metadata.likelihood must be HIGH, MEDIUM or LOW"))
        #expect(text.contains("stray.py: test file without a rule"))
    }

    @Test func annotationsCountOnlyTheExactRule() {
        let text = """
            # ruleid: picket.python.a.b
            x
            // ok: picket.python.a.b, picket.python.a.c
            y
            # ruleid: picket.python.a.bc
            z
            s = "ok: picket.python.a.b"
            """
        #expect(RulePackLinter.countAnnotations(in: text, kind: "ruleid", id: "picket.python.a.b") == 1)
        #expect(RulePackLinter.countAnnotations(in: text, kind: "ok", id: "picket.python.a.b") == 1)
        #expect(RulePackLinter.countAnnotations(in: text, kind: "ok", id: "picket.python.a.c") == 1)
    }
}

/// Runs the engine itself: its rule tests over every language folder, rule validation and schema loading.
@Suite(.serialized, .timeLimit(.minutes(30))) struct SASTRulePackEngineTests {
    @Test func engineRuleTestsPassForEveryRule() async throws {
        let engine = try await sharedEngine.value
        let rules = RulePackLinter(root: rulePack).lint().rules
        let languages = Array(Set(rules.map(\.language))).sorted()
        let clock = ContinuousClock()
        let start = clock.now
        // One language folder at a time: two engine processes started concurrently from this test process were
        // seen never reporting their exit, and the engine already uses both cores.
        var outcomes: [String: RuleTestOutcome] = [:]
        for lang in languages {
            outcomes[lang] = try await engine.ruleTests(folder: rulePack.appendingPathComponent(lang))
        }
        var failures = outcomes.values.flatMap(\.failures)
        let checked = outcomes.values.reduce(into: [String: Bool]()) { $0.merge($1.checked) { a, _ in a } }
        for rule in rules where checked[rule.id] == nil {
            failures.append("\(rule.id) (\(rule.path)): the engine ran no test for it")
        }
        let version = (try? await engine.version()) ?? "?"
        print("semgrep \(version) --test: \(checked.count) rules checked, \(failures.count) failing, in \(clock.now - start)")
        #expect(failures.isEmpty, "failing rule tests:\n\(failures.sorted().joined(separator: "\n"))")
        #expect(checked.count == rules.count)
    }

    @Test func engineAcceptsEveryRuleFile() async throws {
        let engine = try await sharedEngine.value
        let coreErrors = try await engine.validate(rulePack)
        #expect(coreErrors.isEmpty, "semgrep-core -check_rules:\n\(coreErrors.joined(separator: "\n"))")
        let loadErrors = try await engine.loadRules(rulePack)
        #expect(loadErrors.isEmpty, "semgrep scan --config rules/sast:\n\(loadErrors.joined(separator: "\n"))")
    }

    /// The checks above must be able to fail: a broken pattern and a wrong annotation are both reported.
    @Test func engineChecksDetectBrokenRulesAndTests() async throws {
        let engine = try await sharedEngine.value
        let dir = try TemporaryPack()
        defer { dir.remove() }
        let meta = "    metadata: {category: security}\n"
        try dir.write("python/injection/broken.yaml",
                      "rules:\n  - id: picket.python.injection.broken\n    languages: [python]\n    severity: ERROR\n    message: m\n    pattern: eval(\n" + meta)
        try dir.write("python/injection/broken.py", "# ruleid: picket.python.injection.broken\neval(x)\n")
        let coreErrors = try await engine.validate(dir.url)
        #expect(coreErrors.contains { $0.contains("picket.python.injection.broken") }, "\(coreErrors)")

        let other = try TemporaryPack()
        defer { other.remove() }
        try other.write("python/injection/wrong.yaml",
                        "rules:\n  - id: picket.python.injection.wrong\n    languages: [python]\n    severity: ERROR\n    message: m\n    pattern: eval(...)\n" + meta)
        try other.write("python/injection/wrong.py",
                        "# ruleid: picket.python.injection.wrong\nprint(x)\n# ok: picket.python.injection.wrong\neval(y)\n")
        let outcome = try await engine.ruleTests(folder: other.url.appendingPathComponent("python"))
        #expect(outcome.checked["picket.python.injection.wrong"] == false)
        #expect(outcome.failures.contains { $0.contains("missed lines [2]") && $0.contains("unexpected lines [4]") },
                "\(outcome.failures)")
    }
}

/// A throw-away rule folder under the system temporary directory.
private struct TemporaryPack {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("picket-sast-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ relative: String, _ text: String) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
