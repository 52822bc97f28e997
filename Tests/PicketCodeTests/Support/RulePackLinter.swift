import Foundation
import PicketCore

/// Checks the structure of Picket's SAST rule pack (`rules/sast/<language>/<category>/<name>.yaml`): one rule per
/// file, the id derived from the path, the metadata contract the code engine reads, and a test file beside each rule
/// with enough true- and false-positive annotations. Returns every problem instead of stopping at the first.
struct RulePackLinter {
    struct Rule: Sendable {
        var id: String
        var language: String
        var category: String
        var path: String
    }

    struct Report: Sendable {
        var rules: [Rule] = []
        var problems: [String] = []
    }

    /// Language folder → the engine language names a rule may list, the test-file extensions and comment prefix.
    static let languages: [String: (engine: Set<String>, testExtensions: Set<String>)] = [
        "python": (["python"], ["py"]),
        "javascript": (["javascript", "typescript", "js", "ts"], ["js", "jsx", "ts", "tsx"]),
        "java": (["java"], ["java"]),
        "go": (["go", "golang"], ["go"]),
        "ruby": (["ruby"], ["rb"]),
        "php": (["php"], ["php"]),
        "csharp": (["csharp", "c#"], ["cs"]),
    ]
    static let severities: Set<String> = ["ERROR", "WARNING", "INFO"]
    static let levels: Set<String> = ["HIGH", "MEDIUM", "LOW"]
    static let subcategories: Set<String> = ["vuln", "audit"]
    static let matcherKeys: Set<String> = ["pattern", "patterns", "pattern-either", "pattern-regex"]
    static let minimumPositives = 2
    static let minimumNegatives = 2

    let root: URL

    func lint() -> Report {
        var report = Report()
        let fm = FileManager.default
        guard let langDirs = try? fm.contentsOfDirectory(atPath: root.path) else {
            report.problems.append("\(root.path): rule pack folder not found")
            return report
        }
        for lang in langDirs.sorted() where isDirectory(root.appendingPathComponent(lang)) {
            guard let spec = Self.languages[lang] else {
                report.problems.append("\(lang)/: unknown language folder")
                continue
            }
            let langURL = root.appendingPathComponent(lang)
            for category in (try? fm.contentsOfDirectory(atPath: langURL.path))?.sorted() ?? [] {
                let catURL = langURL.appendingPathComponent(category)
                guard isDirectory(catURL) else {
                    report.problems.append("\(lang)/\(category): files belong in a category folder")
                    continue
                }
                let files = ((try? fm.contentsOfDirectory(atPath: catURL.path)) ?? []).sorted()
                let yamls = files.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                for file in yamls {
                    let name = String(file[..<(file.lastIndex(of: ".") ?? file.endIndex)])
                    let rel = "\(lang)/\(category)/\(file)"
                    lintRule(at: catURL.appendingPathComponent(file), rel: rel, language: lang, category: category,
                             name: name, siblings: files, spec: spec, into: &report)
                }
                let orphanTests = files.filter { f in
                    let stem = f.split(separator: ".").first.map(String.init) ?? f
                    return !f.hasSuffix(".yaml") && !yamls.contains { $0.split(separator: ".").first.map(String.init) == stem }
                }
                for f in orphanTests { report.problems.append("\(lang)/\(category)/\(f): test file without a rule") }
            }
        }
        var seen: [String: String] = [:]
        for r in report.rules {
            if let other = seen[r.id] { report.problems.append("\(r.path): duplicate id \(r.id) (also in \(other))") }
            seen[r.id] = r.path
        }
        return report
    }

