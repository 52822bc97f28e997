import PicketCore

/// GitLab CI configuration checks, native Swift over `.gitlab-ci.yml` and its local includes. Always
/// available (no engine). Findings point at the file and line where the offending value is written, even when
/// it reaches a job through `include:`, `extends:` or `<<:`.
public struct PipelineScanner: PicketCore.Scanner {
    public let id = "pipeline"
    public let displayName = "Picket CI pipeline"

    public init() {}

    public func scan(_ target: ScanTarget, context: ScanContext) async throws -> ScannerOutput {
        let paths = target.inventory.files.map(\.path)
        guard paths.contains(CIConfigLoader.rootFile) else {
            return ScannerOutput(stats: ["files": 0])
        }
        var loader = CIConfigLoader(root: target.root, inventory: paths)
        guard let config = loader.load() else {
            return ScannerOutput(diagnostics: loader.diagnosticsSoFar, stats: ["files": 0])
        }
        let pipeline = CIPipeline(config: config)
        var findings: [Finding] = []
        var seen = Set<Fingerprint>()
        for check in PipelineChecks.all {
            for f in check.check(pipeline) where seen.insert(f.fingerprint).inserted {
                findings.append(f)
            }
        }
        context.progress.findings.add(findings.count, ordering: .relaxed)
        return ScannerOutput(findings: findings, diagnostics: config.diagnostics,
                             stats: ["files": config.files.count, "jobs": pipeline.visibleJobs.count, "findings": findings.count])
    }
}
