import Foundation
import Hummingbird

/// `/-/sim/...`: introspection and fault injection for tests; loopback only, not authenticated by tokens.
struct ControlAPI {
    let core: SimulatorCore

    func handle(_ request: Request, path: String) async throws -> APIResponse {
        let body = try await request.body.collect(upTo: 16 << 20)
        let json: JSONValue = body.readableBytes == 0 ? .object([]) : ((try? JSONValue.parse(Data(body.readableBytesView))) ?? .null)
        guard case .object = json else { return .message(400, "body must be a JSON object") }
        let parts = path.split(separator: "/").map { percentDecode(String($0)) }
        let m = request.method
        do {
            switch (m, parts.first ?? "", parts.count) {
            case (.get, "health", 1): return .json(["ok": true])
            case (.get, "notes", 1): return .json(await notes())
            case (.get, "statuses", 1): return .json(await statuses())
            case (.get, "deliveries", 1): return .json(await deliveries())
            case (.delete, "deliveries", 1):
                await core.store.mutate { $0.deliveries.removeAll() }
                return APIResponse(status: 204, body: .empty)
            case (.get, "requests", 1): return .json(await requests())
            case (.delete, "requests", 1):
                await core.store.resetRequestLog()
                return APIResponse(status: 204, body: .empty)
            case (.post, "faults", 1): return try await faults(json)
            case (.put, "rate-limits", 1): return try await rateLimits(json)
            case (.delete, "rate-limits", 1):
                await core.store.resetRateLimits()
                return APIResponse(status: 204, body: .empty)
            case (.get, "tokens", 1): return .json(await tokens())
            case (.post, "tokens", 1): return try await createToken(json)
            case (.post, "projects", 3) where parts[2] == "push": return try await push(project: parts[1], json)
            case (.post, "projects", 3) where parts[2] == "merge_requests": return try await mergeRequest(project: parts[1], json)
            default: return .message(404, "404 unknown simulator endpoint")
            }
        } catch let e as ControlError {
            return .message(400, e.message)
        }
    }

    struct ControlError: Error { let message: String }

    func reader(_ json: JSONValue) -> SpecReader { SpecReader(value: json, path: "", file: "request") }

