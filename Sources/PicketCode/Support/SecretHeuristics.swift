import Foundation
import PicketCore

/// Name and value tests shared by the native IaC and CI checks for credentials written literally into
/// configuration (`variable "db_password" { default = "..." }`, `ENV API_TOKEN=...`, CI `variables:`).
///
/// Why not the secret engine: `PicketSecrets` already scans every file of the repository, these included, for
/// secrets with a recognisable format (`glpat-…`, `AKIA…`, PEM keys) in the same run. What it cannot know is
/// that a plain value such as `Sup3rS3cret` is a credential; the configuration's *structure* tells that (a
/// variable named `*_PASSWORD` with a literal value). So these checks use the name, the literal-ness of the
/// value and its entropy, and leave formatted tokens to the secret engine (no duplicate findings).
enum SecretHeuristics {
    /// Name words that mark a credential.
    static let secretWords: Set<String> = [
        "password", "passwd", "pwd", "pass", "passphrase", "secret", "secrets", "token", "apikey", "privatekey",
        "credential", "credentials", "creds", "auth", "bearer", "jwt", "pat", "webhook", "dsn", "connectionstring",
    ]
    /// Compound names (words joined) that mark a credential.
    static let secretCompounds: [[String]] = [
        ["api", "key"], ["private", "key"], ["access", "key"], ["secret", "key"], ["client", "secret"],
        ["signing", "key"], ["encryption", "key"], ["master", "key"], ["account", "key"], ["connection", "string"],
    ]
    /// A last word that makes the name describe a credential rather than hold one.
    static let descriptorWords: Set<String> = [
        "length", "len", "ttl", "expiry", "expires", "expiration", "name", "names", "id", "ids", "arn", "path", "file",
        "url", "uri", "enabled", "enable", "type", "version", "rotation", "policy", "count", "min", "max", "size",
        "header", "field", "prefix", "suffix", "format", "hint", "label", "env", "variable", "var", "ref", "reference",
        "required", "mode", "endpoint", "hash", "algorithm", "store", "vault", "location", "duration", "days", "scope",
    ]

    /// Splits `dbPassword`, `DB_PASSWORD`, `db-password.value` into lower-case words.
    static func words(_ name: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var prevLower = false
        for ch in name {
            if ch.isLetter || ch.isNumber {
                if ch.isUppercase && prevLower && !cur.isEmpty { out.append(cur.lowercased()); cur = "" }
                cur.append(ch)
                prevLower = ch.isLowercase || ch.isNumber
            } else {
                if !cur.isEmpty { out.append(cur.lowercased()); cur = "" }
                prevLower = false
            }
        }
        if !cur.isEmpty { out.append(cur.lowercased()) }
        return out
    }

    static func isSecretName(_ name: String) -> Bool {
        let w = words(name)
        guard let last = w.last, !descriptorWords.contains(last) else { return false }
        if w.contains(where: { secretWords.contains($0) }) { return true }
        for c in secretCompounds where w.count >= c.count {
            for i in 0...(w.count - c.count) where Array(w[i..<(i + c.count)]) == c { return true }
        }
        return false
    }

    /// A value that is plausibly a real credential written literally: not empty or trivial, not a reference to
    /// somewhere else (`$VAR`, `${...}`, `{{ ... }}`, `var.x`), not a placeholder (`<token>`, `xxx`, `***`).
    static func isLiteralSecretValue(_ raw: String) -> Bool {
        let v = raw.trimmingCharacters(in: .whitespaces)
        guard v.count >= 4, v.count <= 4096 else { return false }
        if v.contains("$") || v.contains("{{") || v.contains("%{") { return false }
        if v.hasPrefix("<") && v.hasSuffix(">") { return false }
        let lower = v.lowercased()
        if ["true", "false", "null", "none", "nil", "changeit", "example", "placeholder", "redacted", "secret", "password", "todo", "tbd"].contains(lower) { return false }
        if Set(v).count <= 2 { return false } // xxxx, ****, ----
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return v.contains("@") && v.contains(":") }
        if v.allSatisfy({ $0.isNumber }) && v.count < 8 { return false }
        return true
    }

    /// Shannon entropy in bits per character.
    static func entropy(_ s: String) -> Double {
        var counts: [Character: Int] = [:]
        for c in s { counts[c, default: 0] += 1 }
        let n = Double(s.count)
        guard n > 0 else { return 0 }
        return counts.values.reduce(0) { acc, c in
            let p = Double(c) / n
            return acc - p * log2(p)
        }
    }

    /// High when the value also looks random; medium for a readable password-like value.
    static func confidence(_ value: String) -> Confidence {
        value.count >= 12 && entropy(value) >= 3.0 ? .high : .medium
    }

    /// A redacted preview: first 2 characters and the length, never the value.
    static func preview(_ value: String) -> String {
        "\(value.prefix(2))… (\(value.count) chars)"
    }
}
