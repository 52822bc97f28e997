import Foundation
import PicketCore
import PicketGitLab
import PicketStore

/// Connecting a workspace's token and keeping it alive: every new token is checked against the group first
/// (GitLab's connection procedure, step by step) and stored only when no blocking step fails; rotation stores the
/// new token before anything else, because GitLab revokes the old one the moment it answers.
struct TokenService: Sendable {
    let services: PlatformServices

    /// Runs every step of the connection check with `token` against `url` and `group`.
    func check(url: String, group: String, token: GitLabToken) async -> CheckReport {
        let configuration: GitLabClientConfiguration
        do {
            configuration = try WorkspaceGitLab.clientConfiguration(url: url, services: services)
        } catch {
            var results = [CheckResult(.url, .fail, "\(error)", fix: "Enter GitLab's address as you open it in a browser, e.g. https://gitlab.example.com")]
            for s in CheckStep.allCases.dropFirst() { results.append(CheckResult(s, .skip, "not checked: the URL step failed")) }
            return CheckReport(url: url, group: group, results: results, facts: ConnectionFacts())
        }
        let checker = ConnectionChecker(configuration: configuration, token: token, groupPath: group, git: services.configuration.git)
        return await checker.run()
    }

    /// Checks, and when no blocking step fails creates the workspace with the sealed token. The report is
    /// returned either way; the workspace only on success.
    func connect(name: String?, url: String, group: String, token: GitLabToken,
                 gate: Severity = .high) async throws -> (workspace: Workspace?, report: CheckReport) {
        let report = await check(url: url, group: group, token: token)
        guard report.passed else { return (nil, report) }
        let endpoint = try GitLabEndpoint(parsing: url)
        let groupPath = report.facts.group?.fullPath ?? group.trimmingCharacters(in: CharacterSet(charactersIn: "/ "))
        let ws = try await services.store.createWorkspace(NewWorkspace(
            name: name ?? report.facts.group?.fullName ?? groupPath, gitlabURL: endpoint.baseURL, groupPath: groupPath,
            groupID: report.facts.group.map { Int64($0.id) }, gateSeverity: gate, schedule: "daily"))
        do {
            let stored = try await store(token, report: report, in: ws)
            return (stored, report)
        } catch {
            try? await services.store.deleteWorkspace(ws.id)
            throw error
        }
    }

    /// Replaces a workspace's token after checking the new one; a failing check keeps the old token.
    func replace(workspace: Workspace, token: GitLabToken) async throws -> (replaced: Bool, report: CheckReport, workspace: Workspace) {
        let report = await check(url: workspace.gitlabURL, group: workspace.groupPath, token: token)
        guard report.passed else { return (false, report, workspace) }
        let ws = try await store(token, report: report, in: workspace)
        services.logger("token").notice("workspace token replaced", metadata: ["workspace": "\(workspace.id)"])
        return (true, report, ws)
    }

    /// Checks the stored token again and records the outcome (the token page's "last check").
    func recheck(workspace: Workspace) async throws -> (report: CheckReport, workspace: Workspace) {
        let gl = try await WorkspaceGitLab(workspace: workspace, services: services)
        let report = await check(url: workspace.gitlabURL, group: workspace.groupPath, token: gl.token)
        var ws = workspace
        if report.passed {
            ws = try await services.store.setWorkspaceToken(workspace.id, ciphertext: try seal(gl.token, ws: workspace),
                                                            metadata: metadata(report, previous: workspace.token))
        }
        ws = try await services.store.recordTokenCheck(workspace.id, ok: report.passed, message: summary(report), at: Date())
        return (report, ws)
    }

    /// Rotates the token through GitLab's self-rotation endpoint: new token stored first, then confirmed.
    func rotate(workspace: Workspace) async throws -> Workspace {
        let gl = try await WorkspaceGitLab(workspace: workspace, services: services)
        let rotated: RotatedToken = try await gl.withClient { client in
            let user = try await client.currentUser()
            return try await client.rotateSelf(kind: user.kind)
        }
        // The old token is revoked from here on.
        let meta = TokenMetadata(name: rotated.info.name, scopes: rotated.info.scopes,
                                 expiresAt: rotated.info.expiryInstant, owner: workspace.token?.owner,
                                 lastCheckedAt: Date(), lastCheckOK: nil, lastCheckMessage: "rotated; not yet confirmed")
        var ws = try await services.store.setWorkspaceToken(workspace.id, ciphertext: try seal(rotated.token, ws: workspace), metadata: meta)
        services.logger("token").notice("workspace token rotated", metadata: ["workspace": "\(workspace.id)", "token_id": "\(rotated.info.id)"])
        let confirmed = try? await GitLabClient.with(configuration: gl.configuration, token: rotated.token) { try await $0.tokenSelf() }
        ws = try await services.store.recordTokenCheck(workspace.id, ok: confirmed?.active != false && confirmed != nil,
                                                       message: confirmed == nil ? "rotated, but GitLab did not confirm the new token yet" : "rotated; GitLab confirms the new token",
                                                       at: Date())
        return ws
    }

    // MARK: helpers

    private func store(_ token: GitLabToken, report: CheckReport, in ws: Workspace) async throws -> Workspace {
        _ = try await services.store.setWorkspaceToken(ws.id, ciphertext: try seal(token, ws: ws), metadata: metadata(report, previous: nil))
        if let g = report.facts.group, ws.groupID != Int64(g.id) {
            _ = try await services.store.updateWorkspace(ws.id, name: nil, gateSeverity: nil, schedule: nil, groupID: Int64(g.id))
        }
        return try await services.store.recordTokenCheck(ws.id, ok: true, message: summary(report), at: Date())
    }

    private func seal(_ token: GitLabToken, ws: Workspace) throws -> [UInt8] {
        try services.vault.seal(token, context: WorkspaceGitLab.sealingContext(workspaceID: ws.id, gitlabURL: ws.gitlabURL))
    }

    func metadata(_ report: CheckReport, previous: TokenMetadata?) -> TokenMetadata {
        let info = report.facts.token
        var owner = previous?.owner
        if let u = report.facts.user { owner = "@\(u.username) (\(u.kind))" }
        return TokenMetadata(name: info?.name ?? previous?.name, scopes: info?.scopes ?? previous?.scopes ?? [],
                             expiresAt: info?.expiryInstant ?? (info == nil ? previous?.expiresAt : nil), owner: owner,
                             lastCheckedAt: Date(), lastCheckOK: report.passed, lastCheckMessage: summary(report))
    }

    func summary(_ report: CheckReport) -> String {
        let fails = report.results.filter { $0.status == .fail }
        let warns = report.results.filter { $0.status == .warn }
        if fails.isEmpty && warns.isEmpty { return "every check passed" }
        var parts: [String] = []
        if !fails.isEmpty { parts.append("failed: " + fails.map(\.title).joined(separator: ", ")) }
        if !warns.isEmpty { parts.append("warnings: " + warns.map(\.title).joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }
}
