import Foundation
import PicketCore

/// Scans and the findings they keep over time.
public protocol FindingStore: Sendable {
    func createScan(_ scan: NewScan) async throws -> Scan
    func startScan(_ id: Int64) async throws -> Scan
    func failScan(_ id: Int64, error: String) async throws -> Scan
    /// Writes a finished scan's report: upserts findings by fingerprint, fixes the absent ones (of scanners
    /// that ran successfully), reopens returning ones, keeps ignored ones ignored, records events. Keyed by the
    /// scan id: recording the same scan again changes nothing and returns `alreadyRecorded`.
    func recordScan(_ scanID: Int64, report: ScanReport) async throws -> ScanOutcome
    func scan(_ id: Int64) async throws -> Scan
    func scans(repositoryID: Int64, limit: Int) async throws -> [Scan]

    func findings(_ query: FindingQuery) async throws -> FindingPage
    func countFindings(_ query: FindingQuery) async throws -> Int
    func finding(_ id: Int64) async throws -> StoredFinding
    func events(findingID: Int64) async throws -> [FindingEvent]
    /// Active findings by severity per repository (all repositories of the workspace when `repositoryIDs` is empty).
    func severityCounts(workspaceID: Int64?, repositoryIDs: [Int64], branch: String?) async throws -> [SeverityCounts]
    /// Ignores findings (one event each); returns how many changed.
    @discardableResult
    func ignoreFindings(_ ids: [Int64], reason: String, author: String) async throws -> Int
    @discardableResult
    func unignoreFindings(_ ids: [Int64], reason: String?, author: String) async throws -> Int
}

extension FindingStore {
    /// Creates a scan for `repositoryID` at `commit` and records `report` into it in one call (each call is a new
    /// scan; retry with `recordScan(_:report:)` and the returned scan id to stay idempotent).
    public func recordScan(repositoryID: Int64, branch: String, commit: String?, kind: ScanKind = .full,
                           report: ScanReport) async throws -> ScanOutcome {
        try SQLStore.checkNoRawSecrets(report.findings)
        let scan = try await createScan(NewScan(repositoryID: repositoryID, kind: kind, ref: branch, commitSHA: commit))
        return try await recordScan(scan.id, report: report)
    }
}

/// The durable job queue shared by every worker, on one host or many.
public protocol JobQueue: Sendable {
    func enqueue(_ job: NewJob) async throws -> EnqueueResult
    /// Atomically takes the next ready job of one of `types` (or any type when empty) for `leaseSeconds`.
    /// Jobs whose lease expired (their worker died) are ready again.
    func claim(workerID: String, types: [String], leaseSeconds: Int) async throws -> Job?
    /// Extends the lease; throws `StoreError.leaseLost` when the job is no longer this worker's.
    func heartbeat(jobID: Int64, workerID: String, leaseSeconds: Int) async throws -> Job
    /// Marks the job succeeded with its result. Completing an already succeeded job returns it unchanged.
    func complete(jobID: Int64, workerID: String, result: String?) async throws -> Job
    /// Records a failed attempt: back to the queue with backoff while attempts remain, else `failed`.
    func fail(jobID: Int64, workerID: String, error: String, retryable: Bool) async throws -> Job
    /// Requeues (or fails, when out of attempts) running jobs whose lease expired; returns how many.
    @discardableResult
    func reclaimExpiredLeases() async throws -> Int
    func job(_ id: Int64) async throws -> Job
    func jobs(status: JobStatus?, limit: Int) async throws -> [Job]
}

/// Local users, login sessions and API tokens.
public protocol AccountStore: Sendable {
    func createUser(username: String, password: String, role: UserRole, displayName: String?) async throws -> User
    func user(_ id: Int64) async throws -> User
    func user(username: String) async throws -> User?
    func users() async throws -> [User]
    /// The user when the password matches and the account is enabled; nil otherwise (same time either way).
    func authenticate(username: String, password: String) async throws -> User?
    func setPassword(userID: Int64, password: String) async throws
    func updateUser(_ id: Int64, role: UserRole?, disabled: Bool?, displayName: String??) async throws -> User
    func deleteUser(_ id: Int64) async throws

    func createSession(userID: Int64, lifetime: TimeInterval) async throws -> NewSession
    /// The session's user when the id is valid, unexpired and the user enabled.
    func session(id: String) async throws -> Authenticated<Session>?
    func deleteSession(id: String) async throws
    @discardableResult
    func deleteExpiredSessions() async throws -> Int

    func createAPIToken(userID: Int64, name: String, scopes: [String], expiresAt: Date?) async throws -> NewAPIToken
    /// The token's user when the token is valid (unrevoked, unexpired, user enabled); records its use.
    func authenticateAPIToken(_ token: String) async throws -> Authenticated<APIToken>?
    func apiTokens(userID: Int64) async throws -> [APIToken]
    func revokeAPIToken(_ id: Int64) async throws
}

/// Workspaces (GitLab groups), their repositories, webhook deliveries and settings.
public protocol WorkspaceStore: Sendable {
    func createWorkspace(_ workspace: NewWorkspace) async throws -> Workspace
    func workspace(_ id: Int64) async throws -> Workspace
    func workspaces() async throws -> [Workspace]
    func updateWorkspace(_ id: Int64, name: String?, gateSeverity: Severity?, schedule: String??, groupID: Int64?) async throws -> Workspace
    /// Stores the token as the vault's ciphertext plus its clear metadata.
    func setWorkspaceToken(_ id: Int64, ciphertext: [UInt8], metadata: TokenMetadata) async throws -> Workspace
    func workspaceTokenCiphertext(_ id: Int64) async throws -> [UInt8]?
    func recordTokenCheck(_ id: Int64, ok: Bool, message: String?, at: Date) async throws -> Workspace
    func deleteWorkspace(_ id: Int64) async throws

    func upsertRepository(workspaceID: Int64, _ info: RepositoryInfo) async throws -> Repository
    func repository(_ id: Int64) async throws -> Repository
    func repository(workspaceID: Int64, gitlabProjectID: Int64) async throws -> Repository?
    func repositories(workspaceID: Int64, includeArchived: Bool) async throws -> [Repository]
    /// Records the project hook; only the secret's SHA-256 is kept.
    func setRepositoryHook(_ id: Int64, hookID: Int64?, secret: String?) async throws -> Repository
    /// Constant-time check of a webhook's `X-Gitlab-Token` against the stored hash.
    func verifyHookSecret(repositoryID: Int64, presented: String) async throws -> Bool

    /// Records a delivery by GitLab's event UUID; a redelivery returns the first record with `duplicate` true.
    func recordWebhookDelivery(eventUUID: String, eventType: String, payloadSHA256: String,
                               workspaceID: Int64?) async throws -> (delivery: WebhookDelivery, duplicate: Bool)
    func updateWebhookDelivery(_ id: Int64, status: WebhookDelivery.Status, jobID: Int64?, error: String?) async throws -> WebhookDelivery
    func webhookDeliveries(limit: Int) async throws -> [WebhookDelivery]

    func setting(_ key: String) async throws -> String?
    func setSetting(_ key: String, value: String) async throws
    func deleteSetting(_ key: String) async throws
}

/// Everything the server needs from its database.
public protocol Store: FindingStore, JobQueue, AccountStore, WorkspaceStore {
    func close() async
}
