import Foundation
import PicketCore

extension SQLStore {
    static let workspaceColumns = """
        id, name, gitlab_url, group_path, group_id, token_ciphertext IS NOT NULL AS has_token, token_name, token_scopes, \
        token_expires_at, token_owner, token_checked_at, token_check_ok, token_check_message, gate_severity, schedule, \
        created_at, updated_at
        """

    static func decodeWorkspace(_ r: SQLRow) throws -> Workspace {
        let hasToken = try r.bool("has_token")
        let token = hasToken ? TokenMetadata(
            name: try r.optionalText("token_name"),
            scopes: (try r.optionalText("token_scopes") ?? "").split(separator: " ").map(String.init),
            expiresAt: try r.optionalTime("token_expires_at"), owner: try r.optionalText("token_owner"),
            lastCheckedAt: try r.optionalTime("token_checked_at"),
            lastCheckOK: try r.value("token_check_ok").isNull ? nil : try r.bool("token_check_ok"),
            lastCheckMessage: try r.optionalText("token_check_message")) : nil
        return Workspace(id: try r.int("id"), name: try r.text("name"), gitlabURL: try r.text("gitlab_url"),
                         groupPath: try r.text("group_path"), groupID: try r.optionalInt("group_id"), token: token,
                         gateSeverity: try r.decode(Severity.self, "gate_severity"), schedule: try r.optionalText("schedule"),
                         createdAt: try r.time("created_at"), updatedAt: try r.time("updated_at"))
    }

