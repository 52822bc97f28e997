import Foundation
import PicketCore

/// Fetches and scans the discovered projects of a group, a bounded number at a time. A project that cannot be
/// fetched (git error, too big, timeout) is reported as failed and the others go on.
public struct GroupScan: Sendable {
    public enum Event: Sendable {
        case fetching(String)
        case scanning(String)
        case finished(ProjectScanResult)
    }

    public var fetcher: SafeFetcher
    public var scanners: [any PicketCore.Scanner]
    /// One configuration for every project; nil = each project's own `.picket.yml` (defaults when absent).
    public var config: PicketConfig?
    public var baseline: Baseline?
    public var fetchOptions: FetchOptions
    public var concurrency: Int
    public var dataDirectory: DataDirectory
    public var revealSecrets: Bool
    public var onEvent: @Sendable (Event) -> Void

    public init(fetcher: SafeFetcher, scanners: [any PicketCore.Scanner], config: PicketConfig? = nil, baseline: Baseline? = nil,
                fetchOptions: FetchOptions = FetchOptions(), concurrency: Int = 4, dataDirectory: DataDirectory,
                revealSecrets: Bool = false, onEvent: @escaping @Sendable (Event) -> Void = { _ in }) {
        self.fetcher = fetcher
        self.scanners = scanners
        self.config = config
        self.baseline = baseline
        self.fetchOptions = fetchOptions
        self.concurrency = max(1, concurrency)
        self.dataDirectory = dataDirectory
        self.revealSecrets = revealSecrets
        self.onEvent = onEvent
    }

    /// Results in the order of `projects`.
    public func run(_ projects: [DiscoveredProject]) async -> [ProjectScanResult] {
        var out = [ProjectScanResult?](repeating: nil, count: projects.count)
        await withTaskGroup(of: (Int, ProjectScanResult).self) { group in
            var next = 0
            func launch() {
                guard next < projects.count else { return }
                let i = next, p = projects[i]
                next += 1
                group.addTask { (i, await self.scan(p)) }
            }
            for _ in 0..<concurrency { launch() }
            while let (i, r) = await group.next() {
                out[i] = r
                onEvent(.finished(r))
                launch()
            }
        }
        return out.compactMap { $0 }
    }

    func scan(_ d: DiscoveredProject) async -> ProjectScanResult {
        if let skip = d.skip { return ProjectScanResult(project: d, status: .skipped(skip)) }
        guard let branch = d.branch else { return ProjectScanResult(project: d, status: .skipped(.empty)) }
        let t0 = ContinuousClock.now
        onEvent(.fetching(d.path))
        do {
            let (report, skipped) = try await fetcher.withClone(projectPath: d.path, branch: branch, options: fetchOptions) { repo in
                onEvent(.scanning(d.path))
                var diagnostics: [ScanDiagnostic] = []
                let cfg: PicketConfig
                if let config {
                    cfg = config
                } else {
                    do { cfg = try PicketConfig.load(root: repo.root, explicit: nil) } catch {
                        diagnostics.append(ScanDiagnostic(.warning, scanner: "config", path: PicketConfig.fileName,
                                                          "ignored: \(error); scanned with the default configuration"))
                        cfg = PicketConfig()
                    }
                }
                var origin = ScanOrigin(branch: branch, projectPath: d.path, projectURL: d.project.webUrl)
                origin.commit = await Git.head(of: repo.root)?.commit ?? CommitInfo(sha: repo.headSHA)
                let target = try await ScanRunner.makeTarget(path: repo.root, mode: fetchOptions.history ? .history : .workingTree,
                                                             config: cfg, origin: origin)
                let context = ScanContext(revealSecrets: revealSecrets,
                                          parallelism: max(1, SystemInfo.activeProcessorCount / concurrency),
                                          dataDirectory: dataDirectory)
                var report = await ScanRunner(scanners: scanners, policy: FindingPolicy(config: cfg, baseline: baseline))
                    .run(target, context: context)
                for path in repo.skippedLargeFiles {
                    diagnostics.append(ScanDiagnostic(.notice, scanner: "gitlab", path: path,
                                                      "skipped: blob larger than \(fetchOptions.maxBlobBytes ?? 0) bytes, not downloaded"))
                }
                report.diagnostics.append(contentsOf: diagnostics)
                return (report, repo.skippedLargeFiles.count)
            }
            return ProjectScanResult(project: d, status: .scanned, report: report,
                                     durationSeconds: (ContinuousClock.now - t0).seconds, skippedLargeFiles: skipped)
        } catch let e as FetchError {
            return ProjectScanResult(project: d, status: .failed(e.description), durationSeconds: (ContinuousClock.now - t0).seconds)
        } catch is CancellationError {
            return ProjectScanResult(project: d, status: .failed("cancelled"), durationSeconds: (ContinuousClock.now - t0).seconds)
        } catch {
            return ProjectScanResult(project: d, status: .failed(fetcher.auth.redact("\(error)")),
                                     durationSeconds: (ContinuousClock.now - t0).seconds)
        }
    }
}

extension GroupScan {
    /// One report for the whole group: every finding with its path prefixed by the project path
    /// (`group/sub/project/src/app.py`), scanner runs added up per scanner (failed if any project's failed),
    /// and a diagnostic for each project that could not be scanned.
    public static func combinedReport(_ results: [ProjectScanResult], url: String, group: GitLabGroup,
                                      mode: ScanTarget.Mode, startedAt: Date) -> ScanReport {
        var findings: [Finding] = []
        var diagnostics: [ScanDiagnostic] = []
        var runs: [String: ScannerRun] = [:]
        var order: [String] = []
        for r in results {
            switch r.status {
            case .failed(let why):
                diagnostics.append(ScanDiagnostic(.error, scanner: "gitlab", path: r.path, "not scanned: \(why)"))
            case .skipped, .scanned:
                break
            }
            guard let report = r.report else { continue }
            let prefix = r.path + "/"
            for var f in report.findings {
                f.location.path = prefix + f.location.path
                f.additionalLocations = f.additionalLocations.map { var l = $0; l.path = prefix + l.path; return l }
                findings.append(f)
            }
            for var d in report.diagnostics {
                d.path = d.path.map { prefix + $0 } ?? r.path
                diagnostics.append(d)
            }
            for s in report.scanners {
                if var existing = runs[s.id] {
                    existing.durationSeconds += s.durationSeconds
                    for (k, v) in s.stats { existing.stats[k, default: 0] += v }
                    if s.status == .failed {
                        existing.status = .failed
                        existing.error = "\(r.path): \(s.error ?? "failed")"
                    }
                    runs[s.id] = existing
                } else {
                    var copy = s
                    if s.status == .failed { copy.error = "\(r.path): \(s.error ?? "failed")" }
                    runs[s.id] = copy
                    order.append(s.id)
                }
            }
        }
        let origin = ScanOrigin(projectPath: group.fullPath, projectURL: group.webUrl ?? "\(url)/\(group.fullPath)")
        return ScanReport(target: TargetInfo(root: "\(url)/\(group.fullPath)", mode: mode, origin: origin),
                          startedAt: startedAt, finishedAt: Date(), scanners: order.compactMap { runs[$0] },
                          findings: findings.sorted(by: Finding.reportOrder), diagnostics: diagnostics)
    }
}
