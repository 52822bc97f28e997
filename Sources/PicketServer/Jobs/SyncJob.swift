import Foundation
import PicketCore
import PicketGitLab
import PicketStore

/// Keeps a workspace in step with its GitLab group: checks the token, lists the projects (subgroups included),
/// adds new ones, marks archived ones, removes those that left, installs or repairs webhooks, and queues a scan
/// of every project whose default-branch head moved since its last scan (or that was never scanned).
struct SyncJob: JobHandler {
    let services: PlatformServices
    var type: String { JobType.sync }

    struct Summary: Codable, Sendable {
        var projects = 0
        var added = 0
        var removed = 0
        var archived = 0
        var scansQueued = 0
        var hooks: [String: Int] = [:]
        var hookMode = "project"
        var notes: [String] = []
    }

    func run(_ job: Job, worker: JobContext) async throws -> String? {
        let p = try JobPayload.decode(SyncPayload.self, job)
        let store = services.store
        let ws: Workspace
        do { ws = try await store.workspace(p.workspace) } catch StoreError.notFound {
            throw JobFailure.permanent("workspace \(p.workspace) was deleted")
        }
        let gitlab = try await WorkspaceGitLab(workspace: ws, services: services)
        let summary: Summary
        do {
            summary = try await gitlab.withClient { client in try await sync(ws, client: client) }
        } catch let e as GitLabError {
            switch e {
            case .unauthorized, .tokenExpired, .tokenRevoked, .insufficientScope:
                _ = try? await store.recordTokenCheck(ws.id, ok: false, message: gitlab.redact("\(e)"), at: Date())
            default: break
            }
            throw e
        }
        return try JobPayload.encode(summary)
    }

    private func sync(_ ws: Workspace, client: GitLabClient) async throws -> Summary {
        let store = services.store
        var summary = Summary()
        let user = try await client.currentUser()
        var scopes = ws.token?.scopes ?? []
        if let info = try? await client.tokenSelf() {
            scopes = info.scopes
            if info.revoked == true || info.active == false {
                throw JobFailure.permanent("the workspace token is \(info.revoked == true ? "revoked" : "not active"); replace it on the token page")
            }
        }
        let group = try await client.group(ws.groupID.map(String.init) ?? ws.groupPath)
        let membership = try? await client.effectiveMembership(groupID: group.id, userID: user.id)
        let plan = (try? await client.namespace(group.topLevelPath))?.plan?.lowercased()

        let discovered = try await ProjectDiscovery(client: client).discover(
            group: group, options: DiscoveryOptions(includeArchived: true, includeEmpty: true, withShared: false, concurrency: 4))
        summary.projects = discovered.count
        let before = try await store.repositories(workspaceID: ws.id, includeArchived: true)
        let known = Dictionary(before.map { ($0.gitlabProjectID, $0) }, uniquingKeysWith: { a, _ in a })
        var current: [Int64: (Repository, DiscoveredProject)] = [:]
        for d in discovered {
            let archived = d.project.archived == true
            let repo = try await store.upsertRepository(workspaceID: ws.id, RepositoryInfo(
                gitlabProjectID: Int64(d.project.id), path: d.path, webURL: d.project.webUrl, defaultBranch: d.branch ?? d.project.defaultBranch,
                archived: archived))
            if known[repo.gitlabProjectID] == nil { summary.added += 1 }
            if archived { summary.archived += 1 }
            current[repo.gitlabProjectID] = (repo, d)
        }
        for old in before where current[old.gitlabProjectID] == nil {
            try await store.deleteRepository(old.id)
            summary.removed += 1
        }

        // Webhooks: need the api scope and Maintainer (project hooks) or Owner on Premium/Ultimate (group hook).
        let role = membership?.accessLevel ?? (user.isAdmin == true ? 50 : 0)
        let installer = HookInstaller(services: services)
        if !scopes.contains("api") {
            summary.hookMode = "none"
            summary.notes.append("no webhooks: the token lacks the api scope (pushes and merge requests are not scanned automatically)")
        } else if role >= 50, plan == "premium" || plan == "ultimate" || plan == "premium_trial" || plan == "ultimate_trial" {
            summary.hookMode = "group"
            do {
                let o = try await installer.ensureGroupHook(client, workspace: ws, groupID: group.id)
                summary.hooks[o.rawValue, default: 0] += 1
            } catch let e as GitLabError {
                summary.notes.append("group hook: \(e)")
                summary.hookMode = "project"
            }
        } else if role < 40 {
            summary.hookMode = "none"
            summary.notes.append("no webhooks: the account is not Maintainer in the group")
        }
        if summary.hookMode == "project" {
            for (repo, _) in current.values.sorted(by: { $0.0.id < $1.0.id }) where !repo.archived {
                do {
                    let o = try await installer.ensureProjectHook(client, repository: repo)
                    summary.hooks[o.rawValue, default: 0] += 1
                } catch let e as GitLabError {
                    if case .rateLimited = e { throw e }
                    summary.hooks[HookInstaller.Outcome.failed.rawValue, default: 0] += 1
                    summary.notes.append("hook of \(repo.path): \(e)")
                }
            }
        }

        // Scans of moved heads.
        let queue = JobQueueing(services: services)
        for (repo, d) in current.values.sorted(by: { $0.0.path < $1.0.path }) {
            guard !repo.archived, d.skip == nil, let branch = d.branch, let head = d.headSHA else { continue }
            if repo.lastScanID == nil || repo.lastHeadSHA != head {
                let r = try await queue.enqueueScan(ScanPayload(workspace: ws.id, repository: repo.id, branch: branch, sha: head, reason: "sync"))
                if r.created { summary.scansQueued += 1 }
            }
        }
        _ = try await store.recordTokenCheck(ws.id, ok: true, message: "sync: \(summary.projects) projects, \(summary.scansQueued) scans queued", at: Date())
        services.logger("sync").info("workspace synced", metadata: [
            "workspace": "\(ws.id)", "projects": "\(summary.projects)", "added": "\(summary.added)", "removed": "\(summary.removed)",
            "scans_queued": "\(summary.scansQueued)", "hooks": "\(summary.hooks)"])
        return summary
    }
}
