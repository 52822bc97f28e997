import PicketCore

/// `picket.pipeline.literal-secret-variable`: a credential written into `variables:` (global or per job).
/// Everyone with read access to the repository (and every fork) has it. Names and literal-ness decide
/// (`SecretHeuristics`); formatted tokens (`glpat-…`) are also reported by the secrets scanner.
struct LiteralSecretVariableCheck: PipelineCheck {
    let id = "picket.pipeline.literal-secret-variable"
    let title = "Credential written in CI variables"

    func check(_ p: CIPipeline) -> [Finding] {
        var out: [Finding] = []
        var seen = Set<String>()
        func visit(_ vars: CINode?, job: String?) {
            for e in vars?.entries ?? [] {
                let valueNode = e.node["value"] ?? e.node
                guard let value = valueNode.string, SecretHeuristics.isSecretName(e.key),
                      SecretHeuristics.isLiteralSecretValue(value),
                      seen.insert("\(valueNode.file):\(valueNode.line):\(e.key)").inserted else { continue }
                out.append(finding(valueNode, severity: .high, confidence: SecretHeuristics.confidence(value), job: job,
                    identity: "\(job ?? "variables").\(e.key)",
                    message: "CI variable \(e.key)\(job.map { " in job '\($0)'" } ?? "") holds a literal credential in the repository, readable by everyone who can read the code (forks included) and kept in git history.",
                    fix: "Move it to Settings → CI/CD → Variables (masked and protected) or an external secret (`secrets:`), remove it from the file, and rotate it.",
                    preview: SecretHeuristics.preview(value), cwe: ("798", "")))
            }
        }
        visit(p.global["variables"], job: nil)
        visit(p.global["default"]?["variables"], job: "default")
        for job in p.jobs { visit(job.node["variables"], job: job.name) }
        return out
    }
}
