import PicketCore

/// The secrets scanner: working trees and git history, with the built-in rule pack, a repository's own rules
/// (`secrets:` in `.picket.yml`) and rules imported from a gitleaks configuration.
public struct SecretScanner: Scanner {
    public let id = "secrets"
    public let displayName = "Picket secrets"
    /// A gitleaks TOML file whose rules are added (`--gitleaks-config`).
    public var gitleaksConfig: String?

    public init(gitleaksConfig: String? = nil) {
        self.gitleaksConfig = gitleaksConfig
    }

    public func validate(config: PicketConfig) throws {
        let (set, _) = try ruleSet(for: config)
        _ = try set.rules.map(CompiledRule.init)
    }

    /// Built-in rules, then imported and the repository's rules (a same-id rule replaces a built-in one), then
    /// disabled ones removed. Also returns what an import could not carry over.
    public func ruleSet(for config: PicketConfig) throws -> (SecretRuleSet, [String]) {
        var set = try SecretRuleSet.builtIn()
        var warnings: [String] = []
        if let gitleaksConfig {
            let imported = try GitleaksConfigImporter.load(path: gitleaksConfig)
            set.add(imported.rules)
            set.allow = set.allow.merged(with: imported.allow)
            warnings = imported.warnings
        }
        if let section = config.section("secrets") {
            try section.checkKeys(["rules", "disable", "allow"])
            set.add(try SecretRuleFile.parseRules(try section.optional("rules")))
            set.remove(ids: Set(try section.optional("disable")?.strings() ?? []))
            if let a = try section.optional("allow") { set.allow = set.allow.merged(with: try SecretRuleFile.parseAllowlist(a)) }
        }
        set.remove(ids: config.disabledRules)
        return (set, warnings)
    }

    public func scan(_ target: ScanTarget, context: ScanContext) async throws -> ScannerOutput {
        let (set, importWarnings) = try ruleSet(for: target.config)
        let engine = try SecretEngine.build(set, cacheDirectory: try? context.dataDirectory.directory("cache"))
        let limit = target.config.maxFileSize ?? FileWalker.defaultMaxFileSize
        var result: SecretScanResult
        switch target.mode {
        case .workingTree:
            result = await WorkingTreeScan(engine: engine, root: target.root, files: target.inventory.files,
                                           limit: max(limit, target.inventory.files.map(\.size).max() ?? 0),
                                           context: context).run()
        case .history:
            result = try await HistoryScan(engine: engine, root: target.root, limit: limit, context: context).run()
        }
        let findings = FindingGrouper(engine: engine).findings(from: result.hits)
        context.progress.findings.add(findings.count, ordering: .relaxed)
        result.diagnostics += importWarnings.map { ScanDiagnostic(.warning, scanner: id, $0) }
        result.stats["rules"] = engine.rules.count
        result.stats["findings"] = findings.count
        return ScannerOutput(findings: findings, diagnostics: result.diagnostics, stats: result.stats)
    }
}

struct SecretScanResult {
    var hits: [SecretHit] = []
    var diagnostics: [ScanDiagnostic] = []
    var stats: [String: Int] = [:]

    mutating func merge(_ other: SecretScanResult) {
        hits += other.hits
        diagnostics += other.diagnostics
        for (k, v) in other.stats { stats[k, default: 0] += v }
    }
}
