import Foundation

/// Project hooks (Maintainer+, any tier) and group hooks (Owner, Premium/Ultimate).
enum HookHandlers {
    static func routes() -> [Route] {
        var r: [Route] = []
        for kind in ["projects", "groups"] {
            let isGroup = kind == "groups"
            r.append(Route(.get, "\(kind)/:id/hooks", scopes: .read) { call in
                let owner = try ownerOf(call, isGroup: isGroup)
                let hooks = call.world.hooks.values.filter { $0.owner == owner }.sorted { $0.id < $1.id }
                return Pagination.offset(call, items: hooks) { Entities.hook($0, base: call.baseURL) }
            })
            r.append(Route(.get, "\(kind)/:id/hooks/:hook_id", scopes: .read) { call in
                let owner = try ownerOf(call, isGroup: isGroup)
                guard let id = Int(call.path("hook_id")), let h = call.world.hooks[id], h.owner == owner else { throw APIFailure(.notFound()) }
                return .json(Entities.hook(h, base: call.baseURL))
            })
            r.append(Route(.post, "\(kind)/:id/hooks", scopes: .write) { call in
                let owner = try ownerOf(call, isGroup: isGroup)
                guard let url = call.params["url"], !url.isEmpty else { return .missing("url") }
                if let bad = validate(url: url) { return bad }
                let count = call.world.hooks.values.filter { $0.owner == owner }.count
                if count >= (isGroup ? 50 : 100) {
                    return .json(["message": ["base": .array([.string("Maximum number of webhooks (\(isGroup ? 50 : 100)) exceeded")])]], status: 422)
                }
                var events = HookEvents.defaults(group: isGroup)
                for e in HookEvents.project + (isGroup ? HookEvents.groupOnly : []) { if let b = call.params.bool(e) { events[e] = b } }
                let now = call.now
                let params = call.params
                let chosen = events
                let h: SimHook = await call.core.store.mutate { w in
                    let id = w.allocateID("hook")
                    let hook = SimHook(id: id, owner: owner, url: url, name: params["name"], description: params["description"],
                                       token: params["token"].flatMap { $0.isEmpty ? nil : $0 }, events: chosen,
                                       pushEventsBranchFilter: params["push_events_branch_filter"],
                                       branchFilterStrategy: params["branch_filter_strategy"] ?? "wildcard",
                                       enableSSLVerification: params.bool("enable_ssl_verification") ?? true, createdAt: now,
                                       customHeaders: customHeaders(params), urlVariables: [])
                    w.hooks[id] = hook
                    return hook
                }
                return .json(Entities.hook(h, base: call.baseURL), status: 201)
            })
            r.append(Route(.put, "\(kind)/:id/hooks/:hook_id", scopes: .write) { call in
                let owner = try ownerOf(call, isGroup: isGroup)
                guard let id = Int(call.path("hook_id")), let existing = call.world.hooks[id], existing.owner == owner else { throw APIFailure(.notFound()) }
                guard let url = call.params["url"], !url.isEmpty else { return .missing("url") }
                if let bad = validate(url: url) { return bad }
                let params = call.params
                let h: SimHook = await call.core.store.mutate { w in
                    var h = existing
                    // The secret token is reset when the URL changes (unless a new one is given).
                    if h.url != url { h.token = nil }
                    h.url = url
                    if let t = params["token"] { h.token = t.isEmpty ? nil : t }
                    if let n = params["name"] { h.name = n }
                    if let d = params["description"] { h.description = d }
                    for e in HookEvents.project + (isGroup ? HookEvents.groupOnly : []) { if let b = params.bool(e) { h.events[e] = b } }
                    if let f = params["push_events_branch_filter"] { h.pushEventsBranchFilter = f }
                    if let s = params["branch_filter_strategy"] { h.branchFilterStrategy = s }
                    if let v = params.bool("enable_ssl_verification") { h.enableSSLVerification = v }
                    let headers = customHeaders(params)
                    if !headers.isEmpty { h.customHeaders = headers }
                    w.hooks[id] = h
                    return h
                }
                return .json(Entities.hook(h, base: call.baseURL))
            })
            r.append(Route(.delete, "\(kind)/:id/hooks/:hook_id", scopes: .write) { call in
                let owner = try ownerOf(call, isGroup: isGroup)
                guard let id = Int(call.path("hook_id")), let h = call.world.hooks[id], h.owner == owner else { throw APIFailure(.notFound()) }
                await call.core.store.mutate { $0.hooks[id] = nil }
                return APIResponse(status: 204, body: .empty)
            })
        }
        return r
    }

    static func ownerOf(_ call: APICall, isGroup: Bool) throws -> HookOwner {
        if isGroup {
            let g = try call.group()
            let plan = call.world.topLevelGroup(of: g).plan
            // Group webhooks are a Premium/Ultimate feature: on Free the endpoints are not there.
            guard plan == "premium" || plan == "ultimate" else { throw APIFailure(.notFound()) }
            guard call.world.effectiveGroupAccess(userID: call.userID, groupID: g.id, now: call.now) >= AccessLevel.owner else {
                throw APIFailure(.forbidden)
            }
            return .group(g.id)
        }
        let p = try call.project()
        try call.require(p, atLeast: AccessLevel.maintainer)
        return .project(p.id)
    }

    static func validate(url: String) -> APIResponse? {
        guard let u = URL(string: url), let scheme = u.scheme?.lowercased(), ["http", "https"].contains(scheme), u.host != nil else {
            return .json(["message": ["url": ["is blocked: Only allowed schemes are http, https"]]], status: 422)
        }
        return nil
    }

    static func customHeaders(_ params: Params) -> [(String, String)] {
        var out: [(String, String)] = []
        var i = 0
        while let key = params["custom_headers[][key]"] ?? nil, i == 0 {
            out.append((key, params["custom_headers[][value]"] ?? ""))
            i += 1
        }
        return out
    }
}
