import Foundation
import PicketGitLab
import PicketStore

/// Installs and repairs Picket's webhooks: one project hook per project (push and merge request events), or one
/// group hook when the account is the group's Owner on Premium/Ultimate. Each hook gets a fresh random secret;
/// GitLab receives the secret, the store keeps only its SHA-256. A hook that disappeared, or whose secret Picket
/// no longer knows, is created again or given a new secret.
struct HookInstaller: Sendable {
    let services: PlatformServices

    enum Outcome: String, Sendable, Codable {
        case unchanged, installed, repaired, skipped, failed
    }

    var hookURL: String { services.publicURL.webhookURL }

    func settings(secret: String) -> HookSettings {
        // Loopback test instances run plain HTTP; everything else verifies TLS.
        HookSettings(url: hookURL, secret: secret, enableSSLVerification: services.publicURL.isHTTPS)
    }

    static func groupHookKey(_ workspaceID: Int64) -> String { "workspace.\(workspaceID).group_hook" }

    /// The project hook of one repository.
    func ensureProjectHook(_ client: GitLabClient, repository repo: Repository) async throws -> Outcome {
        let projectID = Int(repo.gitlabProjectID)
        let ours = try await client.projectHooks(projectID: projectID).filter { $0.url == hookURL }
        if let id = repo.hookID, repo.hasHookSecret, ours.contains(where: { Int64($0.id) == id }) {
            // Extra copies (a crash between create and record) would deliver every event twice.
            for extra in ours where Int64(extra.id) != id { try? await client.deleteProjectHook(projectID: projectID, hookID: extra.id) }
            return .unchanged
        }
        let secret = SecretToken.random(bytes: 32)
        if let existing = ours.first {
            // Record the new secret before GitLab starts sending it.
            _ = try await services.store.setRepositoryHook(repo.id, hookID: Int64(existing.id), secret: secret)
            _ = try await client.updateProjectHook(projectID: projectID, hookID: existing.id, settings(secret: secret))
            for extra in ours.dropFirst() { try? await client.deleteProjectHook(projectID: projectID, hookID: extra.id) }
            services.metrics.increment("picket_gitlab_writes_total", [("kind", "hook"), ("outcome", "repaired")])
            return .repaired
        }
        _ = try await services.store.setRepositoryHook(repo.id, hookID: nil, secret: secret)
        let hook = try await client.createProjectHook(projectID: projectID, settings(secret: secret))
        _ = try await services.store.setRepositoryHook(repo.id, hookID: Int64(hook.id), secret: secret)
        services.metrics.increment("picket_gitlab_writes_total", [("kind", "hook"), ("outcome", "installed")])
        return repo.hookID == nil ? .installed : .repaired
    }

    /// The group hook (Owner, Premium/Ultimate). Its secret's hash lives in the settings table.
    func ensureGroupHook(_ client: GitLabClient, workspace: Workspace, groupID: Int) async throws -> Outcome {
        let key = HookInstaller.groupHookKey(workspace.id)
        let stored = try await services.store.setting(key).flatMap(GroupHookRecord.init(text:))
        let ours = try await client.groupHooks(groupID: groupID).filter { $0.url == hookURL }
        if let stored, ours.contains(where: { $0.id == stored.hookID }) { return .unchanged }
        for old in ours { try? await client.deleteGroupHook(groupID: groupID, hookID: old.id) }
        let secret = SecretToken.random(bytes: 32)
        let hook = try await client.createGroupHook(groupID: groupID, settings(secret: secret))
        try await services.store.setSetting(key, value: GroupHookRecord(hookID: hook.id, secretHash: SecretToken.hash(secret)).text)
        services.metrics.increment("picket_gitlab_writes_total", [("kind", "group-hook"), ("outcome", stored == nil ? "installed" : "repaired")])
        return stored == nil ? .installed : .repaired
    }
}

/// `<hook id>:<sha256 of the secret>` in the settings table.
struct GroupHookRecord: Sendable, Hashable {
    var hookID: Int
    var secretHash: String

    init(hookID: Int, secretHash: String) {
        self.hookID = hookID
        self.secretHash = secretHash
    }

    init?(text: String) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let id = Int(parts[0]) else { return nil }
        hookID = id
        secretHash = String(parts[1])
    }

    var text: String { "\(hookID):\(secretHash)" }
}
