import PicketCore

/// SAST: Picket's own Semgrep-syntax rule pack (`rules/sast`) and the repository's rule folders, run by Semgrep
/// CE or Opengrep over the files Picket selects, results mapped to Picket findings with Picket fingerprints.
///
/// A missing engine is a warning when SAST runs by default, and a failure when it was asked for explicitly
/// (`--scanners sast`): the scan must not look clean when the requested analysis never happened.
public struct SASTScanner: PicketCore.Scanner {
    public let id = "sast"
    public let displayName = "Picket SAST"
    public var locator: EngineLocator
    /// True when the user asked for this scanner by name: then a missing engine fails the scan.
    public var required: Bool
    /// Picket's rule folders; nil = find `rules/sast` through the locator.
    public var picketRuleFolders: [String]?
    /// Lower the per-batch argument budget (tests of batching); nil = the kernel's limit.
    public var argumentBudget: Int?

    public init(locator: EngineLocator = EngineLocator(), required: Bool = false, picketRuleFolders: [String]? = nil,
                argumentBudget: Int? = nil) {
        self.locator = locator
        self.required = required
        self.picketRuleFolders = picketRuleFolders
        self.argumentBudget = argumentBudget
    }

    public func validate(config: PicketConfig) throws {
        _ = try SASTSettings(config: config)
    }

    /// The engine the settings ask for, or why it cannot run.
    public func engine(for settings: SASTSettings) -> Result<any SASTEngine, SASTEngineFailure> {
        switch settings.engine {
        case .semgrep:
            switch locator.locate("semgrep", variable: "PICKET_SEMGREP") {
            case .found(let l): return .success(SemgrepEngine(executable: l.path))
            case .badOverride(let v, let p): return .failure(.badOverride(variable: v, path: p))
            case .notFound: return .failure(.notInstalled(engine: "semgrep", hint: SemgrepEngine(executable: "").installHint))
            }
        case .opengrep:
            switch locator.locate("opengrep", variable: "PICKET_OPENGREP", venv: false) {
            case .found(let l): return .success(OpengrepEngine(executable: l.path))
            case .badOverride(let v, let p): return .failure(.badOverride(variable: v, path: p))
            case .notFound: return .failure(.notInstalled(engine: "opengrep", hint: OpengrepEngine(executable: "").installHint))
            }
        }
    }

    public func scan(_ target: ScanTarget, context: ScanContext) async throws -> ScannerOutput {
        let settings = try SASTSettings(config: target.config)
        var diagnostics: [ScanDiagnostic] = []
        if target.mode == .history {
            diagnostics.append(ScanDiagnostic(.notice, scanner: id, "SAST analyses the checked-out files, not every commit of the history"))
        }
        let engine: any SASTEngine
        switch self.engine(for: settings) {
        case .success(let e): engine = e
        case .failure(let f):
            if required { throw ScannerFailure(f.description, diagnostics: diagnostics) }
            diagnostics.append(ScanDiagnostic(.warning, scanner: id, "SAST skipped: \(f)"))
            return ScannerOutput(diagnostics: diagnostics, stats: ["skipped": 1])
        }

        // Rule folders: Picket's pack, then the repository's own.
        var folders: [String] = []
        if settings.picketRules {
            if let given = picketRuleFolders { folders += given }
            else if let found = locator.ruleFolder("sast") { folders.append(found) }
            else {
                let msg = "Picket's SAST rule pack (rules/sast) was not found beside the picket executable; set PICKET_RULES_DIR to the folder holding sast/"
                if required { throw ScannerFailure(msg, diagnostics: diagnostics) }
                diagnostics.append(ScanDiagnostic(.warning, scanner: id, "SAST skipped: \(msg)"))
                return ScannerOutput(diagnostics: diagnostics, stats: ["skipped": 1])
            }
        }
        for rel in settings.repositoryRuleFolders {
            guard let real = SafeFile.folder(root: target.root, relative: rel) else {
                throw PicketError.config(file: settings.source ?? PicketConfig.fileName, line: settings.rulesLine, key: "sast.rules",
                                         message: "'\(rel)' is not a folder inside the repository")
            }
            folders.append(real)
        }
        guard !folders.isEmpty else {
            diagnostics.append(ScanDiagnostic(.notice, scanner: id, "no SAST rules configured (sast.picket-rules is false and sast.rules is empty)"))
            return ScannerOutput(diagnostics: diagnostics, stats: ["rules": 0])
        }
        var ruleCount = 0
        var languages = Set<String>()
        for f in folders {
            let index = try RulePackIndex.load(folder: f)
            ruleCount += index.ruleIDs.count
            languages.formUnion(index.languages)
        }
        guard ruleCount > 0 else {
            throw ScannerFailure("no SAST rules found in \(folders.joined(separator: ", "))", diagnostics: diagnostics)
        }

        let selection = SASTTargetSelector(settings: settings, languages: languages).select(target)
        diagnostics += selection.diagnostics
        var stats = ["rules": ruleCount, "excluded": selection.excluded, "too-large": selection.tooLarge,
                     "files": selection.targets.count, "bytes": selection.targets.reduce(0) { $0 + $1.size }]
        guard !selection.targets.isEmpty else {
            return ScannerOutput(diagnostics: diagnostics, stats: stats)
        }

        let request = SASTRequest(ruleFolders: folders, perFileTimeoutSeconds: settings.fileTimeoutSeconds,
                                  maxTargetBytes: settings.maxTargetBytes, maxMemoryMiB: settings.maxMemoryMiB,
                                  jobs: context.parallelism)
        var runner = SASTEngineRunner(engine: engine, request: request, wallClock: .seconds(settings.timeoutSeconds))
        if let argumentBudget { runner.argumentBudget = argumentBudget }
        context.progress.setPhase("SAST (\(engine.name), \(selection.targets.count) files)")
        let output: SASTEngineRunner.Output
        do {
            output = try await runner.run(targets: selection.targets.map(\.path), root: target.root)
        } catch let f as SASTEngineFailure {
            throw ScannerFailure(f.description, diagnostics: diagnostics)
        }
        if let v = output.version, let pinned = engine.pinnedVersion, v != pinned {
            diagnostics.append(ScanDiagnostic(.notice, scanner: id, "\(engine.name) \(v) is not the pinned \(pinned); results may differ from CI"))
        }
        diagnostics += SASTFindingMapper.diagnostics(output.errors, engine: engine.name)
        var mapper = SASTFindingMapper(root: target.root, engineName: engine.name)
        let findings = mapper.findings(output.results)
        context.progress.advance(files: selection.targets.count, bytes: selection.targets.reduce(0) { $0 + $1.size })
        context.progress.findings.add(findings.count, ordering: .relaxed)
        stats["batches"] = output.batches
        stats["findings"] = findings.count
        stats["engine-errors"] = output.errors.count
        return ScannerOutput(findings: findings, diagnostics: diagnostics, stats: stats)
    }
}
