/// Opengrep, the open fork of Semgrep's engine: a single binary the user names with `PICKET_OPENGREP` (Picket
/// does not download it). Same rule syntax, CLI flags and JSON as Semgrep 1.x.
public struct OpengrepEngine: SASTEngine {
    public let name = "opengrep"
    public let executable: String
    public let supportedVersions = EngineVersion([1, 0, 0])..<EngineVersion([2, 0, 0])
    public let pinnedVersion: EngineVersion? = nil
    public let installHint = "install an Opengrep 1.x binary and set PICKET_OPENGREP to its path"

    public init(executable: String) { self.executable = executable }

    public func versionArguments() -> [String] { ["--version"] }

    public func scanArguments(_ request: SASTRequest, targets: [String]) -> [String] {
        SemgrepFamilyArguments.build(request, targets: targets)
    }

    public func environment(isolated: [String: String]) -> [String: String] {
        SemgrepFamilyArguments.environment(isolated, executable: executable)
    }
}
