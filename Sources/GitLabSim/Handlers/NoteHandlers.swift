import Foundation

/// MR notes and discussions. Creating notes needs Reporter (GitLab's minimum role for `create_note` is not
/// confirmed in our sources; Reporter is the safe floor), resolving threads needs Developer or the MR author.
enum NoteHandlers {
    static func routes() -> [Route] {
        [
            Route(.get, "projects/:id/merge_requests/:iid/notes", scopes: .read, auth: .optional) { call in
                let (_, mr) = try MergeRequestHandlers.find(call)
                let desc = (call.params["sort"] ?? "desc") != "asc"
                let orderBy = call.params["order_by"] ?? "created_at"
                let notes = call.world.notes.values.filter { $0.mergeRequestID == mr.id }.sorted { a, b in
                    let less = orderBy == "updated_at" ? (a.updatedAt, a.id) < (b.updatedAt, b.id) : (a.createdAt, a.id) < (b.createdAt, b.id)
                    return desc ? !less : less
                }
                return Pagination.offset(call, items: notes) { entity(call, $0) }
            },
            Route(.get, "projects/:id/merge_requests/:iid/notes/:note_id", scopes: .read, auth: .optional) { call in
                let (_, mr) = try MergeRequestHandlers.find(call)
                guard let id = Int(call.path("note_id")), let n = call.world.notes[id], n.mergeRequestID == mr.id else { throw APIFailure(.notFound()) }
                return .json(entity(call, n))
            },
            Route(.post, "projects/:id/merge_requests/:iid/notes", scopes: .write, appLimit: "notes_create") { call in
                let (p, mr) = try MergeRequestHandlers.find(call)
                try call.require(p, atLeast: AccessLevel.reporter)
                guard let body = call.params["body"], !body.isEmpty else { return .missing("body") }
                guard body.count <= 1_000_000 else { return .message(400, "400 Bad request - Note body is too long (maximum is 1000000 characters)") }
                let n = await create(call, project: p, mr: mr, body: body, discussionID: nil, resolvable: false, position: nil)
                await WebhookEvents.note(call, project: p, mr: mr, note: n)
                return .json(entity(call, n, world: await call.core.store.snapshot()), status: 201)
            },
            Route(.put, "projects/:id/merge_requests/:iid/notes/:note_id", scopes: .write) { call in
                let (p, mr) = try MergeRequestHandlers.find(call)
                guard let id = Int(call.path("note_id")), let n = call.world.notes[id], n.mergeRequestID == mr.id else { throw APIFailure(.notFound()) }
                guard n.authorID == call.userID || call.access(p) >= AccessLevel.maintainer else { throw APIFailure(.forbidden) }
                guard let body = call.params["body"], !body.isEmpty else { return .missing("body") }
                let now = call.now
                await call.core.store.mutate { w in
                    w.notes[id]?.body = body
                    w.notes[id]?.updatedAt = now
                }
                let w = await call.core.store.snapshot()
                return .json(entity(call, w.notes[id] ?? n, world: w))
            },
            Route(.delete, "projects/:id/merge_requests/:iid/notes/:note_id", scopes: .write) { call in
                let (p, mr) = try MergeRequestHandlers.find(call)
                guard let id = Int(call.path("note_id")), let n = call.world.notes[id], n.mergeRequestID == mr.id else { throw APIFailure(.notFound()) }
                guard n.authorID == call.userID || call.access(p) >= AccessLevel.maintainer else { throw APIFailure(.forbidden) }
                await call.core.store.mutate { w in
                    w.notes[id] = nil
                    w.discussions[n.discussionID]?.noteIDs.removeAll { $0 == id }
                    if w.discussions[n.discussionID]?.noteIDs.isEmpty == true { w.discussions[n.discussionID] = nil }
                }
                return APIResponse(status: 204, body: .empty)
            },
            Route(.get, "projects/:id/merge_requests/:iid/discussions", scopes: .read, auth: .optional) { call in
                let (_, mr) = try MergeRequestHandlers.find(call)
                let ds = call.world.discussions.values.filter { $0.mergeRequestID == mr.id }
                    .sorted { ($0.noteIDs.first ?? 0) < ($1.noteIDs.first ?? 0) }
                return Pagination.offset(call, items: ds) { discussion(call, $0, world: call.world) }
            },
            Route(.get, "projects/:id/merge_requests/:iid/discussions/:discussion_id", scopes: .read, auth: .optional) { call in
                let (_, mr) = try MergeRequestHandlers.find(call)
                guard let d = call.world.discussions[call.path("discussion_id")], d.mergeRequestID == mr.id else { throw APIFailure(.notFound()) }
                return .json(discussion(call, d, world: call.world))
            },
            Route(.post, "projects/:id/merge_requests/:iid/discussions", scopes: .write, appLimit: "notes_create") { call in
                let (p, mr) = try MergeRequestHandlers.find(call)
                try call.require(p, atLeast: AccessLevel.reporter)
                guard let body = call.params["body"], !body.isEmpty else { return .missing("body") }
                var position: JSONValue? = nil
                if call.params.has("position") {
                    guard let pos = try positionParam(call, mr: mr) else { return .missing("position[position_type]") }
                    position = pos
                }
                let n = await create(call, project: p, mr: mr, body: body, discussionID: nil, resolvable: true, position: position)
                await WebhookEvents.note(call, project: p, mr: mr, note: n)
                let w = await call.core.store.snapshot()
                guard let d = w.discussions[n.discussionID] else { throw APIFailure(.notFound()) }
                return .json(discussion(call, d, world: w), status: 201)
            },
            Route(.post, "projects/:id/merge_requests/:iid/discussions/:discussion_id/notes", scopes: .write, appLimit: "notes_create") { call in
                let (p, mr) = try MergeRequestHandlers.find(call)
                try call.require(p, atLeast: AccessLevel.reporter)
                guard let d = call.world.discussions[call.path("discussion_id")], d.mergeRequestID == mr.id else { throw APIFailure(.notFound()) }
                guard let body = call.params["body"], !body.isEmpty else { return .missing("body") }
                let n = await create(call, project: p, mr: mr, body: body, discussionID: d.id, resolvable: !d.individualNote, position: nil)
                return .json(entity(call, n, world: await call.core.store.snapshot()), status: 201)
            },
            Route(.put, "projects/:id/merge_requests/:iid/discussions/:discussion_id", scopes: .write) { call in
                let (p, mr) = try MergeRequestHandlers.find(call)
                guard let d = call.world.discussions[call.path("discussion_id")], d.mergeRequestID == mr.id else { throw APIFailure(.notFound()) }
                guard let resolved = call.params.bool("resolved") else { return .missing("resolved") }
                guard call.access(p) >= AccessLevel.developer || mr.authorID == call.userID else { throw APIFailure(.forbidden) }
                let uid = call.userID
                await call.core.store.mutate { w in
                    for id in d.noteIDs where w.notes[id]?.resolvable == true {
                        w.notes[id]?.resolved = resolved
                        w.notes[id]?.resolvedByID = resolved ? uid : nil
                    }
                }
                let w = await call.core.store.snapshot()
                return .json(discussion(call, w.discussions[d.id] ?? d, world: w))
            },
            Route(.put, "projects/:id/merge_requests/:iid/discussions/:discussion_id/notes/:note_id", scopes: .write) { call in
                let (p, mr) = try MergeRequestHandlers.find(call)
                guard let d = call.world.discussions[call.path("discussion_id")], d.mergeRequestID == mr.id,
                      let id = Int(call.path("note_id")), d.noteIDs.contains(id), let n = call.world.notes[id] else { throw APIFailure(.notFound()) }
                let body = call.params["body"]
                let resolved = call.params.bool("resolved")
                guard (body == nil) != (resolved == nil) else { return .paramError("body, resolved are mutually exclusive, at least one parameter must be provided") }
                if body != nil { guard n.authorID == call.userID || call.access(p) >= AccessLevel.maintainer else { throw APIFailure(.forbidden) } }
                if resolved != nil { guard call.access(p) >= AccessLevel.developer || mr.authorID == call.userID else { throw APIFailure(.forbidden) } }
                let now = call.now, uid = call.userID
                await call.core.store.mutate { w in
                    if let body { w.notes[id]?.body = body; w.notes[id]?.updatedAt = now }
                    if let resolved { w.notes[id]?.resolved = resolved; w.notes[id]?.resolvedByID = resolved ? uid : nil }
                }
                let w = await call.core.store.snapshot()
                return .json(entity(call, w.notes[id] ?? n, world: w))
            },
        ]
    }

