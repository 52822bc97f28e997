import PicketCore
import PicketStore

/// The findings list's filters, read from a query string (dashboard and API share them) and written back
/// into links (pagination keeps the filters).
struct FindingFilters: Sendable {
    var severities: [Severity] = []
    var minimumSeverity: Severity?
    var kinds: [FindingKind] = []
    var states: [FindingState] = []
    var allStates = false
    var repositories: [Int64] = []
    var workspace: Int64?
    var branch: String?
    var rules: [String] = []
    var text: String?
    var sort: FindingSort = .severity
    var descending: Bool?
    var limit = 50
    var cursor: String?

    init() {}

    /// Unknown values are an error naming the parameter (a typo must not silently widen a filter).
    init(_ q: FormData) throws {
        for s in q.all("severity") where !s.isEmpty {
            guard let v = Severity(parsing: s) else { throw ServerError.badRequest("severity '\(s)' is not one of critical, high, medium, low, info") }
            severities.append(v)
        }
        if let m = q.text("min_severity") {
            guard let v = Severity(parsing: m) else { throw ServerError.badRequest("min_severity '\(m)' is not one of critical, high, medium, low, info") }
            minimumSeverity = v
        }
        for k in q.all("kind") where !k.isEmpty {
            guard let v = FindingKind(rawValue: k) else {
                throw ServerError.badRequest("kind '\(k)' is not one of \(FindingKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            kinds.append(v)
        }
        for s in q.all("state") where !s.isEmpty {
            if s == "all" { allStates = true; continue }
            guard let v = FindingState(rawValue: s) else { throw ServerError.badRequest("state '\(s)' is not one of open, reopened, fixed, ignored, all") }
            states.append(v)
        }
        for r in q.all("repository") where !r.isEmpty {
            guard let v = Int64(r) else { throw ServerError.badRequest("repository must be a repository id") }
            repositories.append(v)
        }
        if let w = q.text("workspace") {
            guard let v = Int64(w) else { throw ServerError.badRequest("workspace must be a workspace id") }
            workspace = v
        }
        branch = q.text("branch")
        rules = q.all("rule").filter { !$0.isEmpty }
        text = q.text("q")
        if let s = q.text("sort") {
            guard let v = FindingSort(rawValue: s) else { throw ServerError.badRequest("sort '\(s)' is not one of severity, last-seen, first-seen, path") }
            sort = v
        }
        if let d = q.text("direction") {
            guard d == "asc" || d == "desc" else { throw ServerError.badRequest("direction must be asc or desc") }
            descending = d == "desc"
        }
        if let l = q.text("limit") {
            guard let v = Int(l), (1...FindingQuery.maximumLimit).contains(v) else {
                throw ServerError.badRequest("limit must be between 1 and \(FindingQuery.maximumLimit)")
            }
            limit = v
        }
        cursor = q.text("cursor")
    }

    var query: FindingQuery {
        FindingQuery(workspaceID: workspace, repositoryIDs: repositories, branch: branch,
                     states: allStates ? Set(FindingState.allCases) : (states.isEmpty ? [.open, .reopened] : Set(states)),
                     minimumSeverity: minimumSeverity, severities: Set(severities), kinds: Set(kinds), ruleIDs: rules, text: text,
                     sort: sort, descending: descending, limit: limit, cursor: cursor)
    }

    /// The filters as query items (without the cursor).
    var items: [(String, String?)] {
        var out: [(String, String?)] = []
        out += severities.map { ("severity", $0.rawValue) }
        out.append(("min_severity", minimumSeverity?.rawValue))
        out += kinds.map { ("kind", $0.rawValue) }
        if allStates { out.append(("state", "all")) } else { out += states.map { ("state", $0.rawValue) } }
        out += repositories.map { ("repository", String($0)) }
        out.append(("workspace", workspace.map(String.init)))
        out.append(("branch", branch))
        out += rules.map { ("rule", $0) }
        out.append(("q", text))
        out.append(("sort", sort == .severity ? nil : sort.rawValue))
        out.append(("direction", descending.map { $0 ? "desc" : "asc" }))
        out.append(("limit", limit == 50 ? nil : String(limit)))
        return out
    }
}
