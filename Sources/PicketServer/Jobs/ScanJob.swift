import Foundation
import PicketCore
import PicketGitLab
import PicketStore

/// Scans a repository's branch (the default branch: scheduled, on push, or by hand) and records the findings
/// over time. The scan row is keyed by the job, so a retried or reclaimed job continues the same scan and
/// `recordScan` writes it once.
struct ScanJob: JobHandler {
    let services: PlatformServices
    var type: String { JobType.scan }

    func run(_ job: Job, worker: JobContext) async throws -> String? {
        let p = try JobPayload.decode(ScanPayload.self, job)
        let store = services.store
        let repo: Repository
        do { repo = try await store.repository(p.repository) } catch StoreError.notFound {
            throw JobFailure.permanent("repository \(p.repository) was removed from the workspace")
        }
        let ws = try await store.workspace(repo.workspaceID)
        let gitlab = try await WorkspaceGitLab(workspace: ws, services: services)
        let kind: ScanKind = p.reason == "push" ? .push : .full
        var scan: Scan
        if let existing = try await store.scan(jobID: job.id) {
            scan = existing
        } else {
            scan = try await store.createScan(NewScan(repositoryID: repo.id, kind: kind, ref: p.branch, commitSHA: p.sha, jobID: job.id))
        }
        if scan.status == .succeeded { return try result(scan, alreadyRecorded: true) }
        scan = try await store.startScan(scan.id)
        do {
            let r = try await RepositoryScanRunner(services: services).scan(gitlab, repository: repo, branch: p.branch)
            try await store.setScanCommit(scan.id, sha: r.headSHA)
            let outcome = try await store.recordScan(scan.id, report: r.report)
            services.metrics.increment("picket_scans_total", [("kind", kind.rawValue), ("outcome", "succeeded")])
            return try result(outcome.scan, alreadyRecorded: outcome.alreadyRecorded)
        } catch {
            let message = gitlab.redact("\(error)")
            _ = try? await store.failScan(scan.id, error: message)
            services.metrics.increment("picket_scans_total", [("kind", kind.rawValue), ("outcome", "failed")])
            throw error
        }
    }

    private func result(_ scan: Scan, alreadyRecorded: Bool) throws -> String {
        struct R: Encodable { var scan: Int64; var total: Int; var new: Int; var fixed: Int; var alreadyRecorded: Bool }
        return try JobPayload.encode(R(scan: scan.id, total: scan.counts.total, new: scan.counts.new, fixed: scan.counts.fixed,
                                       alreadyRecorded: alreadyRecorded))
    }
}
