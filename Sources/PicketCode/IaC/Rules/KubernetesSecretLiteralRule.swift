import PicketCore
import Yams

/// `picket.iac.kubernetes.secret-literal`: a Kubernetes `Secret` manifest committed with values — `stringData`
/// in plain text, or `data` in base64 (an encoding, not a protection). Sealed/external secrets and Helm
/// templates (`{{ … }}`) are not flagged.
struct KubernetesSecretLiteralRule: IaCRule {
    let id = "picket.iac.kubernetes.secret-literal"
    let title = "Kubernetes Secret committed with literal values"

    func applies(to path: String) -> Bool { path.hasSuffix(".yaml") || path.hasSuffix(".yml") }

    func check(_ file: IaCFile) -> [Finding] {
        guard file.contains("Secret"), file.contains("kind"), !file.contains("{{") else { return [] }
        guard let docs = try? YAMLDocuments.compose(String(decoding: file.bytes, as: UTF8.self)) else { return [] }
        var out: [Finding] = []
        var budget = 10_000
        for doc in docs {
            budget -= 1
            if budget < 0 { break }
            guard let m = doc.mapping, m["kind"]?.string == "Secret", m["apiVersion"] != nil else { continue }
            let name = m["metadata"]?.mapping?["name"]?.string ?? "?"
            for (section, encoded) in [("stringData", false), ("data", true)] {
                guard let entries = m[section]?.mapping else { continue }
                for (k, v) in entries {
                    guard let key = k.string, let value = v.string, !value.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                    let line = k.mark?.line ?? m[section]?.mark?.line ?? 1
                    let how = encoded ? "base64 in 'data' (an encoding anyone can reverse)" : "plain text in 'stringData'"
                    out.append(NativeFinding.make(
                        kind: .iac, rule: id, title: title,
                        message: "Secret '\(name)' key '\(key)' is committed as \(how). Keep Secret values out of the repository: create them at deploy time, or commit them encrypted (Sealed Secrets, SOPS, External Secrets).",
                        severity: .high, confidence: encoded ? .medium : .high, path: file.path, line: line, column: k.mark?.column ?? 1,
                        resource: "Secret/\(name)", identity: "Secret/\(name)/\(section)/\(key)",
                        preview: SecretHeuristics.preview(value), identifiers: [NativeFinding.credentialCWE],
                        fix: "Remove the values from the manifest and provide the Secret from a secret manager or an encrypted form."))
                }
            }
        }
        return out
    }
}
