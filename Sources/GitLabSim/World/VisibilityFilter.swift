import Foundation

/// `canReadProject` over many projects at once, memoizing group access (large listings touch the same few groups).
struct VisibilityFilter {
    let world: World
    let userID: Int?
    let now: Date

    func readable(_ projects: [SimProject]) -> [SimProject] {
        guard let userID, let user = world.users[userID] else { return projects.filter { $0.visibility == .public } }
        if user.isAdmin { return projects }
        var groupCache: [Int: Int] = [:]
        func groupAccess(_ gid: Int) -> Int {
            if let v = groupCache[gid] { return v }
            let v = world.groupAccess(userID: userID, groupID: gid, now: now)
            groupCache[gid] = v
            return v
        }
        return projects.filter { p in
            switch p.visibility {
            case .public: return true
            case .internal where !user.external: return true
            default: break
            }
            if case .user(let owner) = p.namespace, owner == userID { return true }
            if case .group(let gid) = p.namespace, groupAccess(gid) >= AccessLevel.guest { return true }
            if (world.projectDirectAccess(userID: userID, projectID: p.id, now: now) ?? 0) >= AccessLevel.guest { return true }
            for s in p.sharedWith where min(s.accessLevel, groupAccess(s.groupID)) >= AccessLevel.guest {
                if let e = s.expiresAt, SimClock.dateOnly(now) >= e { continue }
                return true
            }
            return false
        }
    }
}
