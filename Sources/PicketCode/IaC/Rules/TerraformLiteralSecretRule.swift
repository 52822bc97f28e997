import PicketCore

/// `picket.iac.terraform.literal-secret`: a credential written literally in Terraform — a `variable` whose
/// `default` is a literal string and whose name says credential (or that is marked `sensitive = true`),
/// `locals` entries (also inside object literals), arguments of `module` blocks, and `.tfvars` assignments.
/// Checkov's secret checks look at provider blocks and known token formats; these places hold most
/// hand-written passwords.
struct TerraformLiteralSecretRule: IaCRule {
    let id = "picket.iac.terraform.literal-secret"
    let title = "Credential written literally in Terraform"

    func applies(to path: String) -> Bool {
        path.hasSuffix(".tf") || path.hasSuffix(".tfvars") || path.hasSuffix(".auto.tfvars")
    }

    func check(_ file: IaCFile) -> [Finding] {
        let body = HCLReader.parse(file.bytes)
        var out: [Finding] = []
        if file.path.hasSuffix(".tfvars") {
            for a in body.attributes { literal(a, path: [a.name], sensitive: false, file: file, place: "tfvars assignment", into: &out) }
            return out
        }
        for b in body.blocks {
            switch b.type {
            case "variable":
                guard let name = b.labels.first, let d = b.attributes.first(where: { $0.name == "default" }) else { continue }
                let sensitive = b.attributes.contains { $0.name == "sensitive" && $0.value == .literal("true") }
                literal(HCLReader.Attribute(name: name, value: d.value, line: d.line, column: d.column),
                        path: ["var", name], sensitive: sensitive, file: file, place: "default of variable", into: &out)
            case "locals":
                for a in b.attributes { literal(a, path: ["local", a.name], sensitive: false, file: file, place: "local value", into: &out) }
            case "module":
                for a in b.attributes {
                    literal(a, path: ["module", b.labels.first ?? "?", a.name], sensitive: false, file: file, place: "module argument", into: &out)
                }
            default:
                continue
            }
        }
        return out
    }

    private func literal(_ a: HCLReader.Attribute, path: [String], sensitive: Bool, file: IaCFile, place: String, into out: inout [Finding]) {
        switch a.value {
        case .object(let entries):
            for e in entries { literal(e, path: path + [e.name], sensitive: sensitive, file: file, place: place, into: &out) }
        case .string(let value, let interpolated):
            guard !interpolated, sensitive || SecretHeuristics.isSecretName(a.name),
                  SecretHeuristics.isLiteralSecretValue(value) else { return }
            let name = path.joined(separator: ".")
            out.append(NativeFinding.make(
                kind: .iac, rule: id, title: title,
                message: "The \(place) '\(name)' holds a literal credential. Anyone who can read the repository can read it, and it stays in git history. Pass it at apply time (TF_VAR_…, a secrets manager data source) and rotate it.",
                severity: .high, confidence: SecretHeuristics.confidence(value), path: file.path, line: a.line, column: a.column,
                resource: name, identity: name, preview: SecretHeuristics.preview(value), identifiers: [NativeFinding.credentialCWE],
                fix: "Remove the literal value; declare the variable without a default (sensitive = true) and supply it from a secret store."))
        default:
            return
        }
    }
}
