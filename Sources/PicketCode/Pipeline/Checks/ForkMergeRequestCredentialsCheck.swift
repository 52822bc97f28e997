import PicketCore

/// `picket.pipeline.fork-mr-credentials`: a job that runs in merge request pipelines and uses credentials,
/// without a rule that keeps it away from merge requests coming from forks. When a maintainer runs a fork's MR
/// pipeline in the parent project, the fork author's code runs with the parent's CI/CD variables.
/// A rule comparing `CI_MERGE_REQUEST_SOURCE_PROJECT_ID`/`_PATH` with the project, or requiring a protected
/// ref, counts as the guard.
struct ForkMergeRequestCredentialsCheck: PipelineCheck {
    let id = "picket.pipeline.fork-mr-credentials"
    let title = "Merge request job uses credentials without a fork guard"

    func check(_ p: CIPipeline) -> [Finding] {
        var out: [Finding] = []
        let workflowMR = (p.global["workflow"]?["rules"]?.items ?? []).contains { Self.mentionsMR($0["if"]?.string) }
        for job in p.jobs where !job.hidden {
            guard Self.runsOnMergeRequests(job.node, workflowMR: workflowMR), !Self.guarded(job.node, workflow: p.global["workflow"]) else { continue }
            let vars = p.allScriptLines(job.node).flatMap { ShellLine.variables($0.string ?? "") }
            let creds = Array(Set(vars.filter { SecretHeuristics.isSecretName($0) && $0 != "CI_JOB_TOKEN" })).sorted()
            var uses = creds.map { "$" + $0 }
            if job.node["secrets"] != nil { uses.append("secrets:") }
            if job.node["id_tokens"] != nil { uses.append("id_tokens:") }
            guard !uses.isEmpty else { continue }
            let key = job.definedAt.entry("rules") ?? job.definedAt.entry("only")
            let at = key.map { CINode(value: .null, file: $0.node.file, line: $0.keyLine, column: 3) } ?? job.definedAt
            out.append(finding(at, severity: .high, confidence: .medium, job: job.name, identity: job.name,
                message: "Job '\(job.name)' runs in merge request pipelines and uses \(uses.prefix(5).joined(separator: ", ")). Run for a merge request from a fork in this project, it executes the fork author's code with those credentials.",
                fix: "Add a rule such as `if: $CI_MERGE_REQUEST_SOURCE_PROJECT_ID != $CI_PROJECT_ID` with `when: never` before the merge request rule, or run the job only on protected branches.",
                cwe: ("863", "")))
        }
        return out
    }

    static func mentionsMR(_ s: String?) -> Bool {
        guard let s else { return false }
        return s.contains("merge_request_event") && !s.contains("!= \"merge_request_event\"") && !s.contains("!= 'merge_request_event'")
            || s.contains("CI_MERGE_REQUEST_IID") && !s.contains("CI_MERGE_REQUEST_IID ==")
    }

    static func runsOnMergeRequests(_ job: CINode, workflowMR: Bool) -> Bool {
        if let rules = job["rules"]?.items {
            return rules.contains { r in mentionsMR(r["if"]?.string) && r["when"]?.string != "never" }
        }
        if let only = job["only"] {
            let refs = only.strings + (only["refs"]?.strings ?? [])
            return refs.contains("merge_requests")
        }
        return workflowMR
    }

    static func guarded(_ job: CINode, workflow: CINode?) -> Bool {
        let texts = ((job["rules"]?.items ?? []) + (workflow?["rules"]?.items ?? [])).compactMap { $0["if"]?.string }
        return texts.contains { $0.contains("CI_MERGE_REQUEST_SOURCE_PROJECT_ID") || $0.contains("CI_MERGE_REQUEST_SOURCE_PROJECT_PATH")
            || $0.contains("CI_COMMIT_REF_PROTECTED") }
    }
}
