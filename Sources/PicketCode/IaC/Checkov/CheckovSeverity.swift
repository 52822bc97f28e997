import PicketCore

/// Checkov's open-source edition gives no severities (they come from a paid platform), so Picket assigns one.
///
/// By check family (the id prefix):
/// | family | severity |
/// |---|---|
/// | `CKV_SECRET_*` (a secret in code) | high |
/// | cloud resources `CKV_AWS`, `CKV2_AWS`, `CKV_AZURE`, `CKV2_AZURE`, `CKV_GCP`, `CKV2_GCP`, others | medium |
/// | `CKV_K8S`, `CKV2_K8S` (workload hardening) | medium |
/// | CI definitions `CKV_GHA`, `CKV_GITLABCI`, `CKV_AZUREPIPELINES`... | medium |
/// | `CKV_DOCKER`, `CKV2_DOCKER` (image hygiene) | low |
/// | `CKV_TF` (module sources not pinned) | low |
///
/// Then the check's own name moves it one step: exposure words ("public", "0.0.0.0", "privileged",
/// "admin privileges", "wildcard", "hard coded"/"hardcoded", "root", "anonymous", "unrestricted", "secret")
/// raise to at least high; bookkeeping words ("tag", "description", "logging", "log ", "monitoring", "backup",
/// "version", "notification", "label") lower to at most low. The same check id always gets the same severity.
enum CheckovSeverity {
    static let raising = ["public", "0.0.0.0", "privileged", "admin privileges", "wildcard", "hard coded", "hardcoded",
                          " root", "anonymous", "unrestricted", "secret", "not encrypted", "unencrypted", "plaintext", "plain text"]
    static let lowering = ["tag", "description", "logging", "log ", "monitoring", "backup", "version", "notification",
                           "label", "readiness probe", "liveness probe", "healthcheck", "memory requests", "cpu requests"]

    static func family(_ id: String) -> Severity {
        let upper = id.uppercased()
        if upper.hasPrefix("CKV_SECRET") { return .high }
        if upper.hasPrefix("CKV_DOCKER") || upper.hasPrefix("CKV2_DOCKER") { return .low }
        if upper.hasPrefix("CKV_TF") { return .low }
        return .medium
    }

    static func severity(id: String, name: String?, given: String?) -> Severity {
        if let given, let s = Severity(parsing: given) { return s }
        var s = family(id)
        let n = " " + (name ?? "").lowercased()
        if raising.contains(where: { n.contains($0) }) { s = max(s, .high) }
        else if lowering.contains(where: { n.contains($0) }) { s = min(s, .low) }
        return s
    }
}
