import PicketCore

/// `picket.pipeline.image-unpinned`: job, `default:` and global `image:` and `services:` without a digest.
/// `:latest` or no tag at all is medium (a different image every pull); a tag without `@sha256:` is low (tags
/// can be re-pushed). Images whose tag is a CI variable are left alone (unknown until run time).
struct UnpinnedImageCheck: PipelineCheck {
    let id = "picket.pipeline.image-unpinned"
    let title = "CI image not pinned by digest"

    func check(_ p: CIPipeline) -> [Finding] {
        var out: [Finding] = []
        var seen = Set<String>()
        func visit(_ node: CINode?, job: String?, role: String) {
            guard let node else { return }
            let list: [CINode] = role == "service" ? (node.items ?? [node]) : [node]
            for item in list {
                guard let ref = item.string ?? item["name"]?.string else { continue }
                let at = item.string != nil ? item : (item.entry("name")?.node ?? item)
                let key = "\(at.file):\(at.line):\(ref)"
                guard seen.insert(key).inserted, let problem = Self.problem(ref) else { continue }
                out.append(finding(at, severity: problem.severity, job: job, identity: "\(role) \(ref)",
                    message: "The \(role) image \(ref) \(problem.text). The job then runs whatever was last pushed under that name, with the job's credentials.",
                    fix: "Pin it by digest: \(problem.base)@sha256:<digest> (keep the tag for readers: name:tag@sha256:…).",
                    title: problem.severity == .low ? "CI image tag without a digest" : "CI image without a tag or at :latest", cwe: ("829", "")))
            }
        }
        visit(p.global["image"], job: nil, role: "image")
        visit(p.global["services"], job: nil, role: "service")
        visit(p.global["default"]?["image"], job: "default", role: "image")
        visit(p.global["default"]?["services"], job: "default", role: "service")
        for job in p.jobs {
            visit(job.node["image"], job: job.name, role: "image")
            visit(job.node["services"], job: job.name, role: "service")
        }
        return out
    }

    /// What is wrong with an image reference, or nil when it has a digest or cannot be known.
    static func problem(_ ref: String) -> (severity: Severity, text: String, base: String)? {
        let r = ref.trimmingCharacters(in: .whitespaces)
        if r.isEmpty || r.contains("@sha256:") || r.contains("@sha512:") { return nil }
        // The tag is after the last ':' that follows the last '/' (a registry port has a '/' after it).
        let lastSlash = r.lastIndex(of: "/")
        var tagColon: String.Index?
        if let c = r.lastIndex(of: ":"), lastSlash.map({ c > $0 }) ?? true { tagColon = c }
        guard let tagColon else {
            if r.contains("$") { return nil } // a variable may carry tag and digest

            return (.medium, "has no tag (it means :latest)", r)
        }
        let tag = String(r[r.index(after: tagColon)...]), base = String(r[..<tagColon])
        if tag.contains("$") { return nil }
        if tag == "latest" { return (.medium, "uses :latest", base) }
        return (.low, "has tag :\(tag) but no digest", base)
    }
}
