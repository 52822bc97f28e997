import PicketCore

/// One of Picket's own IaC checks (what Checkov does not look at). One type per rule, registered in
/// `IaCRules.all`, each with positive and negative fixtures in the tests.
protocol IaCRule: Sendable {
    var id: String { get }
    var title: String { get }
    /// Whether the rule reads this file (by name).
    func applies(to path: String) -> Bool
    func check(_ file: IaCFile) -> [Finding]
}

/// A file handed to the native rules.
struct IaCFile: Sendable {
    var path: String
    var bytes: [UInt8]

    var name: String { path.split(separator: "/").last.map(String.init) ?? path }

    func contains(_ s: String) -> Bool {
        bytes.withUnsafeBufferPointer { ByteSearch.find(Array(s.utf8), in: $0) != nil }
    }
}

enum IaCRules {
    static let all: [any IaCRule] = [
        TerraformLiteralSecretRule(),
        KubernetesSecretLiteralRule(),
        DockerfileSecretEnvRule(),
        DockerfileRemoteAddRule(),
    ]

    static func isDockerfile(_ name: String) -> Bool {
        name == "Dockerfile" || name == "Containerfile" || name.hasPrefix("Dockerfile.") || name.hasSuffix(".dockerfile")
            || name.hasSuffix(".Dockerfile")
    }
}

/// Builds the findings of the native IaC and pipeline rules the same way.
enum NativeFinding {
    static let credentialCWE = Identifier(type: "cwe", name: "CWE-798", value: "798", url: "https://cwe.mitre.org/data/definitions/798.html")

    static func make(kind: FindingKind, rule: String, title: String, message: String, severity: Severity,
                     confidence: Confidence = .high, path: String, line: Int, column: Int = 1, endLine: Int? = nil,
                     resource: String?, identity: String, snippet: String? = nil, preview: String? = nil,
                     identifiers: [Identifier] = [], fix: String?, references: [String] = []) -> Finding {
        Finding(kind: kind, ruleID: rule, title: title, message: message, severity: severity, confidence: confidence,
                location: Location(path: path, startLine: max(1, line), startColumn: max(1, column), endLine: endLine),
                evidence: Evidence(snippet: snippet, preview: preview),
                fingerprint: Fingerprint(kind: kind, rule: rule, path: path, identity: identity),
                identifiers: identifiers, code: CodeDetails(engine: "picket", resource: resource, fix: fix, references: references))
    }
}