    func wrap<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as WorldError { throw ControlError(message: e.description) }
    }

    func notes() async -> JSONValue {
        let w = await core.store.snapshot()
        return .array(w.notes.values.sorted { $0.id < $1.id }.map { n in
            ["id": .int(n.id), "project_id": .int(n.projectID), "project": JSONValue(w.projects[n.projectID]?.fullPath),
             "merge_request_iid": .int(n.mergeRequestIID), "discussion_id": .string(n.discussionID), "body": .string(n.body),
             "author": JSONValue(w.users[n.authorID]?.username), "position": n.position ?? nil, "resolvable": .bool(n.resolvable),
             "resolved": .bool(n.resolved), "created_at": Entities.date(n.createdAt), "updated_at": Entities.date(n.updatedAt)]
        })
    }

    func statuses() async -> JSONValue {
        let w = await core.store.snapshot()
        return .array(w.statuses.values.sorted { $0.id < $1.id }.map { s in
            var j = Entities.status(s, world: w, base: w.instance.externalURL)
            j.set("project_id", .int(s.projectID))
            j.set("project", JSONValue(w.projects[s.projectID]?.fullPath))
            return j
        })
    }

    func deliveries() async -> JSONValue {
        let w = await core.store.snapshot()
        return .array(w.deliveries.map(render))
    }

    func render(_ d: HookDelivery) -> JSONValue {
        ["id": .int(d.id), "hook_id": .int(d.hookID), "url": .string(d.url), "event": .string(d.event),
         "request_headers": .object(d.requestHeaders.map { ($0.0, .string($0.1)) }), "payload": d.payload,
         "response_status": JSONValue(d.responseStatus), "response_body": JSONValue(d.responseBody), "error": JSONValue(d.error),
         "duration_ms": .int(d.durationMS), "delivered_at": Entities.date(d.deliveredAt)]
    }

    func requests() async -> JSONValue {
        let (entries, counts) = await core.store.requestLog()
        return ["total": .int(counts.values.reduce(0, +)),
                "counts": .object(counts.keys.sorted().map { ($0, .int(counts[$0] ?? 0)) }),
                "entries": .array(entries.suffix(1000).map { e in
                    ["id": .int(e.id), "method": .string(e.method), "route": .string(e.route), "path": .string(e.path),
                     "status": .int(e.status), "user_id": JSONValue(e.userID), "token_id": JSONValue(e.tokenID), "at": Entities.date(e.at)]
                })]
    }

    func faults(_ json: JSONValue) async throws -> APIResponse {
        let r = reader(json)
        try wrap { try r.allowOnly(["rate_limit_storm", "storm_retry_after", "server_errors"]) }
        let storm = try wrap { try r.optInt("rate_limit_storm") }
        let retry = try wrap { try r.optInt("storm_retry_after") }
        let errors = try wrap { try r.optInt("server_errors") }
        let f = await core.store.mutate { w -> FaultSettings in
            if let storm { w.instance.faults.rateLimitStorm = storm }
            if let retry { w.instance.faults.stormRetryAfter = retry }
            if let errors { w.instance.faults.serverErrors = errors }
            return w.instance.faults
        }
        return .json(["rate_limit_storm": .int(f.rateLimitStorm), "storm_retry_after": .int(f.stormRetryAfter), "server_errors": .int(f.serverErrors)])
    }

    func rateLimits(_ json: JSONValue) async throws -> APIResponse {
        let r = reader(json)
        var settings = await core.store.snapshot().instance.rateLimits
        try wrap {
            try r.allowOnly(["enabled", "authenticated_api", "unauthenticated_api", "endpoints"])
            if let e = try r.optBool("enabled") { settings.enabled = e }
        }
        func throttle(_ key: String, _ r: SpecReader) throws -> Throttle? {
            guard let t = try wrap({ try r.object(key) }) else { return nil }
            guard let limit = try wrap({ try t.optInt("limit") }), limit > 0 else { throw ControlError(message: "\(key).limit must be positive") }
            return Throttle(limit: limit, period: try wrap { try t.optInt("period") } ?? 60)
        }
        if let t = try throttle("authenticated_api", r) { settings.authenticatedAPI = t }
        if let t = try throttle("unauthenticated_api", r) { settings.unauthenticatedAPI = t }
        if let eps = try wrap({ try r.object("endpoints") }) {
            for (name, _) in eps.pairs {
                guard ApplicationLimit.gitlabComDefaults[name] != nil else { throw ControlError(message: "unknown application limit \(name)") }
                if let t = try throttle(name, eps) { settings.endpoints[name] = t }
            }
        }
        let final = settings
        await core.store.mutate { $0.instance.rateLimits = final }
        await core.store.resetRateLimits()
        return .json(["enabled": .bool(final.enabled)])
    }

    func tokens() async -> JSONValue {
        let w = await core.store.snapshot()
        let now = Date()
        return .array(w.tokens.values.sorted { $0.id < $1.id }.map { t in
            var j = Entities.token(t, now: now)
            j.set("user", JSONValue(w.users[t.userID]?.username))
            j.set("kind", .string(t.kind.rawValue))
            j.set("family_id", .int(t.familyID))
            return j
        })
    }

    func createToken(_ json: JSONValue) async throws -> APIResponse {
        let r = reader(json)
        try wrap { try r.allowOnly(["user", "scopes", "expires_at", "value", "name", "revoked"]) }
        let username = try wrap { try r.string("user") }
        let scopes = try wrap { try r.stringArray("scopes") }
        let expires = try wrap { try r.optString("expires_at") }
        if let expires, !SimClock.isDateOnly(expires) { throw ControlError(message: "expires_at must be YYYY-MM-DD") }
        let value = try wrap { try r.optString("value") } ?? "glpat-" + TokenHandlers.randomTokenBody()
        let name = try wrap { try r.optString("name") } ?? "sim-token"
        let revoked = try wrap { try r.bool("revoked", default: false) }
        let digest = WorldLoader.digest(value)
        let created: SimToken? = await core.store.mutate { w in
            guard let u = w.user(named: username), w.tokenByDigest[digest] == nil, !scopes.isEmpty else { return nil }
            let id = w.allocateID("token")
            let t = SimToken(id: id, digest: digest, userID: u.id, name: name, description: nil, scopes: scopes, expiresAt: expires, revoked: revoked,
                             forcedInactive: false, kind: .personal, resourceID: nil, accessLevel: nil, createdAt: Date(), lastUsedAt: nil,
                             lastUsedIPs: [], familyID: id)
            w.tokens[id] = t
            w.tokenByDigest[digest] = id
            return t
        }
        guard let created else { throw ControlError(message: "unknown user, duplicate value or no scopes") }
        return .json(Entities.token(created, now: Date(), value: value), status: 201)
    }

    func findProject(_ raw: String, _ w: World) throws -> SimProject {
        guard let p = Int(raw).flatMap({ w.projects[$0] }) ?? w.project(fullPath: raw) else { throw ControlError(message: "no project \(raw)") }
        return p
    }

    /// Reads `files` ({path: content}), `remove` ([path]) and `source` (overlay folder) into changes.
    func changes(_ r: SpecReader, world: World) throws -> (overlay: String?, changes: [FileChange]) {
        var out: [FileChange] = []
        if let files = try wrap({ try r.object("files") }) {
            for (path, v) in files.pairs {
                guard case .string(let content) = v else { throw ControlError(message: "files.\(path) must be a string") }
                guard isSafeRepoPath(path) else { throw ControlError(message: "unsafe path \(path)") }
                out.append(.write(path: path, content: Data(content.utf8), executable: false))
            }
        }
        for path in try wrap({ try r.stringArray("remove") }) {
            guard isSafeRepoPath(path) else { throw ControlError(message: "unsafe path \(path)") }
            out.append(.remove(path: path))
        }
        var overlay: String?
        if let s = try wrap({ try r.optString("source") }) {
            let path = s.hasPrefix("/") ? s : URL(fileURLWithPath: world.worldDirectory).appendingPathComponent(s).standardizedFileURL.path
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else { throw ControlError(message: "no folder \(s)") }
            overlay = path
        }
        return (overlay, out)
    }

    func push(project raw: String, _ json: JSONValue) async throws -> APIResponse {
        let w = await core.store.snapshot()
        let p = try findProject(raw, w)
        let r = reader(json)
        try wrap { try r.allowOnly(["branch", "from", "message", "files", "remove", "source", "author", "date"]) }
        let branch = try wrap { try r.optString("branch") } ?? p.defaultBranch
        let (overlay, changes) = try changes(r, world: w)
        guard overlay != nil || !changes.isEmpty else { throw ControlError(message: "nothing to commit: give files, remove or source") }
        var userID: Int?
        var author = p.commitAuthor
        if let a = try wrap({ try r.optString("author") }) {
            guard let u = w.user(named: a) else { throw ControlError(message: "no user \(a)") }
            userID = u.id
            author = CommitIdentity(name: u.name, email: u.email)
        }
        let date = try wrap { try r.optDate("date") } ?? Date()
        let message = try wrap { try r.optString("message") } ?? "Update \(branch)"
        let from = try wrap { try r.optString("from") } ?? p.defaultBranch
        let (before, after) = try await core.repositories.commit(project: p, branch: branch, from: from, overlay: overlay, changes: changes,
                                                                 message: message, author: author, date: date)
        await core.store.mutate { w in
            w.projects[p.id]?.emptyRepo = false
            w.projects[p.id]?.lastActivityAt = date
        }
        let deliveries = await WebhookEvents.push(core: core, project: p, ref: branch, before: before, after: after, userID: userID)
        // Open MRs from this branch get a new diff version (oldrev = previous head) and an `update` hook.
        var mrDeliveries: [HookDelivery] = []
        let world = await core.store.snapshot()
        for mr in world.mergeRequests.values where mr.projectID == p.id && mr.sourceBranch == branch && mr.state == .opened {
            if let v = await core.repositories.version(repo: core.repositories.repository(p.id), mr: mr, id: 0, at: date) {
                let updated: SimMergeRequest? = await core.store.mutate { w in
                    var v = v
                    v.id = w.allocateID("mr_version")
                    w.mergeRequests[mr.id]?.versions.append(v)
                    w.mergeRequests[mr.id]?.updatedAt = date
                    return w.mergeRequests[mr.id]
                }
                if let updated {
                    mrDeliveries += await WebhookEvents.mergeRequest(core: core, mr: updated, action: "update", oldrev: before, changes: [:], userID: userID)
                }
            }
        }
        return .json(["before": .string(before), "after": .string(after), "ref": .string("refs/heads/\(branch)"),
                      "deliveries": .array((deliveries + mrDeliveries).map(render))], status: 201)
    }

    func mergeRequest(project raw: String, _ json: JSONValue) async throws -> APIResponse {
        let w = await core.store.snapshot()
        let p = try findProject(raw, w)
        let r = reader(json)
        try wrap { try r.allowOnly(["iid", "title", "description", "source_branch", "target_branch", "action", "files", "remove", "source",
                                    "author", "labels", "draft", "message"]) }
        let action = try wrap { try r.optString("action") } ?? "open"
        guard ["open", "update", "close", "reopen", "merge"].contains(action) else { throw ControlError(message: "action must be open, update, close, reopen or merge") }
        var author: SimUser?
        if let a = try wrap({ try r.optString("author") }) {
            guard let u = w.user(named: a) else { throw ControlError(message: "no user \(a)") }
            author = u
        }
        let iid = try wrap { try r.optInt("iid") }
        let existing = iid.flatMap { w.mergeRequest(projectID: p.id, iid: $0) }
        if action != "open", existing == nil { throw ControlError(message: "action \(action) needs the iid of an existing merge request") }
        let sourceBranch = try wrap { try r.optString("source_branch") } ?? existing?.sourceBranch
        guard let sourceBranch else { throw ControlError(message: "source_branch is required") }
        let targetBranch = try wrap { try r.optString("target_branch") } ?? existing?.targetBranch ?? p.defaultBranch
        let (overlay, changes) = try changes(r, world: w)
        var oldrev: String?
        let now = Date()
        if overlay != nil || !changes.isEmpty {
            let commitAuthor = author.map { CommitIdentity(name: $0.name, email: $0.email) } ?? p.commitAuthor
            let msg = try wrap { try r.optString("message") } ?? (try wrap { try r.optString("title") } ?? "Update \(sourceBranch)")
            let (before, _) = try await core.repositories.commit(project: p, branch: sourceBranch, from: targetBranch, overlay: overlay,
                                                                 changes: changes, message: msg, author: commitAuthor, date: now)
            if before != GitRepository.zeroSHA, existing != nil { oldrev = before }
            await core.store.mutate { $0.projects[p.id]?.emptyRepo = false }
        }
        let repo = core.repositories.repository(p.id)
        guard await repo.resolve("refs/heads/\(sourceBranch)") != nil else { throw ControlError(message: "branch \(sourceBranch) does not exist; give files or source") }
        let title = try wrap { try r.optString("title") }
        let description = try wrap { try r.optString("description") }
        let labels = try wrap { r.has("labels") ? try r.stringArray("labels") : nil }
        let draft = try wrap { try r.optBool("draft") }
        let actorID = author?.id ?? existing?.authorID ?? w.users.values.filter { !$0.userType.isBot }.map(\.id).min()
        var changesJSON: JSONValue = [:]
        var mr: SimMergeRequest
        if var m = existing {
            let previousState = m.state
            switch action {
            case "close": m.state = .closed; m.closedAt = now; m.closedByID = actorID
            case "reopen": m.state = .opened; m.closedAt = nil
            case "merge": m.state = .merged; m.mergedAt = now; m.mergedByID = actorID
            default: break
            }
            if let title, title != m.title { changesJSON.set("title", ["previous": .string(m.title), "current": .string(title)]); m.title = title }
            if let description { m.description = description }
            if let labels { m.labels = labels }
            if let draft, draft != m.draft { changesJSON.set("draft", ["previous": .bool(m.draft), "current": .bool(draft)]); m.draft = draft }
            if previousState != m.state { changesJSON.set("state_id", ["previous": .int(stateID(previousState)), "current": .int(stateID(m.state))]) }
            m.updatedAt = now
            mr = m
        } else {
            guard let title else { throw ControlError(message: "title is required to open a merge request") }
            guard let authorID = actorID else { throw ControlError(message: "author is required") }
            mr = SimMergeRequest(id: 0, iid: 0, projectID: p.id, title: title, description: description ?? "", state: .opened,
                                 sourceBranch: sourceBranch, targetBranch: targetBranch, sourceProjectID: p.id, authorID: authorID,
                                 assigneeIDs: [], reviewerIDs: [], labels: labels ?? [], draft: draft ?? false, createdAt: now, updatedAt: now,
                                 mergedAt: nil, closedAt: nil, mergedByID: nil, closedByID: nil, source: nil, remove: [], versions: [])
        }
        let version = await core.repositories.version(repo: repo, mr: mr, id: 0, at: now)
        let stored: SimMergeRequest = await core.store.mutate { [mr] w in
            var m = mr
            if m.id == 0 {
                m.id = w.allocateID("merge_request")
                m.iid = (w.mergeRequests.values.filter { $0.projectID == m.projectID }.map(\.iid).max() ?? 0) + 1
            }
            if var v = version, m.versions.last?.headSHA != v.headSHA {
                v.id = w.allocateID("mr_version")
                m.versions.append(v)
            }
            w.mergeRequests[m.id] = m
            return m
        }
        let deliveries = await WebhookEvents.mergeRequest(core: core, mr: stored, action: action, oldrev: oldrev, changes: changesJSON, userID: actorID)
        return .json(["merge_request": ["id": .int(stored.id), "iid": .int(stored.iid), "state": .string(stored.state.rawValue),
                                        "sha": JSONValue(stored.versions.last?.headSHA), "source_branch": .string(stored.sourceBranch),
                                        "target_branch": .string(stored.targetBranch)],
                      "deliveries": .array(deliveries.map(render))], status: 201)
    }

    func stateID(_ s: MergeRequestState) -> Int {
        switch s { case .opened: 1; case .closed: 2; case .merged: 3; case .locked: 4 }
    }
}
