import PicketCore

/// Groups hits of the same secret (same rule, same value) into one finding with every place it occurs.
/// Its fingerprint hashes rule and value, not the path or line: moving the secret keeps the finding's identity.
struct FindingGrouper {
    let engine: SecretEngine

    func findings(from hits: [SecretHit]) -> [Finding] {
        var groups: [String: [SecretHit]] = [:]
        var order: [String] = []
        for h in hits {
            let key = "\(h.rule)|\(h.sha256)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(h)
        }
        return order.map { key in
            let group = groups[key]!.sorted { a, b in
                (a.location.path, a.location.startLine, a.location.startColumn) < (b.location.path, b.location.startLine, b.location.startColumn)
            }
            let active = group.filter { !$0.inlineAllowed }
            let shown = active.isEmpty ? group : active
            let first = shown[0]
            let rule = engine.rules[first.rule].rule
            var locations = shown.map(\.location)
            // One location per place: the same blob can be reached through several history paths.
            var seen = Set<String>()
            locations = locations.filter { seen.insert("\($0.path):\($0.startLine):\($0.startColumn)").inserted }
            let message = rule.description ?? "\(rule.title) found in the code. Revoke it at the provider, then remove it from the repository (and its history)."
            return Finding(
                kind: .secret, ruleID: rule.id, title: rule.title, message: message, severity: rule.severity,
                confidence: rule.confidence, location: locations[0], additionalLocations: Array(locations.dropFirst()),
                evidence: Evidence(snippet: first.snippet, preview: first.preview, sha256: first.sha256, revealed: first.revealed),
                fingerprint: Fingerprint(kind: .secret, rule: rule.id, path: "", identity: first.sha256),
                identifiers: [Identifier(type: "cwe", name: "CWE-798", value: "798", url: "https://cwe.mitre.org/data/definitions/798.html")],
                secret: SecretDetails(decodedFrom: first.decodedFrom, checksumValid: first.checksumValid, entropy: first.entropy),
                suppression: active.isEmpty ? Suppression(kind: .inlineComment, reason: "picket:allow on the line") : nil)
        }
    }
}