    static func positionParam(_ call: APICall, mr: SimMergeRequest) throws -> JSONValue? {
        guard let type = call.params["position[position_type]"] else { return nil }
        guard type == "text" || type == "image" || type == "file" else { throw APIFailure(.invalidValue("position[position_type]")) }
        for k in ["base_sha", "head_sha", "start_sha"] where call.params["position[\(k)]"] == nil {
            throw APIFailure(.missing("position[\(k)]"))
        }
        let newPath = call.params["position[new_path]"], oldPath = call.params["position[old_path]"]
        let newLine = call.params.int("position[new_line]"), oldLine = call.params.int("position[old_line]")
        if type == "text" && newLine == nil && oldLine == nil {
            throw APIFailure(.message(400, "400 Bad request - Note {:line_code=>[\"can't be blank\", \"must be a valid line code\"]}"))
        }
        return ["base_sha": .string(call.params["position[base_sha]"] ?? ""), "start_sha": .string(call.params["position[start_sha]"] ?? ""),
                "head_sha": .string(call.params["position[head_sha]"] ?? ""), "old_path": JSONValue(oldPath ?? newPath),
                "new_path": JSONValue(newPath ?? oldPath), "position_type": .string(type), "old_line": JSONValue(oldLine),
                "new_line": JSONValue(newLine), "line_range": nil]
    }

