import Foundation

/// Resolving `:id` path params (numeric id or URL-encoded full path) with GitLab's visibility rules.
extension APICall {
    func project(_ key: String = "id") throws -> SimProject {
        let raw = path(key)
        let found = Int(raw).flatMap { world.projects[$0] } ?? world.project(fullPath: raw)
        guard let p = found, world.canReadProject(userID: userID, project: p, now: now) else {
            throw APIFailure(.notFound("Project"))
        }
        return p
    }

    func group(_ key: String = "id") throws -> SimGroup {
        let raw = path(key)
        let found = Int(raw).flatMap { world.groups[$0] } ?? world.group(fullPath: raw)
        guard let g = found, world.canReadGroup(userID: userID, group: g, now: now) else {
            throw APIFailure(.notFound("Group"))
        }
        return g
    }

    func access(_ p: SimProject) -> Int { world.projectAccess(userID: userID, project: p, now: now) }

    func require(_ p: SimProject, atLeast level: Int) throws {
        guard access(p) >= level else { throw APIFailure(.forbidden) }
    }

    func requireCode(_ p: SimProject) throws {
        guard world.canReadCode(userID: userID, project: p, now: now) else { throw APIFailure(.forbidden) }
    }

    /// Writes to archived projects are refused.
    func requireWritable(_ p: SimProject) throws {
        if p.archived { throw APIFailure(.forbidden) }
    }

    func repository(_ p: SimProject) -> GitRepository { core.repositories.repository(p.id) }

    /// The repository when it exists and has a branch, else nil (empty project).
    func nonEmptyRepository(_ p: SimProject) async -> GitRepository? {
        let repo = repository(p)
        guard repo.exists, await !repo.isEmpty() else { return nil }
        return repo
    }

    func isEmpty(_ p: SimProject) -> Bool { p.emptyRepo }

    func userRef(_ id: Int?) -> JSONValue {
        guard let id, let u = world.users[id] else { return nil }
        return Entities.userBasic(u, base: baseURL)
    }
}
