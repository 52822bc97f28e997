import Crypto
import Foundation
import Hummingbird
import PicketStore

/// `POST /webhooks/gitlab`: verifies `X-Gitlab-Token` (constant time, against the SHA-256 Picket keeps of each
/// hook's secret), drops redeliveries by `Idempotency-Key` / `X-Gitlab-Event-UUID`, records the delivery and
/// queues the job in one transaction, and answers at once: no GitLab call and no scan in the request path, well
/// inside GitLab's 10 s webhook timeout.
struct WebhookRoutes: Sendable {
    let services: PlatformServices

    func register(_ router: Router<AppContext>) {
        router.post("/webhooks/gitlab") { req, ctx in try await self.receive(req, ctx) }
    }

    private func count(_ event: String, _ outcome: String) {
        services.metrics.increment("picket_webhook_deliveries_total", [("event", event), ("outcome", outcome)])
    }

    func receive(_ req: Request, _ ctx: AppContext) async throws -> Response {
        let eventHeader = req.header("X-Gitlab-Event") ?? "unknown"
        let eventLabel = WebhookRoutes.eventLabel(eventHeader)
        guard let presented = req.header("X-Gitlab-Token"), !presented.isEmpty else {
            count(eventLabel, "unauthorized")
            throw ServerError(.unauthorized, "missing X-Gitlab-Token")
        }
        let buffer = try await req.collectBody(limit: services.configuration.webhookBodyLimit)
        let body = Data(buffer: buffer)
        let event: WebhookEvent
        do { event = try WebhookEvent.parse(body) } catch let e as WebhookEvent.Malformed {
            count(eventLabel, "malformed")
            throw ServerError.badRequest("malformed webhook payload: \(e.description)")
        }
        guard let repo = try await authenticate(presented, projectID: event.projectID) else {
            count(eventLabel, "unauthorized")
            throw ServerError(.unauthorized, "the X-Gitlab-Token does not match a webhook Picket installed for this project")
        }
        let payloadHash = SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined()
        // GitLab sends the same Idempotency-Key / event UUID when it redelivers an event.
        let key = req.header("Idempotency-Key") ?? req.header("X-Gitlab-Event-UUID") ?? "sha256:\(payloadHash)"
        let (job, reason) = try decide(event, repository: repo)
        let outcome = try await services.store.ingestWebhook(eventUUID: key, eventType: event.objectKind, payloadSHA256: payloadHash,
                                                             workspaceID: repo.workspaceID, job: job, ignoredReason: reason)
        struct Answer: Encodable { var status: String; var delivery: Int64; var job: Int64?; var reason: String? }
        switch outcome {
        case .duplicate(let d):
            count(eventLabel, "duplicate")
            return try Responses.json(Answer(status: "duplicate", delivery: d.id, job: d.jobID, reason: "already received"))
        case .ignored(let d):
            count(eventLabel, "ignored")
            return try Responses.json(Answer(status: "ignored", delivery: d.id, job: nil, reason: reason))
        case let .queued(d, job, created):
            count(eventLabel, "queued")
            if created { services.doorbell.ring() }
            return try Responses.json(Answer(status: "queued", delivery: d.id, job: job.id, reason: created ? nil : "the same work is already queued"),
                                      status: .accepted)
        }
    }

    /// The repository whose hook secret matches, or nil. Every candidate is compared, matched or not.
    private func authenticate(_ presented: String, projectID: Int64) async throws -> Repository? {
        let presentedHash = Array(SecretToken.hash(presented).utf8)
        let candidates = try await services.store.hookSecretHashes(gitlabProjectID: projectID)
        var match: Repository?
        for (repo, hash) in candidates {
            if let hash, CSRF.constantTimeEqual(Array(hash.utf8), presentedHash), match == nil { match = repo }
        }
        if match != nil { return match }
        // A group hook covers every project of its workspace.
        for (repo, _) in candidates {
            if let rec = try await services.store.setting(HookInstaller.groupHookKey(repo.workspaceID)).flatMap(GroupHookRecord.init(text:)),
               CSRF.constantTimeEqual(Array(rec.secretHash.utf8), presentedHash), match == nil {
                match = repo
            }
        }
        return match
    }

    /// What an event asks for: a scan of the default branch on push, an MR scan when an MR opens or gets commits.
    func decide(_ event: WebhookEvent, repository repo: Repository) throws -> (NewJob?, String?) {
        let queue = JobQueueing(services: services)
        if repo.archived { return (nil, "the project is archived") }
        switch event.kind {
        case let .push(ref, after):
            guard ref.hasPrefix("refs/heads/") else { return (nil, "not a branch push") }
            let branch = String(ref.dropFirst("refs/heads/".count))
            guard after != WebhookEvent.zeroSHA else { return (nil, "branch deleted") }
            guard branch == repo.defaultBranch else { return (nil, "push to \(branch), not the default branch (merge requests are scanned on their own)") }
            return (try queue.scanJob(ScanPayload(workspace: repo.workspaceID, repository: repo.id, branch: branch, sha: after, reason: "push"), priority: 5), nil)
        case let .mergeRequest(iid, action, state, source, target, sha, oldrev, sourceProject):
            guard state == nil || state == "opened" else { return (nil, "merge request is \(state ?? "?")") }
            switch action {
            case "open", "reopen": break
            case "update" where oldrev != nil: break
            case "update": return (nil, "merge request update without new commits")
            default: return (nil, "merge request action '\(action)' needs no scan")
            }
            guard let sha, !sha.isEmpty else { return (nil, "the event names no head commit") }
            return (try queue.mergeRequestJob(MergeRequestScanPayload(
                workspace: repo.workspaceID, repository: repo.id, projectID: event.projectID, iid: iid, sourceBranch: source,
                targetBranch: target, sha: sha, sourceProjectID: sourceProject, action: action)), nil)
        case .other(let k):
            return (nil, "event '\(k)' needs no scan")
        }
    }

    static func eventLabel(_ header: String) -> String {
        switch header {
        case "Push Hook": return "push"
        case "Merge Request Hook": return "merge_request"
        case "Tag Push Hook": return "tag_push"
        case "Note Hook": return "note"
        case "System Hook": return "system"
        default: return "other"
        }
    }
}
