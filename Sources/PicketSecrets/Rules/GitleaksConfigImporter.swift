import Foundation
import PicketCore

/// Imports custom rules from a gitleaks configuration (TOML), so a team keeps the rules it already wrote.
/// Gitleaks' patterns are RE2 syntax, which PCRE2 reads as is. Its path-only rules and `AND` allowlist conditions
/// have no equivalent here: they are reported, never silently dropped.
public enum GitleaksConfigImporter {
    public struct Imported: Sendable {
        public var rules: [SecretRule]
        public var allow: RuleAllowlist
        /// What could not be carried over, one sentence each.
        public var warnings: [String]
    }

    public static func load(path: String) throws -> Imported {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PicketError.input(file: path, message: "cannot read the gitleaks configuration")
        }
        let doc: TOMLTable
        do { doc = try TOMLParser.parse(data) } catch let e as TOMLParser.ParseError {
            throw PicketError.config(file: path, line: e.line, key: nil, message: e.message)
        }
        return try convert(doc, file: path)
    }

    public static func convert(_ doc: TOMLTable, file: String) throws -> Imported {
        var out = Imported(rules: [], allow: RuleAllowlist(), warnings: [])
        for table in doc.tables("rules") {
            let line = table.line
            guard let id = table.string("id"), !id.isEmpty else {
                throw PicketError.config(file: file, line: line, key: "rules.id", message: "a gitleaks rule needs an id")
            }
            guard let regex = table.string("regex"), !regex.isEmpty else {
                out.warnings.append("\(file):\(line): rule '\(id)' matches on file paths only; Picket does not import path-only rules")
                continue
            }
            if table.string("path") != nil {
                out.warnings.append("\(file):\(line): rule '\(id)' is limited to paths matching a pattern; Picket applies it to every path")
            }
            var allow = RuleAllowlist()
            var lists = table.tables("allowlists")
            if let single = table.table("allowlist") { lists.append(single) }
            for a in lists { allow = allow.merged(with: allowlist(a, file: file, rule: id, warnings: &out.warnings)) }
            var group: Int?
            if let g = table["secretGroup"]?.integer { group = Int(g) }
            out.rules.append(SecretRule(
                id: id,
                title: table.string("description") ?? id,
                description: table.string("description"),
                severity: .high,
                confidence: .medium,
                pattern: regex,
                secretGroup: group,
                minEntropy: table["entropy"]?.double,
                keywords: (table["keywords"]?.strings ?? []).map { $0.lowercased() },
                allow: allow,
                tags: table["tags"]?.strings ?? [],
                origin: "\(file):\(line)"))
        }
        var globals = doc.tables("allowlists")
        if let single = doc.table("allowlist") { globals.append(single) }
        for a in globals { out.allow = out.allow.merged(with: allowlist(a, file: file, rule: nil, warnings: &out.warnings)) }
        return out
    }

    private static func allowlist(_ a: TOMLTable, file: String, rule: String?, warnings: inout [String]) -> RuleAllowlist {
        let whose = rule.map { "rule '\($0)'" } ?? "the global allowlist"
        if a.string("condition")?.uppercased() == "AND" {
            warnings.append("\(file):\(a.line): \(whose) uses condition AND; Picket applies each entry on its own (OR)")
        }
        if !(a["commits"]?.strings ?? []).isEmpty {
            warnings.append("\(file):\(a.line): \(whose) allowlists commits; use a baseline (--baseline) instead")
        }
        let regexes = a["regexes"]?.strings ?? []
        var out = RuleAllowlist(stopwords: a["stopwords"]?.strings ?? [], pathPatterns: a["paths"]?.strings ?? [])
        switch a.string("regexTarget") ?? "secret" {
        case "line": out.lines = regexes
        default: out.values = regexes
        }
        return out
    }
}
