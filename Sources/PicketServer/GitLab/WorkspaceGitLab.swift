import Foundation
import PicketCore
import PicketGitLab
import PicketStore

/// A workspace's way into GitLab: its endpoint, its token (opened from the stored ciphertext only for as long
/// as a job needs it), an API client and a hardened fetcher.
struct WorkspaceGitLab: Sendable {
    let workspace: Workspace
    let configuration: GitLabClientConfiguration
    let token: GitLabToken
    let services: PlatformServices

    /// The token's binding in the vault: a ciphertext copied to another workspace or URL does not open.
    static func sealingContext(workspaceID: Int64, gitlabURL: String) -> String { "workspace:\(workspaceID)|\(gitlabURL)" }

    static func clientConfiguration(url: String, services: PlatformServices) throws -> GitLabClientConfiguration {
        var c = try GitLabClientConfiguration.make(url: url, caBundlePath: services.configuration.caBundlePath,
                                                   environment: services.configuration.environment)
        c.retry = services.configuration.gitlabRetry
        c.userAgent = "Picket/\(PicketVersion.string)"
        return c
    }

    init(workspace: Workspace, services: PlatformServices) async throws {
        guard let sealed = try await services.store.workspaceTokenCiphertext(workspace.id) else {
            throw JobFailure.permanent("workspace '\(workspace.name)' has no GitLab token; connect one on the workspace's token page")
        }
        self.workspace = workspace
        self.services = services
        self.configuration = try WorkspaceGitLab.clientConfiguration(url: workspace.gitlabURL, services: services)
        self.token = try services.vault.open(sealed, context: WorkspaceGitLab.sealingContext(workspaceID: workspace.id, gitlabURL: workspace.gitlabURL))
    }

    /// A client for the duration of `body` (shut down afterwards, also on error).
    func withClient<R>(_ body: (GitLabClient) async throws -> R) async throws -> R {
        try await GitLabClient.with(configuration: configuration, token: token, body)
    }

    var fetcher: SafeFetcher {
        let work = services.configuration.dataDirectory.path + "/gitlab/work"
        try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return SafeFetcher(auth: GitAuth(endpoint: configuration.endpoint, token: token), workDirectory: work,
                           git: services.configuration.git, caBundlePath: configuration.caBundlePath)
    }

    func redact(_ text: String) -> String { token.redact(text) }
}
