import Foundation

/// Builds push / merge request / note hook payloads and delivers them to every matching project and group hook.
enum WebhookEvents {
    static func hooks(for project: SimProject, event: String, world: World) -> [SimHook] {
        var groupIDs: [Int] = []
        if case .group(let gid) = project.namespace {
            let plan = world.planFor(project: project)
            if plan == "premium" || plan == "ultimate" { groupIDs = world.ancestorsAndSelf(gid).map(\.id) }
        }
        return world.hooks.values.filter { h in
            guard h.events[event] == true else { return false }
            switch h.owner {
            case .project(let pid): return pid == project.id
            case .group(let gid): return groupIDs.contains(gid)
            }
        }.sorted { $0.id < $1.id }
    }

    static func branchMatches(_ h: SimHook, branch: String) -> Bool {
        guard let filter = h.pushEventsBranchFilter, !filter.isEmpty else { return true }
        switch h.branchFilterStrategy {
        case "all_branches": return true
        case "regex":
            guard let re = try? NSRegularExpression(pattern: filter) else { return false }
            return re.firstMatch(in: branch, range: NSRange(branch.startIndex..., in: branch)) != nil
        default:
            return globMatch(filter, branch)
        }
    }

    static func globMatch(_ pattern: String, _ s: String) -> Bool {
        let p = Array(pattern), t = Array(s)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == t[ti]) { pi += 1; ti += 1 }
            else if pi < p.count && p[pi] == "*" { star = pi; mark = ti; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; ti = mark }
            else { return false }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    static func projectPayload(_ p: SimProject, world: World) -> JSONValue {
        let base = world.instance.externalURL
        let urls = Entities.projectURLs(p, base: base)
        var ns = ""
        if case .group(let gid) = p.namespace { ns = world.groups[gid]?.name ?? "" }
        if case .user(let uid) = p.namespace { ns = world.users[uid]?.name ?? "" }
        return ["id": .int(p.id), "name": .string(p.name), "description": JSONValue(p.description), "web_url": .string(urls.web),
                "avatar_url": nil, "git_ssh_url": .string(urls.ssh), "git_http_url": .string(urls.http), "namespace": .string(ns),
                "visibility_level": .int(p.visibility.level), "path_with_namespace": .string(p.fullPath),
                "default_branch": .string(p.defaultBranch), "ci_config_path": "", "homepage": .string(urls.web), "url": .string(urls.ssh),
                "ssh_url": .string(urls.ssh), "http_url": .string(urls.http)]
    }

    static func repositoryPayload(_ p: SimProject, world: World) -> JSONValue {
        let urls = Entities.projectURLs(p, base: world.instance.externalURL)
        return ["name": .string(p.name), "url": .string(urls.ssh), "description": JSONValue(p.description), "homepage": .string(urls.web),
                "git_http_url": .string(urls.http), "git_ssh_url": .string(urls.ssh), "visibility_level": .int(p.visibility.level)]
    }

    static func userPayload(_ u: SimUser?, world: World) -> JSONValue {
        guard let u else { return nil }
        return ["id": .int(u.id), "name": .string(u.name), "username": .string(u.username),
                "avatar_url": .string("\(world.instance.externalURL)/uploads/-/system/user/avatar/\(u.id)/avatar.png"),
                "email": .string(u.publicEmail ?? "[REDACTED]")]
    }