    static func validGitLabURL(_ text: String) throws -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let u = URL(string: t), let scheme = u.scheme?.lowercased(), scheme == "https" || scheme == "http",
              u.host != nil, u.user == nil, u.password == nil, u.query == nil else {
            throw StoreError.invalidInput("the GitLab URL must be an http(s) URL without credentials or query, like https://gitlab.example.com")
        }
        return t.hasSuffix("/") ? String(t.dropLast()) : t
    }

    private func workspaceRow(_ ex: any SQLExecutor, _ id: Int64) async throws -> Workspace {
        guard let r = try await ex.queryFirst("SELECT \(Self.workspaceColumns) FROM workspaces WHERE id = ?", [.int(id)]) else {
            throw StoreError.notFound("workspace \(id)")
        }
        return try Self.decodeWorkspace(r)
    }

    public func createWorkspace(_ w: NewWorkspace) async throws -> Workspace {
        let name = try Self.nonEmpty(w.name, "the workspace name", max: 200)
        let url = try Self.validGitLabURL(w.gitlabURL)
        let group = try Self.nonEmpty(w.groupPath, "the GitLab group path", max: 1_000)
        let now = options.now()
        return try await database.write { ex in
            do {
                let rows = try await ex.query("""
                    INSERT INTO workspaces (name, gitlab_url, group_path, group_id, gate_severity, schedule, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                    """, [.text(name), .text(url), .text(group), .int(w.groupID), .text(w.gateSeverity.rawValue), .text(w.schedule),
                          .time(now), .time(now)])
                return try await self.workspaceRow(ex, try rows.first?.int("id") ?? 0)
            } catch StoreError.conflict {
                throw StoreError.conflict("a workspace for group '\(group)' on \(url) already exists")
            }
        }
    }

    public func workspace(_ id: Int64) async throws -> Workspace {
        try await database.read { ex in try await self.workspaceRow(ex, id) }
    }

    public func workspaces() async throws -> [Workspace] {
        try await database.read { ex in
            try await ex.query("SELECT \(Self.workspaceColumns) FROM workspaces ORDER BY id").map(Self.decodeWorkspace)
        }
    }

    public func updateWorkspace(_ id: Int64, name: String? = nil, gateSeverity: Severity? = nil, schedule: String?? = nil,
                                groupID: Int64? = nil) async throws -> Workspace {
        let newName = try name.map { try Self.nonEmpty($0, "the workspace name", max: 200) }
        let now = options.now()
        return try await database.write { ex in
            var w = try await self.workspaceRow(ex, id)
            if let newName { w.name = newName }
            if let gateSeverity { w.gateSeverity = gateSeverity }
            if let schedule { w.schedule = schedule }
            if let groupID { w.groupID = groupID }
            try await ex.execute("UPDATE workspaces SET name = ?, gate_severity = ?, schedule = ?, group_id = ?, updated_at = ? WHERE id = ?",
                                 [.text(w.name), .text(w.gateSeverity.rawValue), .text(w.schedule), .int(w.groupID), .time(now), .int(id)])
            return try await self.workspaceRow(ex, id)
        }
    }

    public func setWorkspaceToken(_ id: Int64, ciphertext: [UInt8], metadata: TokenMetadata) async throws -> Workspace {
        guard !ciphertext.isEmpty else { throw StoreError.invalidInput("the token ciphertext is empty") }
        let now = options.now()
        return try await database.write { ex in
            let rows = try await ex.query("""
                UPDATE workspaces SET token_ciphertext = ?, token_name = ?, token_scopes = ?, token_expires_at = ?, token_owner = ?,
                    token_checked_at = ?, token_check_ok = ?, token_check_message = ?, updated_at = ?
                WHERE id = ? RETURNING id
                """, [.blob(ciphertext), .text(metadata.name), .text(metadata.scopes.joined(separator: " ")), .time(metadata.expiresAt),
                      .text(metadata.owner), .time(metadata.lastCheckedAt), .bool(metadata.lastCheckOK), .text(metadata.lastCheckMessage),
                      .time(now), .int(id)])
            guard !rows.isEmpty else { throw StoreError.notFound("workspace \(id)") }
            return try await self.workspaceRow(ex, id)
        }
    }

    public func workspaceTokenCiphertext(_ id: Int64) async throws -> [UInt8]? {
        try await database.read { ex in
            guard let r = try await ex.queryFirst("SELECT token_ciphertext FROM workspaces WHERE id = ?", [.int(id)]) else {
                throw StoreError.notFound("workspace \(id)")
            }
            return try r.optionalBlob("token_ciphertext")
        }
    }

    public func recordTokenCheck(_ id: Int64, ok: Bool, message: String?, at: Date) async throws -> Workspace {
        try await database.write { ex in
            let rows = try await ex.query("""
                UPDATE workspaces SET token_checked_at = ?, token_check_ok = ?, token_check_message = ?, updated_at = ? WHERE id = ? RETURNING id
                """, [.time(at), .bool(ok), .text(message.map { Self.clip($0, 1_000) }), .time(at), .int(id)])
            guard !rows.isEmpty else { throw StoreError.notFound("workspace \(id)") }
            return try await self.workspaceRow(ex, id)
        }
    }

    public func deleteWorkspace(_ id: Int64) async throws {
        try await database.write { ex in
            guard !(try await ex.query("DELETE FROM workspaces WHERE id = ? RETURNING id", [.int(id)])).isEmpty else {
                throw StoreError.notFound("workspace \(id)")
            }
        }
    }

    // MARK: repositories

    static let repositoryColumns = """
        id, workspace_id, gitlab_project_id, path, web_url, default_branch, last_head_sha, archived, hook_id, \
        hook_secret_hash IS NOT NULL AS has_hook_secret, last_scan_id, last_scan_at, created_at, updated_at
        """

    static func decodeRepository(_ r: SQLRow) throws -> Repository {
        Repository(id: try r.int("id"), workspaceID: try r.int("workspace_id"), gitlabProjectID: try r.int("gitlab_project_id"),
                   path: try r.text("path"), webURL: try r.optionalText("web_url"), defaultBranch: try r.optionalText("default_branch"),
                   lastHeadSHA: try r.optionalText("last_head_sha"), archived: try r.bool("archived"), hookID: try r.optionalInt("hook_id"),
                   hasHookSecret: try r.bool("has_hook_secret"), lastScanID: try r.optionalInt("last_scan_id"),
                   lastScanAt: try r.optionalTime("last_scan_at"), createdAt: try r.time("created_at"), updatedAt: try r.time("updated_at"))
    }

    public func upsertRepository(workspaceID: Int64, _ info: RepositoryInfo) async throws -> Repository {
        let path = try Self.nonEmpty(info.path, "the project path", max: 1_000)
        let now = options.now()
        return try await database.write { ex in
            guard try await ex.queryFirst("SELECT id FROM workspaces WHERE id = ?", [.int(workspaceID)]) != nil else {
                throw StoreError.notFound("workspace \(workspaceID)")
            }
            let rows = try await ex.query("""
                INSERT INTO repositories (workspace_id, gitlab_project_id, path, web_url, default_branch, archived, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (workspace_id, gitlab_project_id) DO UPDATE SET path = excluded.path, web_url = excluded.web_url,
                    default_branch = excluded.default_branch, archived = excluded.archived, updated_at = excluded.updated_at
                RETURNING \(Self.repositoryColumns)
                """, [.int(workspaceID), .int(info.gitlabProjectID), .text(path), .text(info.webURL), .text(info.defaultBranch),
                      .bool(info.archived), .time(now), .time(now)])
            guard let r = rows.first else { throw StoreError.database("repository upsert returned no row") }
            return try Self.decodeRepository(r)
        }
    }

    public func repository(_ id: Int64) async throws -> Repository {
        try await database.read { ex in
            guard let r = try await ex.queryFirst("SELECT \(Self.repositoryColumns) FROM repositories WHERE id = ?", [.int(id)]) else {
                throw StoreError.notFound("repository \(id)")
            }
            return try Self.decodeRepository(r)
        }
    }

    public func repository(workspaceID: Int64, gitlabProjectID: Int64) async throws -> Repository? {
        try await database.read { ex in
            try await ex.queryFirst("SELECT \(Self.repositoryColumns) FROM repositories WHERE workspace_id = ? AND gitlab_project_id = ?",
                                    [.int(workspaceID), .int(gitlabProjectID)]).map(Self.decodeRepository)
        }
    }

    public func repositories(workspaceID: Int64, includeArchived: Bool = false) async throws -> [Repository] {
        try await database.read { ex in
            try await ex.query("""
                SELECT \(Self.repositoryColumns) FROM repositories WHERE workspace_id = ?\(includeArchived ? "" : " AND archived = ?") ORDER BY path
                """, [.int(workspaceID)] + (includeArchived ? [] : [.bool(false)])).map(Self.decodeRepository)
        }
    }

    public func setRepositoryHook(_ id: Int64, hookID: Int64?, secret: String?) async throws -> Repository {
        if let secret, secret.count < 16 { throw StoreError.invalidInput("a webhook secret must have at least 16 characters") }
        let now = options.now()
        return try await database.write { ex in
            let rows = try await ex.query("""
                UPDATE repositories SET hook_id = ?, hook_secret_hash = ?, updated_at = ? WHERE id = ? RETURNING \(Self.repositoryColumns)
                """, [.int(hookID), .text(secret.map(SecretToken.hash)), .time(now), .int(id)])
            guard let r = rows.first else { throw StoreError.notFound("repository \(id)") }
            return try Self.decodeRepository(r)
        }
    }

    public func verifyHookSecret(repositoryID: Int64, presented: String) async throws -> Bool {
        let stored = try await database.read { ex in
            try await ex.queryFirst("SELECT hook_secret_hash FROM repositories WHERE id = ?", [.int(repositoryID)])?.optionalText("hook_secret_hash")
        }
        guard let stored else { return false }
        return SecretToken.constantTimeEqual(SecretToken.hash(presented), stored)
    }

    // MARK: webhook deliveries

    static let deliveryColumns = "id, workspace_id, event_uuid, event_type, received_at, status, payload_sha256, job_id, error, processed_at"

    static func decodeDelivery(_ r: SQLRow) throws -> WebhookDelivery {
        WebhookDelivery(id: try r.int("id"), workspaceID: try r.optionalInt("workspace_id"), eventUUID: try r.text("event_uuid"),
                        eventType: try r.text("event_type"), receivedAt: try r.time("received_at"),
                        status: try r.decode(WebhookDelivery.Status.self, "status"), payloadSHA256: try r.text("payload_sha256"),
                        jobID: try r.optionalInt("job_id"), error: try r.optionalText("error"), processedAt: try r.optionalTime("processed_at"))
    }

    public func recordWebhookDelivery(eventUUID: String, eventType: String, payloadSHA256: String,
                                      workspaceID: Int64?) async throws -> (delivery: WebhookDelivery, duplicate: Bool) {
        let uuid = try Self.nonEmpty(eventUUID, "the event UUID", max: 200)
        let type = try Self.nonEmpty(eventType, "the event type", max: 200)
        guard payloadSHA256.count == 64, payloadSHA256.allSatisfy(\.isHexDigit) else {
            throw StoreError.invalidInput("payloadSHA256 must be 64 hex digits")
        }
        let now = options.now()
        return try await database.write { ex in
            let rows = try await ex.query("""
                INSERT INTO webhook_deliveries (workspace_id, event_uuid, event_type, received_at, status, payload_sha256)
                VALUES (?, ?, ?, ?, 'received', ?) ON CONFLICT (event_uuid) DO NOTHING RETURNING \(Self.deliveryColumns)
                """, [.int(workspaceID), .text(uuid), .text(type), .time(now), .text(payloadSHA256.lowercased())])
            if let r = rows.first { return (try Self.decodeDelivery(r), false) }
            guard let r = try await ex.queryFirst("SELECT \(Self.deliveryColumns) FROM webhook_deliveries WHERE event_uuid = ?", [.text(uuid)]) else {
                throw StoreError.conflict("the delivery could not be recorded; retry")
            }
            return (try Self.decodeDelivery(r), true)
        }
    }

    public func updateWebhookDelivery(_ id: Int64, status: WebhookDelivery.Status, jobID: Int64?, error: String?) async throws -> WebhookDelivery {
        let now = options.now()
        let done = status == .processed || status == .ignored || status == .failed
        return try await database.write { ex in
            let rows = try await ex.query("""
                UPDATE webhook_deliveries SET status = ?, job_id = COALESCE(?, job_id), error = ?,
                    processed_at = CASE WHEN ? THEN ? ELSE processed_at END
                WHERE id = ? RETURNING \(Self.deliveryColumns)
                """, [.text(status.rawValue), .int(jobID), .text(error.map { Self.clip($0, 2_000) }), .bool(done), .time(now), .int(id)])
            guard let r = rows.first else { throw StoreError.notFound("webhook delivery \(id)") }
            return try Self.decodeDelivery(r)
        }
    }

    public func webhookDeliveries(limit: Int = 100) async throws -> [WebhookDelivery] {
        try await database.read { ex in
            try await ex.query("SELECT \(Self.deliveryColumns) FROM webhook_deliveries ORDER BY id DESC LIMIT ?",
                               [.int(max(1, min(limit, 1_000)))]).map(Self.decodeDelivery)
        }
    }

    // MARK: settings

    public func setting(_ key: String) async throws -> String? {
        try await database.read { ex in
            try await ex.queryFirst("SELECT value FROM settings WHERE key = ?", [.text(key)])?.text("value")
        }
    }

    public func setSetting(_ key: String, value: String) async throws {
        let key = try Self.nonEmpty(key, "the setting key", max: 200)
        let now = options.now()
        try await database.write { ex in
            try await ex.execute("""
                INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """, [.text(key), .text(value), .time(now)])
        }
    }

    public func deleteSetting(_ key: String) async throws {
        try await database.write { ex in try await ex.execute("DELETE FROM settings WHERE key = ?", [.text(key)]) }
    }
}
