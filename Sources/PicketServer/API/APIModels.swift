import Foundation
import PicketCore
import PicketStore

/// The REST API's bodies (`docs/openapi.json` describes each one). Dates are RFC 3339 strings; absent values are
/// left out.
enum API {
    struct Me: Codable { var id: Int64; var username: String; var role: String }

    struct Token: Codable {
        var name: String?
        var scopes: [String]
        var expiresAt: Date?
        var owner: String?
        var lastCheckedAt: Date?
        var lastCheckOk: Bool?
        var lastCheckMessage: String?

        init(_ t: TokenMetadata) {
            name = t.name; scopes = t.scopes; expiresAt = t.expiresAt; owner = t.owner
            lastCheckedAt = t.lastCheckedAt; lastCheckOk = t.lastCheckOK; lastCheckMessage = t.lastCheckMessage
        }
    }

    struct WorkspaceBody: Codable {
        var id: Int64
        var name: String
        var gitlabUrl: String
        var groupPath: String
        var groupId: Int64?
        var gateSeverity: String
        var schedule: String
        var token: Token?
        var createdAt: Date

        init(_ w: Workspace) {
            id = w.id; name = w.name; gitlabUrl = w.gitlabURL; groupPath = w.groupPath; groupId = w.groupID
            gateSeverity = w.gateSeverity.rawValue; schedule = (try? SyncSchedule(parsing: w.schedule))?.description ?? "daily"
            token = w.token.map(Token.init); createdAt = w.createdAt
        }
    }

    struct SeverityCountsBody: Codable {
        var critical = 0, high = 0, medium = 0, low = 0, info = 0

        init(_ c: [Severity: Int]) {
            critical = c[.critical] ?? 0; high = c[.high] ?? 0; medium = c[.medium] ?? 0; low = c[.low] ?? 0; info = c[.info] ?? 0
        }
    }

    struct RepositoryBody: Codable {
        var id: Int64
        var workspaceId: Int64
        var gitlabProjectId: Int64
        var path: String
        var webUrl: String?
        var defaultBranch: String?
        var lastHeadSha: String?
        var archived: Bool
        var webhookInstalled: Bool
        var lastScanId: Int64?
        var lastScanAt: Date?
        var activeFindings: SeverityCountsBody

        init(_ r: Repository, counts: [Severity: Int]) {
            id = r.id; workspaceId = r.workspaceID; gitlabProjectId = r.gitlabProjectID; path = r.path; webUrl = r.webURL
            defaultBranch = r.defaultBranch; lastHeadSha = r.lastHeadSHA; archived = r.archived
            webhookInstalled = r.hookID != nil && r.hasHookSecret; lastScanId = r.lastScanID; lastScanAt = r.lastScanAt
            activeFindings = SeverityCountsBody(counts)
        }
    }

    struct FindingLinksBody: Codable { var file: String?; var commit: String?; var dashboard: String }

    struct FindingBody: Codable {
        var id: Int64
        var workspaceId: Int64
        var repositoryId: Int64
        var branch: String
        var fingerprint: String
        var kind: String
        var ruleId: String
        var title: String
        var message: String
        var severity: String
        var confidence: String
        var path: String
        var startLine: Int
        var endLine: Int
        var commitSha: String?
        var state: String
        var ignoreSource: String?
        var ignoreReason: String?
        var ignoredBy: String?
        var firstSeenAt: Date
        var firstSeenScanId: Int64
        var lastSeenAt: Date
        var lastSeenScanId: Int64
        var fixedAt: Date?
        var evidencePreview: String?
        var evidenceSnippet: String?
        var links: FindingLinksBody

        init(_ f: StoredFinding, repository: Repository?, publicURL: PublicURL, commit: String? = nil) {
            id = f.id; workspaceId = f.workspaceID; repositoryId = f.repositoryID; branch = f.branch; fingerprint = f.fingerprint
            kind = f.kind.rawValue; ruleId = f.ruleID; title = f.title; message = f.message; severity = f.severity.rawValue
            confidence = f.confidence.rawValue; path = f.path; startLine = f.startLine; endLine = f.endLine; commitSha = f.commitSHA
            state = f.state.rawValue; ignoreSource = f.ignoreSource?.rawValue; ignoreReason = f.ignoreReason; ignoredBy = f.ignoredBy
            firstSeenAt = f.firstSeenAt; firstSeenScanId = f.firstSeenScanID; lastSeenAt = f.lastSeenAt; lastSeenScanId = f.lastSeenScanID
            fixedAt = f.fixedAt; evidencePreview = f.evidencePreview; evidenceSnippet = f.evidenceSnippet
            let l = repository.map { FindingLinks(repository: $0, finding: f, commit: commit) }
            links = FindingLinksBody(file: l?.file, commit: l?.commit, dashboard: publicURL.link("/findings/\(f.id)"))
        }
    }

