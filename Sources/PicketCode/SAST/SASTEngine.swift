import PicketCore

/// One SAST engine that reads Semgrep-syntax rules and writes Semgrep's JSON: Semgrep CE and Opengrep today.
/// An implementation says how to call it; `SASTEngineRunner` does the running, batching, decoding and error
/// handling for all of them.
public protocol SASTEngine: Sendable {
    /// `semgrep`, `opengrep`: used in findings (`CodeDetails.engine`) and messages.
    var name: String { get }
    /// Absolute path of the executable.
    var executable: String { get }
    /// Versions whose CLI and JSON this adapter was written against; others are refused.
    var supportedVersions: Range<EngineVersion> { get }
    /// The version Picket pins (`scripts/requirements-engines.txt`); another supported one gets a notice.
    var pinnedVersion: EngineVersion? { get }
    /// How to get this engine, for "not installed" and "wrong version" messages.
    var installHint: String { get }

    func versionArguments() -> [String]
    /// The full argument vector for one batch of targets (relative paths, already `./`-prefixed).
    func scanArguments(_ request: SASTRequest, targets: [String]) -> [String]
    /// Variables the engine needs on top of the isolated HOME/XDG ones (metrics and update checks off).
    func environment(isolated: [String: String]) -> [String: String]
}

/// What to run: rule folders, limits. Targets are passed per batch.
public struct SASTRequest: Sendable {
    public var ruleFolders: [String]
    public var perFileTimeoutSeconds: Int
    public var maxTargetBytes: Int
    /// MiB, passed as `--max-memory`; the process also gets an address-space cap above it.
    public var maxMemoryMiB: Int
    public var jobs: Int

    public init(ruleFolders: [String], perFileTimeoutSeconds: Int, maxTargetBytes: Int, maxMemoryMiB: Int, jobs: Int) {
        self.ruleFolders = ruleFolders
        self.perFileTimeoutSeconds = perFileTimeoutSeconds
        self.maxTargetBytes = maxTargetBytes
        self.maxMemoryMiB = maxMemoryMiB
        self.jobs = jobs
    }
}

/// Flags shared by Semgrep CE and its fork Opengrep: JSON out, nothing phoned home, only the given rule
/// folders (never registry rules), the limits, and ignore files left to Picket (explicit targets bypass them).
enum SemgrepFamilyArguments {
    static func build(_ r: SASTRequest, targets: [String]) -> [String] {
        var a = ["scan", "--json", "--metrics=off", "--disable-version-check", "--no-rewrite-rule-ids",
                 "--no-git-ignore", "--timeout", String(max(1, r.perFileTimeoutSeconds)), "--timeout-threshold", "3",
                 "--max-target-bytes", String(r.maxTargetBytes), "--max-memory", String(r.maxMemoryMiB),
                 "-j", String(max(1, r.jobs))]
        for f in r.ruleFolders { a += ["--config", f] }
        return a + targets
    }

    static func environment(_ isolated: [String: String], executable: String) -> [String: String] {
        var env = isolated
        let bin = executable.split(separator: "/").dropLast().joined(separator: "/")
        env["PATH"] = "/\(bin):/usr/local/bin:/usr/bin:/bin"
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env["SEMGREP_SEND_METRICS"] = "off"
        env["SEMGREP_ENABLE_VERSION_CHECK"] = "0"
        env["SEMGREP_SETTINGS_FILE"] = (isolated["HOME"] ?? "/nonexistent") + "/semgrep-settings.yml"
        env["SEMGREP_LOG_FILE"] = (isolated["HOME"] ?? "/nonexistent") + "/semgrep.log"
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["NO_COLOR"] = "1"
        return env
    }
}