    private func lintRule(at url: URL, rel: String, language: String, category: String, name: String,
                          siblings: [String], spec: (engine: Set<String>, testExtensions: Set<String>),
                          into report: inout Report) {
        var problems: [String] = []
        func problem(_ m: String) { problems.append("\(rel): \(m)") }
        // The engine's test runner pairs rule and test by the text before the first dot.
        if name.contains(".") { problem("file name must not contain dots (the engine pairs tests by the part before the first dot)") }
        let expectedID = "picket.\(language).\(category).\(name)"
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            report.problems.append("\(rel): unreadable or not UTF-8")
            return
        }
        let doc: ConfigReader
        do { doc = try ConfigReader.parse(yaml: text, file: rel) } catch {
            report.problems.append("\(rel): \(error)")
            return
        }
        do {
            let rulesNode = try doc.require("rules")
            guard case .sequence(let items, _) = rulesNode.value, items.count == 1 else {
                problem("'rules' must be a list holding exactly one rule")
                report.problems += problems
                return
            }
            let rule = try rulesNode.sequence()[0]
            let id = try rule.require("id").string()
            if id != expectedID { problem("id '\(id)' does not match its path (expected '\(expectedID)')") }
            let langs = try strictList(rule, "languages", problem)
            if langs.isEmpty || !langs.allSatisfy({ spec.engine.contains($0.lowercased()) }) {
                problem("languages \(langs) do not fit the folder '\(language)'")
            }
            let severity = try rule.optional("severity")?.string() ?? ""
            if !Self.severities.contains(severity) { problem("severity must be ERROR, WARNING or INFO, found '\(severity)'") }
            if (try rule.optional("message")?.string() ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                problem("message is missing or empty")
            }
            let keys = Set(try rule.mapping().map(\.key))
            if try rule.optional("mode")?.string() == "taint" {
                if !keys.contains("pattern-sources") || !keys.contains("pattern-sinks") {
                    problem("taint rules need pattern-sources and pattern-sinks")
                }
            } else if keys.intersection(Self.matcherKeys).count != 1 {
                problem("needs exactly one of \(Self.matcherKeys.sorted().joined(separator: ", "))")
            }
            if let meta = try rule.optional("metadata") {
                lintMetadata(meta, problem)
            } else {
                problem("metadata is missing")
            }
            report.rules.append(Rule(id: id, language: language, category: category, path: rel))
            lintTestFile(id: id, name: name, dir: url.deletingLastPathComponent(), siblings: siblings,
                         extensions: spec.testExtensions, rel: rel, problem)
        } catch {
            problem("\(error)")
        }
        report.problems += problems
    }

    private func lintMetadata(_ meta: ConfigReader, _ problem: (String) -> Void) {
        do {
            let cwes = try strictList(meta, "cwe", problem)
            if cwes.isEmpty { problem("metadata.cwe must list at least one CWE") }
            for c in cwes where !Self.isCWE(c) { problem("metadata.cwe entry '\(c)' is not 'CWE-<n>: <name>'") }
            let owasp = try strictList(meta, "owasp", problem)
            if owasp.isEmpty { problem("metadata.owasp must list at least one category") }
            for o in owasp where !Self.isOWASP(o) { problem("metadata.owasp entry '\(o)' is not 'Axx:2021 - <name>'") }
            for key in ["confidence", "likelihood", "impact"] {
                let v = try meta.optional(key)?.string() ?? ""
                if !Self.levels.contains(v) { problem("metadata.\(key) must be HIGH, MEDIUM or LOW, found '\(v)'") }
            }
            if try meta.optional("category")?.string() != "security" { problem("metadata.category must be 'security'") }
            let subs = try strictList(meta, "subcategory", problem)
            if subs.isEmpty || !subs.allSatisfy(Self.subcategories.contains) {
                problem("metadata.subcategory must be a list of vuln/audit, found \(subs)")
            }
            if (try meta.optional("fix")?.string() ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                problem("metadata.fix is missing or empty")
            }
            let refs = try strictList(meta, "references", problem)
            if refs.isEmpty { problem("metadata.references must list at least one URL") }
            for r in refs where !r.hasPrefix("https://") || r.contains(" ") { problem("metadata.references entry '\(r)' is not an https URL") }
            if try strictList(meta, "technology", problem).isEmpty { problem("metadata.technology must not be empty") }
        } catch {
            problem("\(error)")
        }
    }

    private func lintTestFile(id: String, name: String, dir: URL, siblings: [String], extensions: Set<String>,
                              rel: String, _ problem: (String) -> Void) {
        let tests = siblings.filter { f in
            guard f.hasPrefix(name + "."), let ext = f.split(separator: ".").last else { return false }
            return f.split(separator: ".").count == 2 && extensions.contains(String(ext))
        }
        guard tests.count == 1, let testName = tests.first else {
            problem(tests.isEmpty ? "no test file (\(name).<\(extensions.sorted().joined(separator: "|"))>) beside the rule"
                                  : "several test files: \(tests)")
            return
        }
        guard let text = try? String(contentsOf: dir.appendingPathComponent(testName), encoding: .utf8) else {
            problem("test file \(testName) is unreadable")
            return
        }
        let positives = Self.countAnnotations(in: text, kind: "ruleid", id: id)
        let negatives = Self.countAnnotations(in: text, kind: "ok", id: id)
        if positives < Self.minimumPositives { problem("test file has \(positives) 'ruleid: \(id)' annotations, needs \(Self.minimumPositives)") }
        if negatives < Self.minimumNegatives { problem("test file has \(negatives) 'ok: \(id)' annotations, needs \(Self.minimumNegatives)") }
    }

    /// A list value, reported when the key is missing or holds a scalar instead of a list.
    private func strictList(_ node: ConfigReader, _ key: String, _ problem: (String) -> Void) throws -> [String] {
        guard let child = try node.optional(key) else {
            problem("\(label(node))\(key) is missing")
            return []
        }
        guard case .sequence = child.value else {
            problem("\(label(node))\(key) must be a list")
            return []
        }
        return try child.strings()
    }

    /// "metadata." for keys under a rule's metadata, "" for the rule's own keys.
    private func label(_ node: ConfigReader) -> String {
        node.keyPath.hasSuffix("metadata") ? "metadata." : ""
    }

    /// Counts annotation comments `<kind>: <id>` that name exactly this id (ids may be comma-separated).
    static func countAnnotations(in text: String, kind: String, id: String) -> Int {
        var count = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let r = line.range(of: kind + ":") else { continue }
            let before = line[..<r.lowerBound]
            // The annotation must be the comment's first word: "# ruleid:", "// ok:", "{/* ok:".
            let marker = before.trimmingCharacters(in: .whitespaces)
            guard ["#", "//", "/*", "{/*", "<!--"].contains(marker) else { continue }
            let ids = line[r.upperBound...].split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
            }
            if ids.contains(id) { count += 1 }
        }
        return count
    }

    static func isCWE(_ s: String) -> Bool {
        guard s.hasPrefix("CWE-"), let colon = s.firstIndex(of: ":") else { return false }
        let number = s[s.index(s.startIndex, offsetBy: 4)..<colon]
        let name = s[s.index(after: colon)...]
        return !number.isEmpty && number.allSatisfy(\.isASCIIDigitLike) && name.hasPrefix(" ") && name.count > 3
    }

    static func isOWASP(_ s: String) -> Bool {
        // "A03:2021 - Injection"
        let chars = Array(s)
        guard chars.count > 12, chars[0] == "A", chars[1].isASCIIDigitLike, chars[2].isASCIIDigitLike else { return false }
        return s.dropFirst(3).hasPrefix(":2021 - ") && s.count > 11
    }

    private func isDirectory(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }
}

private extension Character {
    var isASCIIDigitLike: Bool { isASCII && isNumber }
}
