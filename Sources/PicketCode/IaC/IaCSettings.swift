import PicketCore

/// The `iac:` section of `.picket.yml`.
///
/// ```yaml
/// iac:
///   checkov: true            # run Checkov (from Picket's venv) besides Picket's own IaC rules
///   picket-rules: true       # Picket's native IaC rules
///   exclude: ["examples/**"]
///   skip-checks: [CKV_AWS_18]
///   timeout: 900             # wall clock for Checkov, seconds
/// ```
public struct IaCSettings: Sendable {
    public var checkov = true
    public var picketRules = true
    public var exclude: [String] = []
    public var skipChecks: [String] = []
    public var timeoutSeconds = 900

    public init() {}

    public init(config: PicketConfig) throws {
        guard let s = config.section("iac") else { return }
        try s.checkKeys(["checkov", "picket-rules", "exclude", "skip-checks", "timeout"])
        checkov = try s.optional("checkov")?.bool() ?? true
        picketRules = try s.optional("picket-rules")?.bool() ?? true
        exclude = try s.optional("exclude")?.strings() ?? []
        if let k = try s.optional("skip-checks") {
            skipChecks = try k.strings()
            for (i, c) in skipChecks.enumerated() where c.isEmpty || c.contains(where: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
                throw try k.sequence()[i].error("a check id such as CKV_AWS_18")
            }
        }
        if let t = try s.optional("timeout") {
            timeoutSeconds = try t.int()
            guard timeoutSeconds > 0 else { throw t.error("expected a positive number of seconds") }
        }
    }
}
