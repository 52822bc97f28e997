import Foundation
import PicketCore

/// The rules a scan uses: the built-in pack, plus a repository's custom and imported rules, minus disabled ones,
/// and the allowlist that applies to all of them.
public struct SecretRuleSet: Sendable {
    public var rules: [SecretRule]
    /// Applies to every rule (placeholders such as `EXAMPLE`, `${VAR}`, `<token>`).
    public var allow: RuleAllowlist

    public init(rules: [SecretRule], allow: RuleAllowlist = RuleAllowlist()) {
        self.rules = rules
        self.allow = allow
    }

    /// The rules shipped with Picket (`RulePack/*.yml`), parsed once per process.
    public static func builtIn() throws -> SecretRuleSet { try builtInResult.get() }

    private static let builtInResult: Result<SecretRuleSet, Error> = Result { try loadPack() }

    static func loadPack() throws -> SecretRuleSet {
        guard let dir = Bundle.module.url(forResource: "RulePack", withExtension: nil) else {
            throw PicketError.runtime("the built-in secret rules are missing from this installation (RulePack resource)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yml") }.sorted()
        var set = SecretRuleSet(rules: [])
        var seen: [String: String] = [:]
        for name in files {
            let path = dir.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw PicketError.input(file: path, message: "cannot read rule file")
            }
            let parsed = try SecretRuleFile.parse(yaml: text, file: "RulePack/\(name)")
            for rule in parsed.rules {
                if let other = seen[rule.id] {
                    throw PicketError.input(file: "RulePack/\(name)", message: "rule id '\(rule.id)' is already defined in \(other)")
                }
                seen[rule.id] = name
            }
            set.rules += parsed.rules
            set.allow = set.allow.merged(with: parsed.allow)
        }
        return set
    }

    /// Adds rules; a rule whose id exists replaces the existing one (a team can tune a built-in rule).
    public mutating func add(_ more: [SecretRule]) {
        for r in more {
            if let i = rules.firstIndex(where: { $0.id == r.id }) { rules[i] = r } else { rules.append(r) }
        }
    }

    public mutating func remove(ids: Set<String>) {
        rules.removeAll { ids.contains($0.id) }
    }

    /// Identifies the compiled form: rules that compile alike share a cached database.
    var compileKey: String {
        var h = ""
        for r in rules { h += "\(r.pattern)\u{1}\(r.multiline)\u{1}\(r.keywords.joined(separator: "\u{3}"))\u{2}" }
        return Hashing.sha256Hex(h)
    }
}
