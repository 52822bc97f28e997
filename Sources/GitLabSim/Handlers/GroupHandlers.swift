import Foundation

enum GroupHandlers {
    static func routes() -> [Route] {
        [
            Route(.get, "groups", scopes: .read, auth: .optional, appLimit: "groups_api") { call in
                let w = call.world
                let all = call.params.bool("all_available") ?? (call.isAdmin || call.userID == nil)
                var groups = w.groups.values.filter { g in
                    guard w.canReadGroup(userID: call.userID, group: g, now: call.now) else { return false }
                    if all { return true }
                    guard let uid = call.userID else { return false }
                    return w.groupAccess(userID: uid, groupID: g.id, now: call.now) > 0
                }
                if call.params.bool("top_level_only") == true { groups = groups.filter { $0.parentID == nil } }
                if let min = call.params.int("min_access_level") {
                    groups = groups.filter { w.effectiveGroupAccess(userID: call.userID, groupID: $0.id, now: call.now) >= min }
                }
                if call.params.bool("owned") == true {
                    groups = groups.filter { w.effectiveGroupAccess(userID: call.userID, groupID: $0.id, now: call.now) >= AccessLevel.owner }
                }
                groups = filterAndSortGroups(call, groups)
                return Pagination.offset(call, items: groups) { Entities.group($0, world: w, base: call.baseURL) }
            },
            Route(.get, "groups/:id", scopes: .read, auth: .optional, appLimit: "group_api") { call in
                let g = try call.group()
                let w = call.world
                var j = Entities.group(g, world: w, base: call.baseURL, detail: true)
                if w.effectiveGroupAccess(userID: call.userID, groupID: g.id, now: call.now) >= AccessLevel.owner {
                    j.set("runners_token", .string("GR1348941" + String(WorldLoader.digest("runners-\(g.id)").prefix(20))))
                }
                if call.params.bool("with_projects") != false {
                    let projects = w.projects.values
                        .filter { $0.namespace == .group(g.id) && w.canReadProject(userID: call.userID, project: $0, now: call.now) }
                        .sorted { $0.id < $1.id }.prefix(100)
                    j.set("projects", .array(projects.map {
                        Entities.project($0, world: w, base: call.baseURL, empty: call.isEmpty($0), userID: call.userID, detail: false, now: call.now)
                    }))
                    j.set("shared_projects", .array(w.projects.values.filter { $0.sharedWith.contains { $0.groupID == g.id } }
                        .filter { w.canReadProject(userID: call.userID, project: $0, now: call.now) }.sorted { $0.id < $1.id }.prefix(100)
                        .map { Entities.project($0, world: w, base: call.baseURL, empty: call.isEmpty($0), userID: call.userID, detail: false, now: call.now) }))
                }
                return .json(j)
            },
            Route(.get, "groups/:id/subgroups", scopes: .read, auth: .optional) { call in
                let g = try call.group()
                let w = call.world
                let subs = g.childIDs.compactMap { w.groups[$0] }.filter { w.canReadGroup(userID: call.userID, group: $0, now: call.now) }
                return Pagination.offset(call, items: filterAndSortGroups(call, subs)) { Entities.group($0, world: w, base: call.baseURL) }
            },
            Route(.get, "groups/:id/descendant_groups", scopes: .read, auth: .optional) { call in
                let g = try call.group()
                let w = call.world
                let subs = w.descendants(of: g.id).filter { w.canReadGroup(userID: call.userID, group: $0, now: call.now) }
                return Pagination.offset(call, items: filterAndSortGroups(call, subs)) { Entities.group($0, world: w, base: call.baseURL) }
            },
            Route(.get, "groups/:id/members", scopes: .read, auth: .optional) { call in
                let g = try call.group()
                let w = call.world
                let members = (w.groupMembers[g.id] ?? [:]).values.compactMap { w.activeMembership($0, now: call.now) }.sorted { $0.userID < $1.userID }
                return Pagination.offset(call, items: filterMembers(call, members)) { Entities.member($0, world: w, base: call.baseURL) ?? nil }
            },
            Route(.get, "groups/:id/members/all", scopes: .read, auth: .optional) { call in
                let g = try call.group()
                let w = call.world
                let members = w.allGroupMembers(groupID: g.id, now: call.now)
                return Pagination.offset(call, items: filterMembers(call, members)) { Entities.member($0, world: w, base: call.baseURL) ?? nil }
            },
            Route(.get, "groups/:id/members/all/:user_id", scopes: .read, auth: .optional) { call in
                let g = try call.group()
                guard let uid = Int(call.path("user_id")), let m = call.world.effectiveGroupMembership(userID: uid, groupID: g.id, now: call.now),
                      let j = Entities.member(m, world: call.world, base: call.baseURL) else { throw APIFailure(.notFound()) }
                return .json(j)
            },
            Route(.get, "groups/:id/members/:user_id", scopes: .read, auth: .optional) { call in
                let g = try call.group()
                guard let uid = Int(call.path("user_id")), let m = call.world.activeMembership(call.world.groupMembers[g.id]?[uid], now: call.now),
                      let j = Entities.member(m, world: call.world, base: call.baseURL) else { throw APIFailure(.notFound()) }
                return .json(j)
            },
            Route(.get, "groups/:id/projects", scopes: .read, auth: .optional, appLimit: "group_projects_api") { call in
                let g = try call.group()
                let w = call.world
                var groupIDs = [g.id]
                if call.params.bool("include_subgroups") == true { groupIDs += w.descendants(of: g.id).map(\.id) }
                let inGroups = Set(groupIDs)
                let withShared = call.params.bool("with_shared") ?? true
                // Shared projects come from the group itself only, also with include_subgroups (GroupProjectsFinder).
                let candidates = w.projects.values.filter { p in
                    if case .group(let gid) = p.namespace, inGroups.contains(gid) { return true }
                    return withShared && p.sharedWith.contains { $0.groupID == g.id }
                }
                return ProjectHandlers.list(call, candidates: Array(candidates))
            },
            Route(.get, "namespaces/:id", scopes: .read) { call in
                let raw = call.path("id")
                let w = call.world
                if let g = Int(raw).flatMap({ w.groups[$0] }) ?? w.group(fullPath: raw), w.canReadGroup(userID: call.userID, group: g, now: call.now) {
                    var j: JSONValue = ["id": .int(g.id), "name": .string(g.name), "path": .string(g.path), "kind": "group",
                                        "full_path": .string(g.fullPath), "parent_id": JSONValue(g.parentID), "avatar_url": nil,
                                        "web_url": .string("\(call.baseURL)/groups/\(g.fullPath)"),
                                        "members_count_with_descendants": .int(w.allGroupMembers(groupID: g.id, now: call.now).count),
                                        "root_repository_size": 0, "projects_count": .int(w.projects.values.filter { $0.namespace == .group(g.id) }.count)]
                    // EE exposes the plan only to those who can admin the namespace.
                    if w.instance.enterprise, w.effectiveGroupAccess(userID: call.userID, groupID: g.id, now: call.now) >= AccessLevel.owner {
                        j.set("plan", .string(w.topLevelGroup(of: g).plan))
                        j.set("trial_ends_on", nil)
                        j.set("trial", false)
                        j.set("billable_members_count", .int(w.allGroupMembers(groupID: w.topLevelGroup(of: g).id, now: call.now).count))
                    }
                    return .json(j)
                }
                if let u = Int(raw).flatMap({ w.users[$0] }) ?? w.user(named: raw), u.id == call.userID || call.isAdmin {
                    return .json(["id": .int(u.id), "name": .string(u.name), "path": .string(u.username), "kind": "user",
                                  "full_path": .string(u.username), "parent_id": nil, "avatar_url": nil,
                                  "web_url": .string("\(call.baseURL)/\(u.username)")])
                }
                throw APIFailure(.notFound("Namespace"))
            },
        ]
    }

