import Foundation

public enum JobStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case queued, running, succeeded, failed, cancelled
}

/// A unit of background work (a scan, a discovery run, an MR note) in the durable queue.
public struct Job: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var type: String
    /// JSON.
    public var payload: String
    public var dedupeKey: String?
    public var status: JobStatus
    public var priority: Int
    public var runAfter: Date
    public var attempts: Int
    public var maxAttempts: Int
    public var leaseOwner: String?
    public var leaseExpiresAt: Date?
    public var lastError: String?
    /// JSON written by `complete`.
    public var result: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
}

public struct NewJob: Sendable, Hashable {
    public var type: String
    public var payload: String
    /// While a job with this key is queued or running, enqueueing another returns that job instead.
    public var dedupeKey: String?
    public var runAfter: Date?
    public var maxAttempts: Int
    /// Higher runs first.
    public var priority: Int

    public init(type: String, payload: String = "{}", dedupeKey: String? = nil, runAfter: Date? = nil,
                maxAttempts: Int = 3, priority: Int = 0) {
        self.type = type
        self.payload = payload
        self.dedupeKey = dedupeKey
        self.runAfter = runAfter
        self.maxAttempts = maxAttempts
        self.priority = priority
    }
}

public struct EnqueueResult: Sendable, Hashable {
    public var job: Job
    /// False when a live job with the same dedupe key already existed (and is returned).
    public var created: Bool
}
