import PicketCore
import PicketSecrets

/// The scanners this build of Picket links, in the order reports list them. A new scanner module adds one line.
enum ScannerCatalog {
    static func registry(gitleaksConfig: String? = nil) -> ScannerRegistry {
        ScannerRegistry([
            SecretScanner(gitleaksConfig: gitleaksConfig),
        ])
    }
}
