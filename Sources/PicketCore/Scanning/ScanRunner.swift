import Foundation

/// Runs a set of scanners over one target and assembles the report. Shared by the CLI, GitLab scans and
/// the server's workers, so every entry point scans the same way. A scanner that throws is recorded as failed
/// with its error; the others' results are kept.
public struct ScanRunner: Sendable {
    public var scanners: [any Scanner]
    public var policy: FindingPolicy

    public init(scanners: [any Scanner], policy: FindingPolicy) {
        self.scanners = scanners
        self.policy = policy
    }

    /// Builds a target for a local folder: resolves the root, finds git HEAD, walks the files.
    public static func makeTarget(path: String, mode: ScanTarget.Mode, config: PicketConfig,
                                  maxFileSize: Int? = nil, origin: ScanOrigin? = nil) async throws -> ScanTarget {
        let root = try FileWalker.resolveRoot(path)
        var resolvedOrigin = origin ?? ScanOrigin()
        if origin == nil, let head = await Git.head(of: root) {
            resolvedOrigin.commit = head.commit
            resolvedOrigin.branch = head.branch
        }
        let walker = FileWalker(maxFileSize: maxFileSize ?? config.maxFileSize ?? FileWalker.defaultMaxFileSize,
                                ignore: config.ignorePaths)
        // A bare repository has no work tree: its files are git's own, and only history scanning applies.
        let bare = mode == .history ? await Git.isBareRepository(root) : false
        // The walk blocks on the file system: keep it off Swift's cooperative threads.
        let inventory = bare ? FileInventory(files: []) : await withCheckedContinuation { cont in
            Thread.detachNewThread { cont.resume(returning: walker.walk(root: root)) }
        }
        return ScanTarget(root: root, mode: mode, origin: resolvedOrigin, config: config, inventory: inventory)
    }

    public func run(_ target: ScanTarget, context: ScanContext) async -> ScanReport {
        let started = Date()
        context.progress.totalFiles.store(target.inventory.files.count, ordering: .relaxed)
        context.progress.totalBytes.store(target.inventory.totalBytes, ordering: .relaxed)
        var runs: [ScannerRun] = []
        var findings: [Finding] = []
        var components: [Component] = []
        var diagnostics = target.inventory.diagnostics
        await withTaskGroup(of: (Int, ScannerRun, ScannerOutput).self) { group in
            for (index, scanner) in scanners.enumerated() {
                group.addTask {
                    let t0 = ContinuousClock.now
                    do {
                        let out = try await scanner.scan(target, context: context)
                        let run = ScannerRun(id: scanner.id, name: scanner.displayName, status: .ok,
                                             durationSeconds: (ContinuousClock.now - t0).seconds, stats: out.stats)
                        return (index, run, out)
                    } catch {
                        let run = ScannerRun(id: scanner.id, name: scanner.displayName, status: .failed,
                                             error: "\(error)", durationSeconds: (ContinuousClock.now - t0).seconds, stats: [:])
                        let diag = ScanDiagnostic(.error, scanner: scanner.id, "scanner failed: \(error)")
                        let kept = (error as? ScannerFailure)?.diagnostics ?? []
                        return (index, run, ScannerOutput(diagnostics: kept + [diag]))
                    }
                }
            }
            var results: [(Int, ScannerRun, ScannerOutput)] = []
            for await r in group { results.append(r) }
            for (_, run, out) in results.sorted(by: { $0.0 < $1.0 }) {
                runs.append(run)
                findings.append(contentsOf: out.findings)
                components.append(contentsOf: out.components)
                diagnostics.append(contentsOf: out.diagnostics)
            }
        }
        let applied = policy.applyReporting(findings)
        diagnostics.append(contentsOf: applied.diagnostics)
        let filtered = Finding.inReportOrder(applied.findings)
        return ScanReport(target: TargetInfo(root: target.root, mode: target.mode, origin: target.origin),
                          startedAt: started, finishedAt: Date(), scanners: runs, findings: filtered, diagnostics: diagnostics,
                          components: components)
    }
}

extension Finding {
    /// `findings` sorted by `reportOrder`. Sorts positions, not the findings themselves: moving large values
    /// through a sort cost more than comparing them.
    public static func inReportOrder(_ findings: [Finding]) -> [Finding] {
        let order = findings.withUnsafeBufferPointer { f in
            f.indices.sorted { reportOrder(f[$0], f[$1]) }
        }
        if order.elementsEqual(findings.indices) { return findings }
        return order.map { findings[$0] }
    }

    /// Deterministic order for reports: path, line, column, rule, fingerprint.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.location.path != b.location.path { return a.location.path < b.location.path }
        if a.location.startLine != b.location.startLine { return a.location.startLine < b.location.startLine }
        if a.location.startColumn != b.location.startColumn { return a.location.startColumn < b.location.startColumn }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        return a.fingerprint < b.fingerprint
    }
}

extension Duration {
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
