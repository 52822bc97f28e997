import PicketStore

/// The dependency list's filters, read from a query string (dashboard and API share them) and written back into
/// links (pages keep the filters).
struct ComponentFilters: Sendable {
    var workspace: Int64?
    var repositories: [Int64] = []
    var ecosystem: String?
    var text: String?
    var version: String?
    var limit = 100
    var offset = 0

    init() {}

    /// Values that cannot be read are an error naming the parameter.
    init(_ q: FormData) throws {
        if let w = q.text("workspace") {
            guard let v = Int64(w) else { throw ServerError.badRequest("workspace must be a workspace id") }
            workspace = v
        }
        for r in q.all("repository") where !r.isEmpty {
            guard let v = Int64(r) else { throw ServerError.badRequest("repository must be a repository id") }
            repositories.append(v)
        }
        ecosystem = q.text("ecosystem")
        text = q.text("q")
        version = q.text("version")
        if let l = q.text("limit") {
            guard let v = Int(l), (1...ComponentQuery.maxLimit).contains(v) else {
                throw ServerError.badRequest("limit must be between 1 and \(ComponentQuery.maxLimit)")
            }
            limit = v
        }
        if let o = q.text("offset") {
            guard let v = Int(o), v >= 0 else { throw ServerError.badRequest("offset must be 0 or more") }
            offset = v
        }
    }

    var query: ComponentQuery {
        ComponentQuery(workspaceID: workspace, repositoryIDs: repositories, ecosystem: ecosystem, search: text, version: version,
                       limit: limit, offset: offset)
    }

    /// The filters as query items (without the offset).
    var items: [(String, String?)] {
        var out: [(String, String?)] = []
        out.append(("workspace", workspace.map(String.init)))
        out += repositories.map { ("repository", String($0)) }
        out.append(("ecosystem", ecosystem))
        out.append(("q", text))
        out.append(("version", version))
        out.append(("limit", limit == 100 ? nil : String(limit)))
        return out
    }
}