    /// Fires push hooks for one ref update; returns the recorded deliveries.
    @discardableResult
    static func push(core: SimulatorCore, project p: SimProject, ref branch: String, before: String, after: String, userID: Int?) async -> [HookDelivery] {
        let world = await core.store.snapshot()
        let repo = core.repositories.repository(p.id)
        let all = await repo.commits(from: before == GitRepository.zeroSHA ? nil : before, to: after)
        var newOnBranch = all
        if before == GitRepository.zeroSHA, branch != p.defaultBranch, let def = await repo.resolve("refs/heads/\(p.defaultBranch)") {
            newOnBranch = await repo.commits(from: def, to: after)
        }
        var commits: [JSONValue] = []
        for sha in newOnBranch.suffix(20) {
            guard let c = await repo.commit(sha) else { continue }
            let changes = await repo.changedPaths(sha)
            commits.append(["id": .string(c.id), "message": .string(c.message), "title": .string(c.title), "timestamp": .string(c.authoredDate),
                            "url": .string("\(world.instance.externalURL)/\(p.fullPath)/-/commit/\(c.id)"),
                            "author": ["name": .string(c.authorName), "email": .string(c.authorEmail)],
                            "added": .array(changes.added.map { .string($0) }), "modified": .array(changes.modified.map { .string($0) }),
                            "removed": .array(changes.removed.map { .string($0) })])
        }
        let u = userID.flatMap { world.users[$0] }
        let payload: JSONValue = [
            "object_kind": "push", "event_name": "push", "before": .string(before), "after": .string(after),
            "ref": .string("refs/heads/\(branch)"), "ref_protected": .bool(p.protectedBranches.contains(branch)),
            "checkout_sha": .string(after), "message": nil, "user_id": JSONValue(u?.id), "user_name": JSONValue(u?.name),
            "user_username": JSONValue(u?.username), "user_email": .string(u?.publicEmail ?? "[REDACTED]"),
            "user_avatar": u.map { .string("\(world.instance.externalURL)/uploads/-/system/user/avatar/\($0.id)/avatar.png") } ?? nil,
            "project_id": .int(p.id), "project": projectPayload(p, world: world), "commits": .array(commits),
            "total_commits_count": .int(newOnBranch.count), "push_options": [:], "repository": repositoryPayload(p, world: world),
        ]
        let targets = hooks(for: p, event: "push_events", world: world).filter { branchMatches($0, branch: branch) }
        return await deliver(core: core, hooks: targets, event: "Push Hook", payload: payload)
    }

    static func mergeRequestAttributes(_ mr: SimMergeRequest, project p: SimProject, world: World, action: String, oldrev: String?,
                                       lastCommit: CommitInfo?) -> JSONValue {
        let base = world.instance.externalURL
        var j: JSONValue = [
            "id": .int(mr.id), "iid": .int(mr.iid), "target_branch": .string(mr.targetBranch), "source_branch": .string(mr.sourceBranch),
            "source_project_id": .int(mr.sourceProjectID), "author_id": .int(mr.authorID),
            "assignee_ids": .array(mr.assigneeIDs.map { .int($0) }), "assignee_id": JSONValue(mr.assigneeIDs.first),
            "reviewer_ids": .array(mr.reviewerIDs.map { .int($0) }), "title": .string(mr.title),
            "created_at": .string(hookDate(mr.createdAt)), "updated_at": .string(hookDate(mr.updatedAt)), "milestone_id": nil,
            "state": .string(mr.state.rawValue), "blocking_discussions_resolved": true, "work_in_progress": .bool(mr.draft),
            "draft": .bool(mr.draft), "first_contribution": false, "merge_status": "unchecked",
            "detailed_merge_status": .string(mr.state == .opened ? "mergeable" : "not_open"), "target_project_id": .int(p.id),
            "description": .string(mr.description), "prepared_at": .string(hookDate(mr.createdAt)), "total_time_spent": 0,
            "time_change": 0, "human_total_time_spent": nil, "human_time_change": nil, "human_time_estimate": nil,
            "url": .string("\(base)/\(p.fullPath)/-/merge_requests/\(mr.iid)"),
            "source": projectPayload(p, world: world), "target": projectPayload(p, world: world),
            "last_commit": lastCommit.map { c -> JSONValue in
                ["id": .string(c.id), "message": .string(c.message), "title": .string(c.title), "timestamp": .string(c.authoredDate),
                 "url": .string("\(base)/\(p.fullPath)/-/commit/\(c.id)"), "author": ["name": .string(c.authorName), "email": .string(c.authorEmail)]]
            } ?? nil,
            "labels": .array(mr.labels.map { ["title": .string($0)] }), "action": .string(action), "system": false,
        ]
        if let oldrev { j.set("oldrev", .string(oldrev)) }
        return j
    }

    static func hookDate(_ d: Date) -> String { SimClock.hookDate(d) }

