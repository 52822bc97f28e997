import Foundation

/// Token introspection and self-rotation (`/personal_access_tokens/self`, resource access token variants).
enum TokenHandlers {
    static func routes() -> [Route] {
        [
            Route(.get, "personal_access_tokens/self", scopes: .any) { call in
                .json(Entities.token(try currentToken(call), now: call.now))
            },
            Route(.delete, "personal_access_tokens/self", scopes: .any) { call in
                let t = try currentToken(call)
                await call.core.store.mutate { $0.tokens[t.id]?.revoked = true }
                return APIResponse(status: 204, body: .empty)
            },
            Route(.post, "personal_access_tokens/self/rotate", scopes: .rotate) { call in
                let t = try currentToken(call)
                return try await rotate(call, token: t, resource: false)
            },
            Route(.get, "personal_access_tokens/self/associations", scopes: .read) { call in
                try associations(call)
            },
            Route(.get, "personal_access_tokens/:token_id", scopes: .any) { call in
                let t = try currentToken(call)
                guard let id = Int(call.path("token_id")), let other = call.world.tokens[id] else { throw APIFailure(.notFound()) }
                guard other.userID == t.userID || call.isAdmin else { throw APIFailure(.notFound()) }
                return .json(Entities.token(other, now: call.now))
            },
            Route(.post, "groups/:id/access_tokens/self/rotate", scopes: .rotate) { call in
                let g = try call.group()
                let t = try currentToken(call)
                guard call.user?.userType == .project_bot, t.kind != .personal else { throw APIFailure(.methodNotAllowed) }
                guard t.kind == .group, t.resourceID == g.id else { throw APIFailure(.notFound()) }
                return try await rotate(call, token: t, resource: true)
            },
            Route(.post, "projects/:id/access_tokens/self/rotate", scopes: .rotate) { call in
                let p = try call.project()
                let t = try currentToken(call)
                guard call.user?.userType == .project_bot, t.kind != .personal else { throw APIFailure(.methodNotAllowed) }
                guard t.kind == .project, t.resourceID == p.id else { throw APIFailure(.notFound()) }
                return try await rotate(call, token: t, resource: true)
            },
        ]
    }

    static func currentToken(_ call: APICall) throws -> SimToken {
        guard let id = call.tokenID, let t = call.world.tokens[id] else { throw APIFailure(.unauthorized) }
        return t
    }

    /// Revokes the token at once and mints its successor in the same family (200 with `token`).
    static func rotate(_ call: APICall, token t: SimToken, resource: Bool) async throws -> APIResponse {
        let maxLifetime = 365
        let expires: String
        if let e = call.params["expires_at"], !e.isEmpty {
            guard SimClock.isDateOnly(e), let d = SimClock.parse(e) else { return .paramError("expires_at is invalid") }
            let today = SimClock.dateOnly(call.now)
            guard e > today else { return .message(400, "400 Bad request - Expiration date must be in the future") }
            guard d <= SimClock.addDays(maxLifetime, to: call.now) else {
                return .message(400, "400 Bad request - Expiration date must be before \(SimClock.dateOnly(SimClock.addDays(maxLifetime, to: call.now)))")
            }
            expires = e
        } else {
            // "If the token requires an expiration date, defaults to 1 week. If not required, defaults to the
            // maximum allowable lifetime."
            expires = SimClock.dateOnly(SimClock.addDays(call.world.instance.requireTokenExpiry ? 7 : maxLifetime, to: call.now))
        }
        let value = "glpat-" + randomTokenBody()
        let digest = WorldLoader.digest(value)
        let now = call.now
        let created: SimToken? = await call.core.store.mutate { world in
            guard var old = world.tokens[t.id], old.isActive(now: now) else { return nil }
            old.revoked = true
            world.tokens[t.id] = old
            let id = world.allocateID("token")
            let new = SimToken(id: id, digest: digest, userID: old.userID, name: old.name, description: old.description, scopes: old.scopes,
                               expiresAt: expires, revoked: false, forcedInactive: false, kind: old.kind, resourceID: old.resourceID,
                               accessLevel: old.accessLevel, createdAt: now, lastUsedAt: nil, lastUsedIPs: [], familyID: old.familyID)
            world.tokens[id] = new
            world.tokenByDigest[digest] = id
            return new
        }
        guard let created else { return .invalidToken(APIResponse.revokedDescription) }
        return .json(Entities.token(created, now: now, value: value, resource: resource))
    }

    static func randomTokenBody() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        var rng = SystemRandomNumberGenerator()
        return String((0 ..< 20).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
    }

    static func associations(_ call: APICall) throws -> APIResponse {
        guard let uid = call.userID else { throw APIFailure(.unauthorized) }
        let minLevel = call.params.int("min_access_level") ?? 0
        let w = call.world
        var groups: [JSONValue] = []
        for g in w.groups.values.sorted(by: { $0.id < $1.id }) {
            let level = w.groupAccess(userID: uid, groupID: g.id, now: call.now)
            guard level > 0, level >= minLevel else { continue }
            groups.append(["id": .int(g.id), "web_url": .string("\(call.baseURL)/groups/\(g.fullPath)"), "name": .string(g.name),
                           "parent_id": JSONValue(g.parentID), "organization_id": 1, "access_levels": .int(level),
                           "visibility": .string(g.visibility.rawValue)])
        }
        var projects: [JSONValue] = []
        for p in w.projects.values.sorted(by: { $0.id < $1.id }) {
            let direct = w.projectDirectAccess(userID: uid, projectID: p.id, now: call.now)
            let viaGroup = w.projectGroupAccess(userID: uid, project: p, now: call.now)
            let level = max(direct ?? 0, viaGroup ?? 0)
            guard level > 0, level >= minLevel else { continue }
            projects.append(["id": .int(p.id), "description": JSONValue(p.description), "name": .string(p.name),
                             "name_with_namespace": .string(p.nameWithNamespace), "path": .string(p.path),
                             "path_with_namespace": .string(p.fullPath), "created_at": Entities.date(p.createdAt),
                             "access_levels": ["project_access_level": JSONValue(direct), "group_access_level": JSONValue(viaGroup)],
                             "visibility": .string(p.visibility.rawValue), "web_url": .string("\(call.baseURL)/\(p.fullPath)"),
                             "namespace": Entities.namespace(p, world: w, base: call.baseURL)])
        }
        return .json(["groups": .array(groups), "projects": .array(projects)])
    }
}
