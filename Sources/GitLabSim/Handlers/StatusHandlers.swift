import Foundation

/// External commit statuses (`POST /projects/:id/statuses/:sha`), with GitLab's state machine for
/// statuses that are still pending or running.
enum StatusHandlers {
    static let states = ["pending", "running", "success", "failed", "canceled", "skipped"]
    static let events = ["pending": "enqueue", "running": "run", "success": "succeed", "failed": "drop", "canceled": "cancel", "skipped": "skip"]

    static func routes() -> [Route] {
        [
            Route(.post, "projects/:id/statuses/:sha", scopes: .write) { call in
                let p = try call.project()
                try call.require(p, atLeast: AccessLevel.developer)
                try call.requireWritable(p)
                guard let state = call.params["state"], !state.isEmpty else { return .missing("state") }
                guard states.contains(state) else { return .invalidValue("state") }
                for (k, limit) in [("ref", 255), ("target_url", 255), ("description", 255), ("name", 255), ("context", 255)] {
                    if let v = call.params[k], v.count > limit { return .paramError("\(k) is too long (maximum is \(limit) characters)") }
                }
                if let url = call.params["target_url"], !url.isEmpty, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
                    return .message(400, "400 Bad request - target_url is blocked: Only allowed schemes are http, https")
                }
                guard let repo = await call.nonEmptyRepository(p), let commit = await repo.commit(call.path("sha")) else {
                    throw APIFailure(.notFound("Commit"))
                }
                let name = call.params["name"] ?? call.params["context"] ?? "default"
                var givenRef = call.params["ref"]
                if givenRef == nil || givenRef == "" {
                    let containing = await repo.branchesContaining(commit.id)
                    givenRef = containing.contains(p.defaultBranch) ? p.defaultBranch : containing.sorted().first
                }
                let ref = givenRef
                let coverage = call.params["coverage"].flatMap(Double.init)
                let uid = call.userID ?? 0
                let now = call.now
                let pipelineID: Int = call.params.int("pipeline_id") ?? 0
                let result: Result<SimCommitStatus, APIFailure> = await call.core.store.mutate { world in
                    // Only a pending/running status with the same name and ref is moved on; finished ones get a successor.
                    if let existing = world.statuses.values.filter({ $0.projectID == p.id && $0.sha == commit.id && $0.name == name && $0.ref == ref
                        && ["pending", "running", "created"].contains($0.status) }).max(by: { $0.id < $1.id }) {
                        var s = existing
                        let allowed: [String: [String]] = [
                            "pending": ["created", "skipped"], "running": ["created", "pending"],
                            "success": ["created", "pending", "running"], "failed": ["created", "pending", "running"],
                            "canceled": ["created", "pending", "running"], "skipped": ["created", "pending"],
                        ]
                        guard allowed[state]?.contains(s.status) == true else {
                            return .failure(APIFailure(.message(400, "Cannot transition status via :\(events[state] ?? state) from :\(s.status)")))
                        }
                        s.status = state
                        apply(&s, call: call, coverage: coverage, now: now)
                        world.statuses[s.id] = s
                        return .success(s)
                    }
                    let id = world.allocateID("status")
                    let pid = pipelineID > 0 ? pipelineID : (world.statuses.values.first { $0.projectID == p.id && $0.sha == commit.id && $0.ref == ref }?.pipelineID
                        ?? world.allocateID("pipeline"))
                    var s = SimCommitStatus(id: id, projectID: p.id, sha: commit.id, ref: ref, status: state, name: name, targetURL: nil,
                                            description: nil, coverage: nil, createdAt: now, startedAt: nil, finishedAt: nil, authorID: uid,
                                            pipelineID: pid, allowFailure: false)
                    apply(&s, call: call, coverage: coverage, now: now)
                    world.statuses[id] = s
                    return .success(s)
                }
                switch result {
                case .failure(let f): return f.response
                case .success(let s): return .json(Entities.status(s, world: await call.core.store.snapshot(), base: call.baseURL), status: 201)
                }
            },
            Route(.get, "projects/:id/repository/commits/:sha/statuses", scopes: .read, auth: .optional) { call in
                let p = try call.project()
                try call.requireCode(p)
                guard let repo = await call.nonEmptyRepository(p), let commit = await repo.commit(call.path("sha")) else {
                    throw APIFailure(.notFound("Commit"))
                }
                var list = call.world.statuses.values.filter { $0.projectID == p.id && $0.sha == commit.id }.sorted { $0.id < $1.id }
                if let ref = call.params["ref"] { list = list.filter { $0.ref == ref } }
                if let name = call.params["name"] { list = list.filter { $0.name == name } }
                if call.params.bool("all") != true {
                    var latest: [String: SimCommitStatus] = [:]
                    for s in list { latest["\(s.name)\u{0}\(s.ref ?? "")"] = s }
                    list = latest.values.sorted { $0.id < $1.id }
                }
                return Pagination.offset(call, items: list) { Entities.status($0, world: call.world, base: call.baseURL) }
            },
        ]
    }

    static func apply(_ s: inout SimCommitStatus, call: APICall, coverage: Double?, now: Date) {
        if let u = call.params["target_url"] { s.targetURL = u }
        if let d = call.params["description"] { s.description = d }
        if let coverage { s.coverage = coverage }
        if s.status == "running", s.startedAt == nil { s.startedAt = now }
        if ["success", "failed", "canceled", "skipped"].contains(s.status) { s.finishedAt = now }
    }
}

extension APIFailure: @unchecked Sendable {}
