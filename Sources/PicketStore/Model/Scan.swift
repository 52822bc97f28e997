import Foundation
import PicketCore

public enum ScanKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A whole branch (scheduled or manual).
    case full
    /// A merge request's source branch.
    case mr
    /// A push to a branch.
    case push
}

public enum ScanStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case queued, running, succeeded, failed
}

/// One scan of one repository at one commit, and what it changed.
public struct Scan: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var workspaceID: Int64
    public var repositoryID: Int64
    public var kind: ScanKind
    /// The branch scanned.
    public var ref: String
    public var commitSHA: String?
    public var mergeRequestIID: Int64?
    public var status: ScanStatus
    public var jobID: Int64?
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    public var error: String?
    public var counts: ScanCounts
    /// True when a newer scan of the same branch was recorded first: this one changed no finding's state.
    public var superseded: Bool
    public var scanners: [ScannerRun]
}

/// What a recorded scan did to the branch's findings.
public struct ScanCounts: Sendable, Hashable, Codable {
    /// Distinct findings in the report (suppressed ones included).
    public var total: Int
    public var new: Int
    public var fixed: Int
    public var reopened: Int
    /// Findings of this scan that are ignored (by a user or by `.picket.yml`).
    public var ignored: Int

    public init(total: Int = 0, new: Int = 0, fixed: Int = 0, reopened: Int = 0, ignored: Int = 0) {
        self.total = total
        self.new = new
        self.fixed = fixed
        self.reopened = reopened
        self.ignored = ignored
    }
}

public struct NewScan: Sendable, Hashable {
    public var repositoryID: Int64
    public var kind: ScanKind
    public var ref: String
    public var commitSHA: String?
    public var mergeRequestIID: Int64?
    public var jobID: Int64?

    public init(repositoryID: Int64, kind: ScanKind = .full, ref: String, commitSHA: String? = nil,
                mergeRequestIID: Int64? = nil, jobID: Int64? = nil) {
        self.repositoryID = repositoryID
        self.kind = kind
        self.ref = ref
        self.commitSHA = commitSHA
        self.mergeRequestIID = mergeRequestIID
        self.jobID = jobID
    }
}

/// The result of `recordScan`.
public struct ScanOutcome: Sendable, Hashable {
    public var scan: Scan
    /// True when this scan had already been recorded: nothing was written again.
    public var alreadyRecorded: Bool
}
