import Foundation

/// Offset and keyset pagination with GitLab's headers.
enum Pagination {
    static let countLimit = 10_000

    static func pageParams(_ call: APICall) -> (page: Int, perPage: Int) {
        var page = call.params.int("page") ?? 1
        if page < 1 { page = 1 }
        var per = call.params.int("per_page") ?? 20
        if per < 1 { per = 20 }
        if per > 100 { per = 100 }
        return (page, per)
    }

    static func linkBase(_ call: APICall) -> String {
        var path = call.route.pattern
        for (k, v) in call.pathParams {
            path = path.replacingOccurrences(of: ":\(k)", with: percentEncode(v))
        }
        // Keep the caller's raw id form (numeric or encoded path) as GitLab echoes the request URL.
        return "\(call.apiBase)/\(path)"
    }

    static func query(_ call: APICall, overriding: [(String, String)]) -> String {
        var pairs: [(String, String)] = []
        var seen = Set<String>()
        for (k, v) in call.params.pairs.reversed() where !seen.contains(k) && !Params.secretKeys.contains(k) && call.pathParams[k] == nil {
            seen.insert(k)
            pairs.append((k, v))
        }
        pairs.removeAll { p in overriding.contains { $0.0 == p.0 } }
        pairs += overriding
        pairs.sort { $0.0 < $1.0 }
        return pairs.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&")
    }

    /// Offset pagination; `keysetType` names the entity class for the max-offset 405 (types that support keyset).
    static func offset<T>(_ call: APICall, items: [T], keysetType: String? = nil, render: (T) -> JSONValue) -> APIResponse {
        let (page, per) = pageParams(call)
        if let keysetType, page * per > call.world.instance.maxOffset {
            let max = call.world.instance.maxOffset
            return .json(["error": .string("Offset pagination has a maximum allowed offset of \(max) for requests that return objects of type \(keysetType). Remaining records can be retrieved using keyset pagination.")], status: 405)
        }
        let total = items.count
        let start = min((page - 1) * per, total)
        let end = min(start + per, total)
        let slice = items[start ..< end]
        var r = APIResponse.json(.array(slice.map(render)))
        let hasNext = end < total
        let totalPages = max(1, (total + per - 1) / per)
        let base = linkBase(call)
        var links: [String] = []
        func link(_ p: Int, _ rel: String) -> String {
            "<\(base)?\(query(call, overriding: [("page", String(p)), ("per_page", String(per))]))>; rel=\"\(rel)\""
        }
        if page > 1 { links.append(link(page - 1, "prev")) }
        if hasNext { links.append(link(page + 1, "next")) }
        links.append(link(1, "first"))
        let countKnown = total <= countLimit
        if countKnown { links.append(link(totalPages, "last")) }
        r.header("Link", links.joined(separator: ", "))
        r.header("X-Next-Page", hasNext ? String(page + 1) : "")
        r.header("X-Page", String(page))
        r.header("X-Per-Page", String(per))
        r.header("X-Prev-Page", page > 1 ? String(page - 1) : "")
        if countKnown {
            r.header("X-Total", String(total))
            r.header("X-Total-Pages", String(totalPages))
        }
        return r
    }

    /// Keyset pagination by id (`pagination=keyset&order_by=id&sort=asc|desc`): only a `Link rel="next"` header.
    static func keysetByID<T>(_ call: APICall, items: [T], id: (T) -> Int, render: (T) -> JSONValue) -> APIResponse {
        let (_, per) = pageParams(call)
        let orderBy = call.params["order_by"] ?? "id"
        guard orderBy == "id" else {
            return .json(["error": "Keyset pagination is not yet available for this type of request"], status: 405)
        }
        let desc = (call.params["sort"] ?? "asc").lowercased() == "desc"
        var sorted = items.sorted { desc ? id($0) > id($1) : id($0) < id($1) }
        if let after = call.params.int("id_after") { sorted = sorted.filter { id($0) > after } }
        if let before = call.params.int("id_before") { sorted = sorted.filter { id($0) < before } }
        let page = Array(sorted.prefix(per))
        var r = APIResponse.json(.array(page.map(render)))
        if page.count == per, let last = page.last {
            let cursor = desc ? ("id_before", String(id(last))) : ("id_after", String(id(last)))
            let q = query(call, overriding: [cursor, ("order_by", "id"), ("pagination", "keyset"), ("per_page", String(per)),
                                             ("sort", desc ? "desc" : "asc")].filter { _ in true })
            // A cursor from the other direction must not survive into the next link.
            let cleaned = q.split(separator: "&").filter { !$0.hasPrefix(desc ? "id_after=" : "id_before=") }.joined(separator: "&")
            r.header("Link", "<\(linkBase(call))?\(cleaned)>; rel=\"next\"")
        }
        return r
    }

    static func isKeyset(_ call: APICall) -> Bool { call.params["pagination"] == "keyset" }
}
