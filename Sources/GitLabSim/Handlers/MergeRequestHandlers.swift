import Foundation

enum MergeRequestHandlers {
    static func routes() -> [Route] {
        [
            Route(.get, "projects/:id/merge_requests", scopes: .read, auth: .optional) { call in
                let p = try call.project()
                var mrs = call.world.mergeRequests.values.filter { $0.projectID == p.id }
                if let state = call.params["state"], state != "all" { mrs = mrs.filter { $0.state.rawValue == state } }
                if let s = call.params["source_branch"] { mrs = mrs.filter { $0.sourceBranch == s } }
                if let t = call.params["target_branch"] { mrs = mrs.filter { $0.targetBranch == t } }
                let iids = call.params.array("iids").compactMap { Int($0) }
                if !iids.isEmpty { mrs = mrs.filter { iids.contains($0.iid) } }
                let desc = (call.params["sort"] ?? "desc") != "asc"
                mrs.sort { desc ? $0.createdAt > $1.createdAt || ($0.createdAt == $1.createdAt && $0.id > $1.id)
                    : $0.createdAt < $1.createdAt || ($0.createdAt == $1.createdAt && $0.id < $1.id) }
                var rendered: [JSONValue] = []
                for mr in mrs { rendered.append(await entity(call, mr, project: p, detail: false)) }
                return Pagination.offset(call, items: rendered) { $0 }
            },
            Route(.get, "projects/:id/merge_requests/:iid", scopes: .read, auth: .optional) { call in
                let (p, mr) = try find(call)
                return .json(await entity(call, mr, project: p, detail: true))
            },
            Route(.get, "projects/:id/merge_requests/:iid/changes", scopes: .read, auth: .optional) { call in
                let (p, mr) = try find(call)
                try call.requireCode(p)
                var j = await entity(call, mr, project: p, detail: true)
                let diffs = await fileDiffs(call, mr, project: p)
                j.set("changes", .array(diffs.map { diffEntity($0, generated: false) }))
                j.set("overflow", false)
                return .json(j)
            },
            Route(.get, "projects/:id/merge_requests/:iid/diffs", scopes: .read, auth: .optional) { call in
                let (p, mr) = try find(call)
                try call.requireCode(p)
                let diffs = await fileDiffs(call, mr, project: p)
                return Pagination.offset(call, items: diffs) { diffEntity($0, generated: true) }
            },
            Route(.get, "projects/:id/merge_requests/:iid/versions", scopes: .read, auth: .optional) { call in
                let (_, mr) = try find(call)
                let versions = mr.versions.reversed().map { v -> JSONValue in
                    ["id": .int(v.id), "head_commit_sha": .string(v.headSHA), "base_commit_sha": .string(v.baseSHA),
                     "start_commit_sha": .string(v.startSHA), "created_at": Entities.date(v.createdAt), "merge_request_id": .int(mr.id),
                     "state": "collected", "real_size": "1", "patch_id_sha": nil]
                }
                return Pagination.offset(call, items: Array(versions)) { $0 }
            },
        ] + NoteHandlers.routes()
    }

    static func find(_ call: APICall) throws -> (SimProject, SimMergeRequest) {
        let p = try call.project()
        guard let iid = Int(call.path("iid")), let mr = call.world.mergeRequest(projectID: p.id, iid: iid) else {
            throw APIFailure(.notFound())
        }
        return (p, mr)
    }

    static func fileDiffs(_ call: APICall, _ mr: SimMergeRequest, project p: SimProject) async -> [FileDiff] {
        guard let v = mr.versions.last else { return [] }
        return await call.repository(p).diff(base: v.baseSHA, head: v.headSHA)
    }

