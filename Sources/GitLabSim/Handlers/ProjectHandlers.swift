import Foundation

enum ProjectHandlers {
    static func routes() -> [Route] {
        [
            Route(.get, "projects", scopes: .read, auth: .optional, appLimit: "projects_api") { call in
                let w = call.world
                var candidates = Array(w.projects.values)
                if call.params.bool("membership") == true, let uid = call.userID {
                    candidates = candidates.filter { p in
                        if case .user(let owner) = p.namespace, owner == uid { return true }
                        return (w.projectDirectAccess(userID: uid, projectID: p.id, now: call.now) ?? 0) > 0
                            || (w.projectGroupAccess(userID: uid, project: p, now: call.now) ?? 0) > 0
                    }
                }
                return list(call, candidates: candidates)
            },
            Route(.get, "projects/:id", scopes: .read, auth: .optional, appLimit: "project_api") { call in
                let p = try call.project()
                var j = Entities.project(p, world: call.world, base: call.baseURL, empty: call.isEmpty(p), userID: call.userID, detail: true, now: call.now)
                if call.params.bool("license") == true { j.set("license", nil) }
                return .json(j)
            },
            Route(.get, "projects/:id/members/all", scopes: .read, auth: .optional) { call in
                let p = try call.project()
                let w = call.world
                var byUser: [Int: Membership] = [:]
                if case .group(let gid) = p.namespace { for m in w.allGroupMembers(groupID: gid, now: call.now) { byUser[m.userID] = m } }
                for s in p.sharedWith {
                    for var m in w.allGroupMembers(groupID: s.groupID, now: call.now) {
                        m.accessLevel = min(m.accessLevel, s.accessLevel)
                        if m.accessLevel > (byUser[m.userID]?.accessLevel ?? 0) { byUser[m.userID] = m }
                    }
                }
                for (uid, m) in w.projectMembers[p.id] ?? [:] {
                    guard let m = w.activeMembership(m, now: call.now) else { continue }
                    if m.accessLevel > (byUser[uid]?.accessLevel ?? 0) { byUser[uid] = m }
                }
                let members = GroupHandlers.filterMembers(call, byUser.values.sorted { $0.userID < $1.userID })
                return Pagination.offset(call, items: members) { Entities.member($0, world: w, base: call.baseURL) ?? nil }
            },
            Route(.get, "projects/:id/members/all/:user_id", scopes: .read, auth: .optional) { call in
                let p = try call.project()
                guard let uid = Int(call.path("user_id")), let u = call.world.users[uid] else { throw APIFailure(.notFound()) }
                let level = max(call.world.projectDirectAccess(userID: uid, projectID: p.id, now: call.now) ?? 0,
                                call.world.projectGroupAccess(userID: uid, project: p, now: call.now) ?? 0)
                guard level > 0 else { throw APIFailure(.notFound()) }
                let m = Membership(userID: u.id, accessLevel: level, expiresAt: nil, createdAt: u.createdAt, createdByID: nil)
                return .json(Entities.member(m, world: call.world, base: call.baseURL) ?? nil)
            },
            Route(.get, "projects/:id/members", scopes: .read, auth: .optional) { call in
                let p = try call.project()
                let w = call.world
                let members = (w.projectMembers[p.id] ?? [:]).values.compactMap { w.activeMembership($0, now: call.now) }.sorted { $0.userID < $1.userID }
                return Pagination.offset(call, items: GroupHandlers.filterMembers(call, members)) { Entities.member($0, world: w, base: call.baseURL) ?? nil }
            },
        ]
    }

    /// Shared filtering, ordering and pagination of project lists (`/projects`, `/groups/:id/projects`).
    static func list(_ call: APICall, candidates: [SimProject]) -> APIResponse {
        let w = call.world
        var candidates = candidates
        // Keyset cursors cut the candidate set before the (costlier) visibility checks.
        if Pagination.isKeyset(call) {
            if let after = call.params.int("id_after") { candidates = candidates.filter { $0.id > after } }
            if let before = call.params.int("id_before") { candidates = candidates.filter { $0.id < before } }
        }
        var ps = VisibilityFilter(world: w, userID: call.userID, now: call.now).readable(candidates)
        if let archived = call.params.bool("archived") { ps = ps.filter { $0.archived == archived } }
        if let vis = call.params["visibility"], let v = Visibility(rawValue: vis) { ps = ps.filter { $0.visibility == v } }
        if let search = call.params["search"]?.lowercased(), !search.isEmpty {
            ps = ps.filter { $0.name.lowercased().contains(search) || $0.path.lowercased().contains(search) }
        }
        if let min = call.params.int("min_access_level") { ps = ps.filter { call.access($0) >= min } }
        if call.params.bool("owned") == true, let uid = call.userID {
            ps = ps.filter { if case .user(let o) = $0.namespace { return o == uid }; return false }
        }
        if call.params.bool("starred") == true { ps = [] }
        let simple = call.params.bool("simple") == true
        let render: (SimProject) -> JSONValue = { p in
            let full = Entities.project(p, world: w, base: call.baseURL, empty: call.isEmpty(p), userID: call.userID, detail: false, now: call.now)
            return simple ? simplify(full) : full
        }
        if Pagination.isKeyset(call) {
            return Pagination.keysetByID(call, items: ps, id: \.id, render: render)
        }
        let orderBy = call.params["order_by"] ?? "created_at"
        guard ["id", "name", "path", "created_at", "updated_at", "last_activity_at", "similarity", "star_count"].contains(orderBy) else {
            return .invalidValue("order_by")
        }
        let desc = (call.params["sort"] ?? "desc").lowercased() != "asc"
        ps.sort { a, b in
            func cmp<T: Comparable>(_ x: T, _ y: T) -> Bool? { x == y ? nil : x < y }
            let less: Bool
            switch orderBy {
            case "id": less = a.id < b.id
            case "name": less = cmp(a.name.lowercased(), b.name.lowercased()) ?? (a.id < b.id)
            case "path": less = cmp(a.path, b.path) ?? (a.id < b.id)
            case "updated_at", "last_activity_at": less = cmp(a.lastActivityAt, b.lastActivityAt) ?? (a.id < b.id)
            default: less = cmp(a.createdAt, b.createdAt) ?? (a.id < b.id)
            }
            return desc ? !less : less
        }
        return Pagination.offset(call, items: ps, keysetType: "Project", render: render)
    }

    static let simpleKeys: Set<String> = ["id", "description", "name", "name_with_namespace", "path", "path_with_namespace", "created_at",
                                          "default_branch", "tag_list", "topics", "ssh_url_to_repo", "http_url_to_repo", "web_url",
                                          "readme_url", "forks_count", "avatar_url", "star_count", "last_activity_at", "namespace",
                                          "visibility", "repository_storage", "empty_repo", "archived"]

    static func simplify(_ j: JSONValue) -> JSONValue {
        guard case .object(let pairs) = j else { return j }
        return .object(pairs.filter { simpleKeys.contains($0.0) })
    }
}