    static func create(_ call: APICall, project p: SimProject, mr: SimMergeRequest, body: String, discussionID: String?, resolvable: Bool,
                       position: JSONValue?) async -> SimNote {
        let uid = call.userID ?? 0
        let now = call.now
        let internalNote = call.params.bool("internal") ?? call.params.bool("confidential") ?? false
        return await call.core.store.mutate { w in
            let id = w.allocateID("note")
            let did = discussionID ?? SHA256Hex.hex(Data("discussion-\(id)-\(now.timeIntervalSince1970)".utf8)).prefix(40).description
            let note = SimNote(id: id, body: body, authorID: uid, createdAt: now, updatedAt: now, system: false, projectID: p.id,
                               mergeRequestID: mr.id, mergeRequestIID: mr.iid, discussionID: did, isInternal: internalNote,
                               resolvable: resolvable, resolved: false, resolvedByID: nil, position: position,
                               type: position != nil ? "DiffNote" : (resolvable ? "DiscussionNote" : nil))
            w.notes[id] = note
            if discussionID == nil {
                w.discussions[did] = SimDiscussion(id: did, projectID: p.id, mergeRequestID: mr.id, individualNote: !resolvable, noteIDs: [id])
            } else {
                w.discussions[did]?.noteIDs.append(id)
            }
            w.mergeRequests[mr.id]?.updatedAt = now
            return note
        }
    }

    static func entity(_ call: APICall, _ n: SimNote, world: World? = nil) -> JSONValue {
        let w = world ?? call.world
        var j: JSONValue = [
            "id": .int(n.id), "type": JSONValue(n.type), "body": .string(n.body), "author": w.users[n.authorID].map { Entities.userBasic($0, base: call.baseURL) } ?? nil,
            "created_at": Entities.date(n.createdAt), "updated_at": Entities.date(n.updatedAt), "system": .bool(n.system),
            "noteable_id": .int(n.mergeRequestID), "noteable_type": "MergeRequest", "project_id": .int(n.projectID),
            "resolvable": .bool(n.resolvable), "confidential": .bool(n.isInternal), "internal": .bool(n.isInternal),
            "imported": false, "imported_from": "none", "noteable_iid": .int(n.mergeRequestIID), "commands_changes": [:],
        ]
        if n.resolvable {
            j.set("resolved", .bool(n.resolved))
            j.set("resolved_by", n.resolvedByID.flatMap { w.users[$0] }.map { Entities.userBasic($0, base: call.baseURL) } ?? nil)
            j.set("resolved_at", nil)
        }
        if let pos = n.position { j.set("position", pos) }
        return j
    }

    static func discussion(_ call: APICall, _ d: SimDiscussion, world: World) -> JSONValue {
        ["id": .string(d.id), "individual_note": .bool(d.individualNote),
         "notes": .array(d.noteIDs.compactMap { world.notes[$0] }.map { entity(call, $0, world: world) })]
    }
}
