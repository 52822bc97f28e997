import PicketCore

/// `picket.pipeline.include-unpinned`: configuration pulled in from outside the repository that can change
/// under the pipeline. `remote:` includes without `integrity:` (GitLab verifies a SHA-256 when given);
/// `project:` includes without `ref:` (the other project's default branch) or with a branch-like `ref:`
/// rather than a commit sha or a version tag; components at `@~latest` or a branch; `template:` includes are
/// noted as info (GitLab-maintained, versioned with the GitLab instance).
struct UnpinnedIncludeCheck: PipelineCheck {
    let id = "picket.pipeline.include-unpinned"
    let title = "CI configuration included without a pinned version"

    func check(_ p: CIPipeline) -> [Finding] {
        var out: [Finding] = []
        for inc in p.config.includes {
            switch inc.kind {
            case .remote(let url, let integrity):
                guard integrity == nil else { continue }
                let shown = DockerfileRemoteAddRule.withoutCredentials(url)
                out.append(finding(inc.node, severity: url.lowercased().hasPrefix("http://") ? .high : .medium, job: nil,
                    identity: "remote \(shown)",
                    message: "The pipeline includes \(shown) without `integrity:`, so whoever controls that URL controls this pipeline's jobs (and the secrets they see).",
                    fix: "Vendor the file into the repository and include it with `local:`, or add `integrity: sha256-…` to the remote include.",
                    title: "Remote CI include without integrity check", cwe: ("829", "")))
            case .project(let project, let files, let ref):
                let what = "\(project)\(files.isEmpty ? "" : " (\(files.joined(separator: ", ")))")"
                if let ref, Self.isPinned(ref) { continue }
                let detail = ref.map { "ref '\($0)' looks like a branch, which moves" } ?? "no ref, so it follows the project's default branch"
                out.append(finding(inc.node, severity: .medium, job: nil, identity: "project \(project) \(files.joined(separator: ",")) \(ref ?? "")",
                    message: "The pipeline includes \(what) with \(detail); a push there changes this pipeline.",
                    fix: "Pin `ref:` to a commit sha (or a protected release tag).", title: "Project CI include not pinned to a commit or tag",
                    cwe: ("829", "")))
            case .component(let c):
                guard let at = c.lastIndex(of: "@") else {
                    out.append(finding(inc.node, severity: .medium, job: nil, identity: "component \(c)",
                        message: "The CI component \(c) has no version; it follows whatever is published.",
                        fix: "Pin the component to a version or commit sha: component: …@1.2.3", title: "CI component without a pinned version", cwe: ("829", "")))
                    continue
                }
                let version = String(c[c.index(after: at)...])
                guard !Self.isPinned(version) else { continue }
                out.append(finding(inc.node, severity: .medium, job: nil, identity: "component \(c)",
                    message: "The CI component \(c) is used at '\(version)', which moves with new releases or pushes.",
                    fix: "Pin the component to a full version or a commit sha.", title: "CI component without a pinned version", cwe: ("829", "")))
            case .template(let t):
                out.append(finding(inc.node, severity: .info, job: nil, identity: "template \(t)",
                    message: "The pipeline includes GitLab's template \(t); its content changes with GitLab upgrades.",
                    fix: "Nothing to do if that is intended; review the template's jobs after GitLab upgrades.",
                    title: "GitLab CI template included"))
            case .local, .unknown:
                continue
            }
        }
        return out
    }

    /// A commit sha (7–64 hex) or a version tag (`v1.2`, `1.2.3`, `1.2.3-rc1`); `~latest`, `main`, `develop` are not.
    static func isPinned(_ ref: String) -> Bool {
        let r = ref.trimmingCharacters(in: .whitespaces)
        if r.count >= 7 && r.count <= 64 && r.allSatisfy({ $0.isHexDigit }) && r.contains(where: { $0.isNumber }) { return true }
        var v = Substring(r)
        if v.hasPrefix("v") || v.hasPrefix("V") { v = v.dropFirst() }
        let core = v.split(separator: "-", maxSplits: 1).first ?? ""
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }
}
