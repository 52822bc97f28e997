import Foundation
import PicketCore
import PicketGitLab
import PicketStore

/// Fetches one branch of a repository with the hardened fetcher and scans it with every scanner, under the
/// project's own `.picket.yml` (a broken one is reported as a diagnostic and the defaults apply). Secrets are
/// never revealed: the report holds redacted previews and hashes only.
struct RepositoryScanRunner: Sendable {
    let services: PlatformServices

    struct Result: Sendable {
        var report: ScanReport
        var headSHA: String
    }

    func scan(_ gitlab: WorkspaceGitLab, repository: Repository, branch: String) async throws -> Result {
        let scanners = services.scanners()
        let dataDirectory = services.configuration.dataDirectory
        let options = services.configuration.fetchOptions
        do {
            return try await gitlab.fetcher.withClone(projectPath: repository.path, branch: branch, options: options) { repo in
                var diagnostics: [ScanDiagnostic] = []
                let config: PicketConfig
                do { config = try PicketConfig.load(root: repo.root, explicit: nil) } catch {
                    diagnostics.append(ScanDiagnostic(.warning, scanner: "config", path: PicketConfig.fileName,
                                                      "ignored: \(error); scanned with the default configuration"))
                    config = PicketConfig()
                }
                var origin = ScanOrigin(branch: branch, projectPath: repository.path, projectURL: repository.webURL)
                origin.commit = await Git.head(of: repo.root)?.commit ?? CommitInfo(sha: repo.headSHA)
                let target = try await ScanRunner.makeTarget(path: repo.root, mode: .workingTree, config: config, origin: origin)
                let context = ScanContext(revealSecrets: false, parallelism: max(1, SystemInfo.activeProcessorCount),
                                          dataDirectory: dataDirectory)
                var report = await ScanRunner(scanners: scanners, policy: FindingPolicy(config: config)).run(target, context: context)
                for path in repo.skippedLargeFiles {
                    diagnostics.append(ScanDiagnostic(.notice, scanner: "gitlab", path: path, "skipped: blob over the size limit, not downloaded"))
                }
                report.diagnostics.append(contentsOf: diagnostics)
                // Whatever a scanner put there, no raw secret leaves this function.
                report.findings = report.findings.map { f in
                    var c = f
                    c.evidence.revealed = nil
                    return c
                }
                return Result(report: report, headSHA: repo.headSHA)
            }
        } catch let e as FetchError {
            let text = gitlab.redact(e.description)
            // A branch that no longer exists will not come back by retrying.
            if text.contains("Remote branch") && text.contains("not found") { throw JobFailure.permanent("cannot fetch \(repository.path)@\(branch): \(text)") }
            throw JobFailure.retryLater("cannot fetch \(repository.path)@\(branch): \(text)", after: nil)
        }
    }
}