    static func diffEntity(_ d: FileDiff, generated: Bool) -> JSONValue {
        var j: JSONValue = ["old_path": .string(d.oldPath), "new_path": .string(d.newPath), "a_mode": .string(d.aMode), "b_mode": .string(d.bMode),
                            "diff": .string(d.diff), "new_file": .bool(d.newFile), "renamed_file": .bool(d.renamedFile),
                            "deleted_file": .bool(d.deletedFile)]
        if generated { j.set("generated_file", false) }
        return j
    }

    static func entity(_ call: APICall, _ mr: SimMergeRequest, project p: SimProject, detail: Bool) async -> JSONValue {
        let w = call.world
        let base = call.baseURL
        let head = mr.versions.last?.headSHA
        let userNotes = w.notes.values.filter { $0.mergeRequestID == mr.id && !$0.system }.count
        let ref = "!\(mr.iid)"
        var j: JSONValue = [
            "id": .int(mr.id), "iid": .int(mr.iid), "project_id": .int(p.id), "title": .string(mr.title), "description": .string(mr.description),
            "state": .string(mr.state.rawValue), "created_at": Entities.date(mr.createdAt), "updated_at": Entities.date(mr.updatedAt),
            "merged_by": call.userRef(mr.mergedByID), "merge_user": call.userRef(mr.mergedByID), "merged_at": Entities.date(mr.mergedAt),
            "closed_by": call.userRef(mr.closedByID), "closed_at": Entities.date(mr.closedAt), "target_branch": .string(mr.targetBranch),
            "source_branch": .string(mr.sourceBranch), "user_notes_count": .int(userNotes), "upvotes": 0, "downvotes": 0,
            "author": call.userRef(mr.authorID), "assignees": .array(mr.assigneeIDs.map { call.userRef($0) }),
            "assignee": mr.assigneeIDs.first.map { call.userRef($0) } ?? nil, "reviewers": .array(mr.reviewerIDs.map { call.userRef($0) }),
            "source_project_id": .int(mr.sourceProjectID), "target_project_id": .int(p.id), "labels": .array(mr.labels.map { .string($0) }),
            "draft": .bool(mr.draft), "work_in_progress": .bool(mr.draft), "milestone": nil, "merge_when_pipeline_succeeds": false,
            "merge_status": .string(mr.state == .opened ? "can_be_merged" : "unchecked"),
            "detailed_merge_status": .string(mr.state == .opened ? "mergeable" : "not_open"), "sha": JSONValue(head),
            "merge_commit_sha": nil, "squash_commit_sha": nil, "discussion_locked": nil, "should_remove_source_branch": nil,
            "force_remove_source_branch": true, "prepared_at": Entities.date(mr.createdAt), "reference": .string(ref),
            "references": ["short": .string(ref), "relative": .string(ref), "full": .string("\(p.fullPath)\(ref)")],
            "web_url": .string("\(base)/\(p.fullPath)/-/merge_requests/\(mr.iid)"),
            "time_stats": ["time_estimate": 0, "total_time_spent": 0, "human_time_estimate": nil, "human_total_time_spent": nil],
            "squash": false, "squash_on_merge": false, "task_completion_status": ["count": 0, "completed_count": 0],
            "has_conflicts": false, "blocking_discussions_resolved": true,
        ]
        if detail {
            j.set("subscribed", false)
            j.set("changes_count", .string(String(await fileDiffs(call, mr, project: p).count)))
            j.set("latest_build_started_at", nil)
            j.set("latest_build_finished_at", nil)
            j.set("first_deployed_to_production_at", nil)
            j.set("pipeline", nil)
            j.set("head_pipeline", nil)
            if let v = mr.versions.last {
                j.set("diff_refs", ["base_sha": .string(v.baseSHA), "head_sha": .string(v.headSHA), "start_sha": .string(v.startSHA)])
            } else {
                j.set("diff_refs", nil)
            }
            j.set("merge_error", nil)
            j.set("first_contribution", false)
            j.set("user", ["can_merge": .bool(call.access(p) >= AccessLevel.developer)])
        }
        return j
    }
}
