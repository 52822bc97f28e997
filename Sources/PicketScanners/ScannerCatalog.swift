import PicketCore
import PicketSecrets

/// The scanners this build of Picket links, in the order reports list them. A new scanner module adds one line.
/// Shared by the CLI and the server, so both scan the same way.
public enum ScannerCatalog {
    public static func registry(gitleaksConfig: String? = nil) -> ScannerRegistry {
        ScannerRegistry([
            SecretScanner(gitleaksConfig: gitleaksConfig),
        ])
    }
}
