/// Semgrep Community Edition from Picket's Python venv (`scripts/python-venv.sh`, pinned in
/// `scripts/requirements-engines.txt`), or the file `PICKET_SEMGREP` names.
public struct SemgrepEngine: SASTEngine {
    public let name = "semgrep"
    public let executable: String
    public let supportedVersions = EngineVersion([1, 100, 0])..<EngineVersion([2, 0, 0])
    public let pinnedVersion: EngineVersion? = EngineVersion([1, 185, 0])
    public let installHint = "run scripts/python-venv.sh (or `make engines`) to create .venv with the pinned semgrep, or set PICKET_SEMGREP to a semgrep executable"

    public init(executable: String) { self.executable = executable }

    public func versionArguments() -> [String] { ["--version", "--disable-version-check"] }

    public func scanArguments(_ request: SASTRequest, targets: [String]) -> [String] {
        SemgrepFamilyArguments.build(request, targets: targets)
    }

    public func environment(isolated: [String: String]) -> [String: String] {
        SemgrepFamilyArguments.environment(isolated, executable: executable)
    }
}
