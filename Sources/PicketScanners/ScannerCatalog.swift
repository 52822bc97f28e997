import PicketCode
import PicketCore
import PicketDeps
import PicketSecrets

/// The scanners this build of Picket links, in the order reports list them. A new scanner module adds one line.
/// Shared by the CLI and the server, so both scan the same way. `requested` holds the ids the user named
/// (`--scanners` or `scanners:` in .picket.yml): a scanner whose engine or database is missing fails when it was asked for
/// by name and only warns when it runs by default.
public enum ScannerCatalog {
    public static func registry(gitleaksConfig: String? = nil, requested: [String]? = nil) -> ScannerRegistry {
        let asked = Set(requested ?? [])
        return ScannerRegistry([
            SecretScanner(gitleaksConfig: gitleaksConfig),
            DependencyScanner(required: asked.contains("deps")),
            SASTScanner(required: asked.contains("sast")),
            IaCScanner(required: asked.contains("iac")),
            PipelineScanner(),
        ])
    }
}
