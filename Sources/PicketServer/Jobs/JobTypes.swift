import Foundation
import PicketCore
import PicketStore

/// A job's own account of why it stopped: `permanent` fails the job at once (retrying cannot help: no token,
/// project gone); `retryLater` puts it back on the queue, no sooner than `after` seconds when given.
public enum JobFailure: Error, Sendable, CustomStringConvertible {
    case permanent(String)
    case retryLater(String, after: TimeInterval?)

    public var description: String {
        switch self {
        case .permanent(let m), .retryLater(let m, _): return m
        }
    }
}

/// The job types the platform queues, each with its JSON payload.
enum JobType {
    /// List the group's projects, add/remove repositories, repair webhooks, queue scans of moved heads.
    static let sync = "sync"
    /// Scan a repository's default branch head and record its findings over time.
    static let scan = "scan"
    /// Scan a merge request's source branch and compare it with the target branch.
    static let mergeRequestScan = "mr-scan"
    /// Write the MR note and the commit status (separate, so a throttled write is retried without a rescan).
    static let mergeRequestFeedback = "mr-feedback"

    static let all = [sync, scan, mergeRequestScan, mergeRequestFeedback]
}

struct SyncPayload: Codable, Sendable {
    var workspace: Int64
}

struct ScanPayload: Codable, Sendable {
    var workspace: Int64
    var repository: Int64
    var branch: String
    /// The head the trigger saw (the scan reads the branch's head when it runs, which may be newer).
    var sha: String?
    /// `sync`, `push`, `manual`.
    var reason: String
}

struct MergeRequestScanPayload: Codable, Sendable {
    var workspace: Int64
    var repository: Int64
    var projectID: Int64
    var iid: Int64
    var sourceBranch: String
    var targetBranch: String
    var sha: String
    var sourceProjectID: Int64?
    var action: String?
}

struct FeedbackPayload: Codable, Sendable {
    var workspace: Int64
    var repository: Int64
    var projectID: Int64
    var iid: Int64
    var sha: String
    var sourceBranch: String
    var state: String
    var statusDescription: String
    var note: String
    var scan: Int64
}

enum JobPayload {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ job: Job) throws -> T {
        do { return try JSONDecoder().decode(T.self, from: Data(job.payload.utf8)) } catch {
            throw JobFailure.permanent("job \(job.id) (\(job.type)) has a payload this Picket cannot read: \(error)")
        }
    }
}

/// Queueing helpers with the dedupe keys and priorities each kind of work uses.
struct JobQueueing: Sendable {
    let services: PlatformServices

    @discardableResult
    func enqueueSync(workspaceID: Int64, priority: Int = 5) async throws -> EnqueueResult {
        let r = try await services.store.enqueue(NewJob(type: JobType.sync, payload: try JobPayload.encode(SyncPayload(workspace: workspaceID)),
                                                        dedupeKey: "sync:\(workspaceID)", maxAttempts: 3, priority: priority))
        try await services.store.setSetting(Scheduler.lastSyncKey(workspaceID), value: String(Date().timeIntervalSince1970))
        services.doorbell.ring()
        return r
    }

    @discardableResult
    func enqueueScan(_ payload: ScanPayload, priority: Int = 0) async throws -> EnqueueResult {
        let r = try await services.store.enqueue(scanJob(payload, priority: priority))
        services.doorbell.ring()
        return r
    }

    func scanJob(_ payload: ScanPayload, priority: Int = 0) throws -> NewJob {
        NewJob(type: JobType.scan, payload: try JobPayload.encode(payload), dedupeKey: "scan:\(payload.repository):\(payload.branch)",
               maxAttempts: 3, priority: priority)
    }

    func mergeRequestJob(_ payload: MergeRequestScanPayload) throws -> NewJob {
        NewJob(type: JobType.mergeRequestScan, payload: try JobPayload.encode(payload),
               dedupeKey: "mr:\(payload.repository):\(payload.iid):\(payload.sha)", maxAttempts: 3, priority: 10)
    }

    func feedbackJob(_ payload: FeedbackPayload) throws -> NewJob {
        // Throttled writes come back later: enough attempts to outlast a rate-limit window.
        NewJob(type: JobType.mergeRequestFeedback, payload: try JobPayload.encode(payload),
               dedupeKey: "mr-feedback:\(payload.repository):\(payload.iid):\(payload.sha)", maxAttempts: 12, priority: 20)
    }
}
