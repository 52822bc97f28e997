import Foundation
import PicketGitLab
import PicketStore

/// Writes a merge request's feedback: updates Picket's note (found by its marker; `PUT …/notes/:id`) or creates it
/// once, then sets the `picket/security` commit status on the MR head. GitLab throttling (429) puts the job back
/// on the queue for after `Retry-After`; feedback for a head that is no longer the MR's head is dropped (the newer
/// push has its own).
struct FeedbackJob: JobHandler {
    let services: PlatformServices
    var type: String { JobType.mergeRequestFeedback }

    func run(_ job: Job, worker: JobContext) async throws -> String? {
        let p = try JobPayload.decode(FeedbackPayload.self, job)
        let ws = try await services.store.workspace(p.workspace)
        let gitlab = try await WorkspaceGitLab(workspace: ws, services: services)
        let projectID = Int(p.projectID), iid = Int(p.iid)
        return try await gitlab.withClient { client -> String in
            let mr = try await client.mergeRequest(projectID: projectID, iid: iid)
            if let head = mr.sha, head != p.sha {
                return #"{"skipped":"stale: the merge request moved to \#(head)"}"#
            }
            let notes = try await client.mergeRequestNotes(projectID: projectID, iid: iid)
            let noteID: Int
            let action: String
            if let existing = notes.first(where: { $0.body.contains(MergeRequestNote.marker) && $0.system != true }) {
                noteID = existing.id
                if existing.body != p.note {
                    _ = try await write("note") {
                        try await client.updateMergeRequestNote(projectID: projectID, iid: iid, noteID: existing.id, body: p.note)
                    }
                    action = "updated"
                } else {
                    action = "unchanged"
                }
            } else {
                let created = try await write("note") { try await client.createMergeRequestNote(projectID: projectID, iid: iid, body: p.note) }
                noteID = created.id
                action = "created"
            }
            let state = CommitState(rawValue: p.state) ?? .failed
            _ = try await write("status") {
                try await client.setCommitStatus(projectID: projectID, sha: p.sha, state: state, name: MergeRequestNote.statusName,
                                                 ref: p.sourceBranch, targetURL: services.publicURL.link("/scans/\(p.scan)"),
                                                 description: p.statusDescription)
            }
            return #"{"note":\#(noteID),"noteAction":"\#(action)","status":"\#(state.rawValue)"}"#
        }
    }

    private func write<T>(_ kind: String, _ body: () async throws -> T) async throws -> T {
        do {
            let r = try await body()
            services.metrics.increment("picket_gitlab_writes_total", [("kind", kind), ("outcome", "ok")])
            return r
        } catch let e as GitLabError {
            if case .rateLimited = e {
                services.metrics.increment("picket_gitlab_writes_total", [("kind", kind), ("outcome", "rate_limited")])
            } else {
                services.metrics.increment("picket_gitlab_writes_total", [("kind", kind), ("outcome", "error")])
            }
            throw e
        }
    }
}
