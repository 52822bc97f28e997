/// One problem found by one scanner. A value: scanners create it, filters and reports copy it, nothing mutates
/// it in place across tasks.
public struct Finding: Sendable, Hashable, Codable, Identifiable {
    public var kind: FindingKind
    /// The rule that fired (`gitlab-pat`, `GHSA-xxxx-...`, `python.sqli.format-string`).
    public var ruleID: String
    /// A one-line, human title ("GitLab personal access token").
    public var title: String
    /// Longer text: what it is and what to do.
    public var message: String
    public var severity: Severity
    public var confidence: Confidence
    /// The primary location.
    public var location: Location
    /// Further places where the same problem occurs (the same secret in several files, for example).
    public var additionalLocations: [Location]
    public var evidence: Evidence
    public var fingerprint: Fingerprint
    /// Weakness and standard identifiers: `CWE-798`, `A07:2021`, `CVE-2024-1234`.
    public var identifiers: [Identifier]
    /// Kind-specific facts; at most one is set, matching `kind`.
    public var secret: SecretDetails?
    public var dependency: DependencyDetails?
    public var code: CodeDetails?
    /// Set when a filter kept the finding but marked it (ignored in config, in baseline...). Reports show
    /// suppressed findings only on request and never count them for the exit code.
    public var suppression: Suppression?

    public var id: Fingerprint { fingerprint }

    public init(kind: FindingKind, ruleID: String, title: String, message: String, severity: Severity,
                confidence: Confidence = .high, location: Location, additionalLocations: [Location] = [],
                evidence: Evidence = Evidence(), fingerprint: Fingerprint, identifiers: [Identifier] = [],
                secret: SecretDetails? = nil, dependency: DependencyDetails? = nil, code: CodeDetails? = nil,
                suppression: Suppression? = nil) {
        self.kind = kind
        self.ruleID = ruleID
        self.title = title
        self.message = message
        self.severity = severity
        self.confidence = confidence
        self.location = location
        self.additionalLocations = additionalLocations
        self.evidence = evidence
        self.fingerprint = fingerprint
        self.identifiers = identifiers
        self.secret = secret
        self.dependency = dependency
        self.code = code
        self.suppression = suppression
    }

    /// Every place this finding occurs, primary first.
    public var allLocations: [Location] { [location] + additionalLocations }
}

/// An external identifier of a finding's weakness or advisory.
public struct Identifier: Sendable, Hashable, Codable {
    /// `cwe`, `owasp`, `cve`, `ghsa`, `osv`, `picket` ...
    public var type: String
    public var name: String
    public var value: String
    public var url: String?

    public init(type: String, name: String, value: String, url: String? = nil) {
        self.type = type
        self.name = name
        self.value = value
        self.url = url
    }
}

/// Why a finding does not count.
public struct Suppression: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case inlineComment = "inline-comment"
        case config
        case baseline
        case allowlist
    }
    public var kind: Kind
    public var reason: String

    public init(kind: Kind, reason: String) {
        self.kind = kind
        self.reason = reason
    }
}

public struct SecretDetails: Sendable, Hashable, Codable {
    /// Where the secret was found in an encoded form, the decoding chain (`base64`, `base64>percent`).
    public var decodedFrom: String?
    /// Result of the format's checksum, when the format has one: true = valid, nil = no checksum.
    public var checksumValid: Bool?
    public var entropy: Double?

    public init(decodedFrom: String? = nil, checksumValid: Bool? = nil, entropy: Double? = nil) {
        self.decodedFrom = decodedFrom
        self.checksumValid = checksumValid
        self.entropy = entropy
    }
}

/// A vulnerable or policy-violating package.
public struct DependencyDetails: Sendable, Hashable, Codable {
    public var ecosystem: String
    public var name: String
    public var version: String
    public var purl: String?
    public var direct: Bool?
    /// `runtime`, `dev`, `optional`...
    public var scope: String?
    /// Advisory ids grouped into this finding (the primary id is `ruleID`).
    public var aliases: [String]
    public var fixedVersions: [String]
    /// The smallest version that fixes every advisory on this package, when one exists.
    public var recommendedVersion: String?
    public var cvssVectors: [String]
    public var license: String?
    /// For a transitive package: the packages it came in through, from the direct dependency down.
    public var introducedThrough: [String]?

    public init(ecosystem: String, name: String, version: String, purl: String? = nil, direct: Bool? = nil,
                scope: String? = nil, aliases: [String] = [], fixedVersions: [String] = [],
                recommendedVersion: String? = nil, cvssVectors: [String] = [], license: String? = nil,
                introducedThrough: [String]? = nil) {
        self.ecosystem = ecosystem
        self.name = name
        self.version = version
        self.purl = purl
        self.direct = direct
        self.scope = scope
        self.aliases = aliases
        self.fixedVersions = fixedVersions
        self.recommendedVersion = recommendedVersion
        self.cvssVectors = cvssVectors
        self.license = license
        self.introducedThrough = introducedThrough
    }
}

/// A code or configuration weakness (SAST, IaC, CI pipeline).
public struct CodeDetails: Sendable, Hashable, Codable {
    /// The engine that reported it (`semgrep`, `checkov`, `picket`).
    public var engine: String
    /// IaC resource name, e.g. `aws_s3_bucket.logs`, or CI job name.
    public var resource: String?
    public var fix: String?
    public var references: [String]

    public init(engine: String, resource: String? = nil, fix: String? = nil, references: [String] = []) {
        self.engine = engine
        self.resource = resource
        self.fix = fix
        self.references = references
    }
}
