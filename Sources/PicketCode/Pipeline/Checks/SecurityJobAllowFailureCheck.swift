import PicketCore

/// `picket.pipeline.security-job-allow-failure`: a security scanning job (SAST, secret detection, dependency
/// or container scanning, DAST, or a known scanner) with `allow_failure: true`: when the scanner breaks, the
/// pipeline stays green and nobody learns the code went unscanned.
struct SecurityJobAllowFailureCheck: PipelineCheck {
    let id = "picket.pipeline.security-job-allow-failure"
    let title = "Security job allowed to fail"

    static let nameWords = ["sast", "secret_detection", "secret-detection", "secrets", "dependency_scanning",
                            "dependency-scanning", "container_scanning", "container-scanning", "dast", "license_scanning",
                            "api_fuzzing", "coverage_fuzzing", "gemnasium", "semgrep", "opengrep", "checkov", "gitleaks",
                            "trufflehog", "trivy", "grype", "osv", "snyk", "picket", "kics", "security"]
    static let reportTypes: Set<String> = ["sast", "secret_detection", "dependency_scanning", "container_scanning", "dast",
                                           "api_fuzzing", "coverage_fuzzing", "license_scanning", "cyclonedx"]

    func check(_ p: CIPipeline) -> [Finding] {
        var out: [Finding] = []
        for job in p.jobs where !job.hidden {
            guard let af = job.node.entry("allow_failure"), af.node.bool == true, Self.isSecurityJob(job) else { continue }
            out.append(finding(af.node, severity: .medium, job: job.name, identity: job.name,
                message: "Security job '\(job.name)' has allow_failure: true. If the scanner crashes or cannot run, the pipeline still passes and the merge goes ahead unscanned.",
                fix: "Set allow_failure: false (or allow only the scanner's 'findings' exit code with allow_failure: exit_codes: [...]).",
                cwe: ("754", "")))
        }
        return out
    }

    static func isSecurityJob(_ job: CIPipeline.Job) -> Bool {
        let names = [job.name] + (job.definedAt["extends"]?.strings ?? [])
        for n in names {
            let l = n.lowercased()
            if nameWords.contains(where: { l.contains($0) }) { return true }
        }
        if let reports = job.node["artifacts"]?["reports"]?.entries, reports.contains(where: { reportTypes.contains($0.key) }) { return true }
        return false
    }
}
