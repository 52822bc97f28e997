import Foundation
import PicketCore
import PicketGitLab
import PicketStore

/// Scans a merge request's source branch head, compares it with the target branch's findings, and queues the
/// feedback (one MR note, one commit status). The comparison is stored as an `mr` scan with its counts; the
/// MR's findings do not become the branch's findings over time (only default branches are tracked). A merge
/// request from a fork is not scanned (its branch lives in a project Picket does not watch).
struct MergeRequestScanJob: JobHandler {
    let services: PlatformServices
    var type: String { JobType.mergeRequestScan }

    func run(_ job: Job, worker: JobContext) async throws -> String? {
        let p = try JobPayload.decode(MergeRequestScanPayload.self, job)
        let store = services.store
        let repo: Repository
        do { repo = try await store.repository(p.repository) } catch StoreError.notFound {
            throw JobFailure.permanent("repository \(p.repository) was removed from the workspace")
        }
        let ws = try await store.workspace(repo.workspaceID)
        if let src = p.sourceProjectID, src != p.projectID {
            // The source branch lives in a fork Picket does not watch.
            return #"{"skipped":"merge request from a fork"}"#
        }
        let gitlab = try await WorkspaceGitLab(workspace: ws, services: services)
        // Tell GitLab the check is running (best effort: a status that is already running refuses the move).
        _ = try? await gitlab.withClient { client in
            try await client.setCommitStatus(projectID: Int(p.projectID), sha: p.sha, state: .running, name: MergeRequestNote.statusName,
                                             ref: p.sourceBranch, targetURL: services.publicURL.link("/repositories/\(repo.id)"),
                                             description: "Picket is scanning this commit")
        }

        // The findings to compare with: the default branch's as tracked over time (scanned first if it never was),
        // or, for a merge request into another branch, a scan of that branch made for this comparison only.
        let runner = RepositoryScanRunner(services: services)
        var oneOffTarget: [FindingDiff.TargetFinding]?
        if p.targetBranch == repo.defaultBranch {
            if try await store.latestSucceededScan(repositoryID: repo.id, ref: p.targetBranch) == nil {
                let baseline = try await store.createScan(NewScan(repositoryID: repo.id, kind: .full, ref: p.targetBranch))
                _ = try await store.startScan(baseline.id)
                do {
                    let r = try await runner.scan(gitlab, repository: repo, branch: p.targetBranch)
                    try await store.setScanCommit(baseline.id, sha: r.headSHA)
                    _ = try await store.recordScan(baseline.id, report: r.report)
                } catch {
                    _ = try? await store.failScan(baseline.id, error: gitlab.redact("\(error)"))
                    throw error
                }
            }
        } else {
            oneOffTarget = try await runner.scan(gitlab, repository: repo, branch: p.targetBranch).report.findings.map(FindingDiff.TargetFinding.init)
        }

        var scan: Scan
        if let existing = try await store.scan(jobID: job.id) {
            scan = existing
        } else {
            scan = try await store.createScan(NewScan(repositoryID: repo.id, kind: .mr, ref: p.sourceBranch, commitSHA: p.sha,
                                                      mergeRequestIID: p.iid, jobID: job.id))
        }
        if scan.status == .succeeded { return #"{"scan":\#(scan.id),"alreadyRecorded":true}"# }
        scan = try await store.startScan(scan.id)
        do {
            let r = try await runner.scan(gitlab, repository: repo, branch: p.sourceBranch)
            try await store.setScanCommit(scan.id, sha: r.headSHA)
            let target: [FindingDiff.TargetFinding]
            if let oneOffTarget { target = oneOffTarget } else { target = try await targetFindings(repositoryID: repo.id, branch: p.targetBranch) }
            let diff = FindingDiff.compute(report: r.report, target: target,
                                           fixableKinds: store.options.scannerKinds.fixableKinds(r.report.scanners))
            let note = MergeRequestNote(diff: diff, gate: ws.gateSeverity, sha: r.headSHA,
                                        scanURL: services.publicURL.link("/scans/\(scan.id)"),
                                        scannerFailures: r.report.scanners.filter { $0.status == .failed }.map(\.name))
            // Queue the feedback before marking the scan done: a crash in between repeats the scan, never loses the note.
            let feedback = FeedbackPayload(workspace: ws.id, repository: repo.id, projectID: p.projectID, iid: p.iid, sha: r.headSHA,
                                           sourceBranch: p.sourceBranch, state: note.statusState,
                                           statusDescription: note.statusDescription, note: note.render(), scan: scan.id)
            _ = try await store.enqueue(try JobQueueing(services: services).feedbackJob(feedback))
            services.doorbell.ring()
            scan = try await store.finishScan(scan.id, counts: ScanCounts(total: diff.total, new: diff.new.count, fixed: diff.fixed.count,
                                                                          reopened: 0, ignored: diff.ignored),
                                              scanners: r.report.scanners)
            services.metrics.increment("picket_scans_total", [("kind", "mr"), ("outcome", "succeeded")])
            return #"{"scan":\#(scan.id),"new":\#(diff.new.count),"fixed":\#(diff.fixed.count),"state":"\#(note.statusState)"}"#
        } catch {
            _ = try? await store.failScan(scan.id, error: gitlab.redact("\(error)"))
            services.metrics.increment("picket_scans_total", [("kind", "mr"), ("outcome", "failed")])
            throw error
        }
    }

    /// Every finding of the target branch that matters for the comparison (active and ignored).
    private func targetFindings(repositoryID: Int64, branch: String) async throws -> [FindingDiff.TargetFinding] {
        var out: [FindingDiff.TargetFinding] = []
        var cursor: String?
        repeat {
            let page = try await services.store.findings(FindingQuery(repositoryIDs: [repositoryID], branch: branch,
                                                                      states: [.open, .reopened, .ignored, .fixed],
                                                                      sort: .severity, limit: FindingQuery.maximumLimit, cursor: cursor))
            out += page.findings.map(FindingDiff.TargetFinding.init)
            cursor = page.nextCursor
        } while cursor != nil
        return out
    }
}
