import Foundation
import PicketCore

/// What the dashboard and API ask for: filters, one sort, and a page. Pages continue with `cursor` (keyset:
/// fast at any depth) or, for "jump to page N", with `offset`.
public struct FindingQuery: Sendable, Hashable {
    public var workspaceID: Int64?
    public var repositoryIDs: [Int64]
    public var branch: String?
    /// Default: the active findings (open and reopened).
    public var states: Set<FindingState>
    public var minimumSeverity: Severity?
    public var severities: Set<Severity>
    public var kinds: Set<FindingKind>
    public var ruleIDs: [String]
    /// Case-insensitive substring of the title, path or rule id.
    public var text: String?
    public var sort: FindingSort
    public var descending: Bool
    public var limit: Int
    public var cursor: String?
    public var offset: Int?

    public static let maximumLimit = 500

    public init(workspaceID: Int64? = nil, repositoryIDs: [Int64] = [], branch: String? = nil,
                states: Set<FindingState> = [.open, .reopened], minimumSeverity: Severity? = nil,
                severities: Set<Severity> = [], kinds: Set<FindingKind> = [], ruleIDs: [String] = [],
                text: String? = nil, sort: FindingSort = .severity, descending: Bool? = nil, limit: Int = 50,
                cursor: String? = nil, offset: Int? = nil) {
        self.workspaceID = workspaceID
        self.repositoryIDs = repositoryIDs
        self.branch = branch
        self.states = states
        self.minimumSeverity = minimumSeverity
        self.severities = severities
        self.kinds = kinds
        self.ruleIDs = ruleIDs
        self.text = text
        self.sort = sort
        self.descending = descending ?? sort.defaultDescending
        self.limit = limit
        self.cursor = cursor
        self.offset = offset
    }
}

public enum FindingSort: String, Sendable, Hashable, Codable, CaseIterable {
    case severity
    case lastSeen = "last-seen"
    case firstSeen = "first-seen"
    case path

    var defaultDescending: Bool { self != .path }
}

public struct FindingPage: Sendable, Hashable {
    public var findings: [StoredFinding]
    /// Pass as `cursor` for the next page; nil on the last page.
    public var nextCursor: String?
}