    struct ComponentBody: Codable {
        var id: Int64
        var repositoryId: Int64
        var repositoryPath: String
        var scanId: Int64
        var ecosystem: String
        var name: String
        var version: String?
        var purl: String?
        var scope: String?
        var direct: Bool?
        var license: String?
        var file: String
        var line: Int?

        init(_ s: StoredComponent) {
            let c = s.component
            id = s.id; repositoryId = s.repositoryID; repositoryPath = s.repositoryPath; scanId = s.scanID
            ecosystem = c.ecosystem; name = c.name; version = c.version; purl = c.purl; scope = c.scope; direct = c.direct
            license = c.license; file = c.file; line = c.line
        }
    }

    struct ComponentPageBody: Codable {
        var items: [ComponentBody]
        var total: Int
        var nextOffset: Int?
    }

    struct FindingPageBody: Codable {
        var items: [FindingBody]
        var nextCursor: String?
        var total: Int
        var totalIsLowerBound: Bool
    }

    struct EventBody: Codable {
        var id: Int64
        var type: String
        var author: String
        var reason: String?
        var scanId: Int64?
        var oldValue: String?
        var newValue: String?
        var createdAt: Date

        init(_ e: FindingEvent) {
            id = e.id; type = e.type.rawValue; author = e.author; reason = e.reason; scanId = e.scanID
            oldValue = e.oldValue; newValue = e.newValue; createdAt = e.createdAt
        }
    }

    struct ScannerRunBody: Codable { var id: String; var name: String; var status: String; var error: String?; var durationSeconds: Double }

    struct ScanCountsBody: Codable { var total: Int; var new: Int; var fixed: Int; var reopened: Int; var ignored: Int }

    struct ScanBody: Codable {
        var id: Int64
        var workspaceId: Int64
        var repositoryId: Int64
        var kind: String
        var ref: String
        var commitSha: String?
        var mergeRequestIid: Int64?
        var status: String
        var jobId: Int64?
        var createdAt: Date
        var startedAt: Date?
        var finishedAt: Date?
        var error: String?
        var counts: ScanCountsBody
        var superseded: Bool
        var scanners: [ScannerRunBody]

        init(_ s: Scan) {
            id = s.id; workspaceId = s.workspaceID; repositoryId = s.repositoryID; kind = s.kind.rawValue; ref = s.ref
            commitSha = s.commitSHA; mergeRequestIid = s.mergeRequestIID; status = s.status.rawValue; jobId = s.jobID
            createdAt = s.createdAt; startedAt = s.startedAt; finishedAt = s.finishedAt; error = s.error
            counts = ScanCountsBody(total: s.counts.total, new: s.counts.new, fixed: s.counts.fixed, reopened: s.counts.reopened, ignored: s.counts.ignored)
            superseded = s.superseded
            scanners = s.scanners.map { ScannerRunBody(id: $0.id, name: $0.name, status: $0.status.rawValue, error: $0.error, durationSeconds: $0.durationSeconds) }
        }
    }

    struct JobBody: Codable {
        var id: Int64
        var type: String
        var status: String
        var attempts: Int
        var maxAttempts: Int
        var priority: Int
        var lastError: String?
        var leaseOwner: String?
        var runAfter: Date
        var createdAt: Date
        var updatedAt: Date
        var startedAt: Date?
        var finishedAt: Date?
        var result: String?

        init(_ j: Job) {
            id = j.id; type = j.type; status = j.status.rawValue; attempts = j.attempts; maxAttempts = j.maxAttempts
            priority = j.priority; lastError = j.lastError; leaseOwner = j.leaseOwner; runAfter = j.runAfter
            createdAt = j.createdAt; updatedAt = j.updatedAt; startedAt = j.startedAt; finishedAt = j.finishedAt; result = j.result
        }
    }

    struct EnqueuedBody: Codable { var job: JobBody; var created: Bool }

    struct DeliveryBody: Codable {
        var id: Int64
        var workspaceId: Int64?
        var eventUuid: String
        var eventType: String
        var status: String
        var receivedAt: Date
        var jobId: Int64?
        var error: String?

        init(_ d: WebhookDelivery) {
            id = d.id; workspaceId = d.workspaceID; eventUuid = d.eventUUID; eventType = d.eventType; status = d.status.rawValue
            receivedAt = d.receivedAt; jobId = d.jobID; error = d.error
        }
    }

    struct IgnoreRequest: Codable { var ids: [Int64]; var reason: String? }
    struct ChangedBody: Codable { var changed: Int }
    struct WorkspacePatch: Codable { var name: String?; var gateSeverity: String?; var schedule: String? }
    struct ListBody<T: Codable>: Codable { var items: [T] }
}
