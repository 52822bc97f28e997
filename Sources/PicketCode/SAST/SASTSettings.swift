import PicketCore

/// The `sast:` section of `.picket.yml`.
///
/// ```yaml
/// sast:
///   engine: semgrep          # or opengrep (binary from PICKET_OPENGREP)
///   rules: [.semgrep]        # the repository's own rule folders, inside the repository
///   picket-rules: true       # Picket's built-in pack (rules/sast)
///   exclude: ["gen/**"]      # more paths to leave out (reported)
///   include: ["vendor/acme/**"]  # re-include paths Picket's defaults leave out
///   timeout: 1800            # wall clock for the whole engine run, seconds
///   file-timeout: 10         # per rule and file, seconds
///   max-target-bytes: 1MB    # larger files are skipped (reported)
///   max-memory: 4GB
/// ```
/// The engine executable is never configurable here: a scanned repository must not choose what Picket runs.
public struct SASTSettings: Sendable {
    public enum EngineChoice: String, Sendable { case semgrep, opengrep }

    public var engine: EngineChoice = .semgrep
    public var repositoryRuleFolders: [String] = []
    public var picketRules = true
    public var exclude: [String] = []
    public var include: [String] = []
    public var timeoutSeconds = 1800
    public var fileTimeoutSeconds = 10
    public var maxTargetBytes = 1 << 20
    public var maxMemoryMiB = 4096
    /// Line for errors about `rules:` (0 when unknown).
    var rulesLine = 0
    var source: String?

    public init() {}

    public init(config: PicketConfig) throws {
        source = config.source
        guard let s = config.section("sast") else { return }
        try s.checkKeys(["engine", "rules", "picket-rules", "exclude", "include", "timeout", "file-timeout",
                         "max-target-bytes", "max-memory"])
        if let e = try s.optional("engine") {
            let name = try e.string()
            guard let c = EngineChoice(rawValue: name.lowercased()) else {
                throw e.error("unknown SAST engine '\(name)'; expected semgrep or opengrep")
            }
            engine = c
        }
        if let r = try s.optional("rules") {
            rulesLine = r.value.line
            repositoryRuleFolders = try r.strings()
            for (i, f) in repositoryRuleFolders.enumerated() where f.hasPrefix("/") || f.split(separator: "/").contains("..") {
                throw try r.sequence()[i].error("rule folders are paths inside the repository (no leading '/', no '..')")
            }
        }
        picketRules = try s.optional("picket-rules")?.bool() ?? true
        exclude = try s.optional("exclude")?.strings() ?? []
        include = try s.optional("include")?.strings() ?? []
        if let t = try s.optional("timeout") {
            timeoutSeconds = try t.int()
            guard timeoutSeconds > 0 else { throw t.error("expected a positive number of seconds") }
        }
        if let t = try s.optional("file-timeout") {
            fileTimeoutSeconds = try t.int()
            guard fileTimeoutSeconds > 0 else { throw t.error("expected a positive number of seconds") }
        }
        if let m = try s.optional("max-target-bytes") {
            maxTargetBytes = try m.byteSize()
            guard maxTargetBytes > 0 else { throw m.error("expected a positive size") }
        }
        if let m = try s.optional("max-memory") {
            let bytes = try m.byteSize()
            // A bare number is MiB, as Semgrep's --max-memory reads it.
            maxMemoryMiB = (try? m.int()) ?? max(1, bytes >> 20)
            guard maxMemoryMiB >= 256 else { throw m.error("at least 256 MiB") }
        }
    }
}