    static func filterAndSortGroups(_ call: APICall, _ groups: [SimGroup]) -> [SimGroup] {
        var gs = groups
        if let search = call.params["search"]?.lowercased(), !search.isEmpty {
            gs = gs.filter { $0.name.lowercased().contains(search) || $0.path.lowercased().contains(search) }
        }
        let orderBy = call.params["order_by"] ?? "name"
        let desc = (call.params["sort"] ?? "asc").lowercased() == "desc"
        gs.sort { a, b in
            let less: Bool
            switch orderBy {
            case "id": less = a.id < b.id
            case "path": less = a.path == b.path ? a.id < b.id : a.path < b.path
            default: less = a.name == b.name ? a.id < b.id : a.name.lowercased() < b.name.lowercased()
            }
            return desc ? !less : less
        }
        return gs
    }

    static func filterMembers(_ call: APICall, _ members: [Membership]) -> [Membership] {
        var ms = members
        if let query = call.params["query"]?.lowercased(), !query.isEmpty {
            ms = ms.filter { m in
                guard let u = call.world.users[m.userID] else { return false }
                return u.username.lowercased().contains(query) || u.name.lowercased().contains(query)
            }
        }
        let ids = call.params.array("user_ids").compactMap { Int($0) }
        if !ids.isEmpty { ms = ms.filter { ids.contains($0.userID) } }
        return ms
    }
}
