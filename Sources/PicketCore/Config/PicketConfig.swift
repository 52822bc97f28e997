import Foundation

/// A repository's `.picket.yml` (or the file given with `--config`). Core reads the settings every scanner
/// shares; each scanner decodes its own section (`secrets:`, `deps:` ...) from `section(_:)`.
///
/// ```yaml
/// version: 1
/// scanners: [secrets, deps]
/// fail-on: high
/// max-file-size: 10MB
/// ignore:
///   paths: ["vendor/**", "**/*.min.js"]
///   rules: [generic-api-key]
///   findings:
///     - fingerprint: 3f2a...
///       reason: test fixture
///       until: 2027-03-31          # optional: the ignore ends after this day (UTC)
///   vulnerabilities:
///     - id: CVE-2024-1234          # any id or alias of the vulnerability
///       package: lodash            # optional: only this package
///       reason: not reachable from our code
/// severity:
///   generic-api-key: low
/// secrets:
///   rules: [...]
/// ```
public struct PicketConfig: Sendable {
    public static let fileName = ".picket.yml"
    /// Top-level keys that belong to scanners. Listed here so a typo at the top level is an error.
    public static let scannerSections: Set<String> = ["secrets", "deps", "sast", "iac", "pipeline", "licenses"]
    static let topLevelKeys: Set<String> = ["version", "scanners", "fail-on", "max-file-size", "ignore", "severity"]

    /// The file this came from, nil for defaults.
    public var source: String?
    public var scanners: [String]?
    public var failOn: Severity?
    public var maxFileSize: Int?
    public var ignorePaths: GlobSet
    public var disabledRules: Set<String>
    /// Fingerprint → why it is ignored (and until when).
    public var ignoredFindings: [String: IgnoreRule]
    /// Vulnerabilities ignored by id or alias, optionally for one package only.
    public var ignoredVulnerabilities: [VulnerabilityIgnore]
    /// Rule id (or glob over rule ids) → severity.
    public var severityOverrides: [(rule: Glob, severity: Severity)]
    private var sections: [String: ConfigReader]

    public init() {
        source = nil
        ignorePaths = GlobSet([])
        disabledRules = []
        ignoredFindings = [:]
        ignoredVulnerabilities = []
        severityOverrides = []
        sections = [:]
    }

    /// The scanner's own section, nil when the file has none.
    public func section(_ name: String) -> ConfigReader? { sections[name] }

    /// Loads `--config FILE` when given, else `<root>/.picket.yml` when present, else defaults.
    public static func load(root: String, explicit: String?) throws -> PicketConfig {
        if let explicit {
            return try load(file: explicit)
        }
        let path = root + "/" + fileName
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { return PicketConfig() }
        return try load(file: path, displayName: fileName)
    }

    public static func load(file: String, displayName: String? = nil) throws -> PicketConfig {
        let name = displayName ?? file
        guard let data = FileManager.default.contents(atPath: file) else {
            throw PicketError.config(file: name, line: nil, key: nil, message: "cannot read the file")
        }
        guard data.count <= 4 << 20 else {
            throw PicketError.config(file: name, line: nil, key: nil, message: "file larger than 4 MB")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PicketError.config(file: name, line: nil, key: nil, message: "not valid UTF-8")
        }
        return try parse(yaml: text, file: name)
    }

    public static func parse(yaml text: String, file: String) throws -> PicketConfig {
        let root = try ConfigReader.parse(yaml: text, file: file)
        var config = PicketConfig()
        config.source = file
        if root.isNull { return config }
        try root.checkKeys(topLevelKeys.union(scannerSections))
        if let v = try root.optional("version") {
            guard try v.int() == 1 else { throw v.error("unsupported version; this Picket reads version 1") }
        }
        config.scanners = try root.optional("scanners")?.strings()
        config.failOn = try root.optional("fail-on")?.severity()
        config.maxFileSize = try root.optional("max-file-size")?.byteSize()
        if let ignore = try root.optional("ignore") {
            try ignore.checkKeys(["paths", "rules", "findings", "vulnerabilities"])
            config.ignorePaths = GlobSet(try ignore.optional("paths")?.strings() ?? [])
            config.disabledRules = Set(try ignore.optional("rules")?.strings() ?? [])
            for item in try ignore.optional("findings")?.sequence() ?? [] {
                try item.checkKeys(["fingerprint", "reason", "until"])
                let fp = try item.require("fingerprint").string()
                config.ignoredFindings[fp] = try IgnoreRule(item, file: file)
            }
            for item in try ignore.optional("vulnerabilities")?.sequence() ?? [] {
                config.ignoredVulnerabilities.append(try VulnerabilityIgnore(item, file: file))
            }
        }
        if let sev = try root.optional("severity") {
            config.severityOverrides = try sev.mapping().map { (Glob($0.key), try $0.reader.severity()) }
        }
        for name in scannerSections {
            if let s = try root.optional(name) { config.sections[name] = s }
        }
        return config
    }
}