    @discardableResult
    static func mergeRequest(core: SimulatorCore, mr: SimMergeRequest, action: String, oldrev: String?, changes: JSONValue, userID: Int?) async -> [HookDelivery] {
        let world = await core.store.snapshot()
        guard let p = world.projects[mr.projectID] else { return [] }
        let repo = core.repositories.repository(p.id)
        let last = await repo.resolve("refs/heads/\(mr.sourceBranch)")
        let lastCommit: CommitInfo? = last == nil ? nil : await repo.commit(last ?? "")
        let payload: JSONValue = [
            "object_kind": "merge_request", "event_type": "merge_request", "user": userPayload(userID.flatMap { world.users[$0] }, world: world),
            "project": projectPayload(p, world: world),
            "object_attributes": mergeRequestAttributes(mr, project: p, world: world, action: action, oldrev: oldrev, lastCommit: lastCommit),
            "labels": .array(mr.labels.map { ["title": .string($0)] }), "changes": changes, "repository": repositoryPayload(p, world: world),
            "assignees": .array(mr.assigneeIDs.map { userPayload(world.users[$0], world: world) }),
            "reviewers": .array(mr.reviewerIDs.map { userPayload(world.users[$0], world: world) }),
        ]
        return await deliver(core: core, hooks: hooks(for: p, event: "merge_requests_events", world: world), event: "Merge Request Hook", payload: payload)
    }

    /// Note hooks for MR comments (fire-and-forget from the API path: delivery runs after the response).
    static func note(_ call: APICall, project p: SimProject, mr: SimMergeRequest, note n: SimNote) async {
        let world = await call.core.store.snapshot()
        let targets = hooks(for: p, event: "note_events", world: world)
        guard !targets.isEmpty else { return }
        let base = world.instance.externalURL
        let payload: JSONValue = [
            "object_kind": "note", "event_type": "note", "user": userPayload(world.users[n.authorID], world: world), "project_id": .int(p.id),
            "project": projectPayload(p, world: world), "repository": repositoryPayload(p, world: world),
            "object_attributes": ["id": .int(n.id), "note": .string(n.body), "noteable_type": "MergeRequest", "author_id": .int(n.authorID),
                                  "created_at": .string(hookDate(n.createdAt)), "updated_at": .string(hookDate(n.updatedAt)),
                                  "project_id": .int(p.id), "system": false, "noteable_id": .int(mr.id), "discussion_id": .string(n.discussionID),
                                  "type": JSONValue(n.type), "action": "create",
                                  "url": .string("\(base)/\(p.fullPath)/-/merge_requests/\(mr.iid)#note_\(n.id)")],
            "merge_request": mergeRequestAttributes(mr, project: p, world: world, action: "update", oldrev: nil, lastCommit: nil),
        ]
        let core = call.core
        Task { await deliver(core: core, hooks: targets, event: "Note Hook", payload: payload) }
    }

    static func deliver(core: SimulatorCore, hooks: [SimHook], event: String, payload: JSONValue) async -> [HookDelivery] {
        guard !hooks.isEmpty else { return [] }
        let world = await core.store.snapshot()
        let eventUUID = UUID().uuidString.lowercased()
        let body = payload.data()
        var out: [HookDelivery] = []
        for h in hooks {
            var headers: [(String, String)] = [
                ("Content-Type", "application/json"), ("User-Agent", "GitLab/\(world.instance.version)"), ("X-Gitlab-Event", event),
                ("X-Gitlab-Webhook-UUID", UUID().uuidString.lowercased()), ("X-Gitlab-Instance", world.instance.externalURL),
                ("X-Gitlab-Event-UUID", eventUUID), ("Idempotency-Key", UUID().uuidString.lowercased()),
            ]
            if let t = h.token { headers.append(("X-Gitlab-Token", t)) }
            for (k, v) in h.customHeaders { headers.append((k, v)) }
            let result = await core.webhooks.send(url: h.url, headers: headers, body: body)
            let recorded = headers.map { $0.0 == "X-Gitlab-Token" ? ($0.0, "[REDACTED]") : $0 }
            let d: HookDelivery = await core.store.mutate { w in
                let d = HookDelivery(id: w.allocateID("delivery"), hookID: h.id, url: h.url, event: event, requestHeaders: recorded,
                                     payload: payload, responseStatus: result.status, responseBody: result.body, error: result.error,
                                     durationMS: result.durationMS, deliveredAt: Date())
                w.deliveries.append(d)
                return d
            }
            out.append(d)
        }
        return out
    }
}
