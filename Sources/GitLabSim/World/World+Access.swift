import Foundation

/// Membership inheritance and visibility, as GitLab computes them for members/all and permission checks.
extension World {
    func activeMembership(_ m: Membership?, now: Date) -> Membership? {
        guard let m else { return nil }
        if let e = m.expiresAt, SimClock.dateOnly(now) >= e { return nil }
        return m
    }

    /// Highest level of a user in a group through direct membership of the group or any ancestor.
    public func groupAccess(userID: Int, groupID: Int, now: Date = Date()) -> Int {
        var best = 0
        for g in ancestorsAndSelf(groupID) {
            if let m = activeMembership(groupMembers[g.id]?[userID], now: now) { best = max(best, m.accessLevel) }
        }
        return best
    }

    /// The membership members/all reports for a group: the highest of direct and inherited ones.
    public func effectiveGroupMembership(userID: Int, groupID: Int, now: Date = Date()) -> Membership? {
        var best: Membership?
        for g in ancestorsAndSelf(groupID) {
            if let m = activeMembership(groupMembers[g.id]?[userID], now: now), m.accessLevel > (best?.accessLevel ?? 0) { best = m }
        }
        return best
    }

    /// Everyone with an effective membership in the group (direct or inherited), highest level each.
    public func allGroupMembers(groupID: Int, now: Date = Date()) -> [Membership] {
        var byUser: [Int: Membership] = [:]
        for g in ancestorsAndSelf(groupID) {
            for (uid, m) in groupMembers[g.id] ?? [:] {
                guard let m = activeMembership(m, now: now) else { continue }
                if m.accessLevel > (byUser[uid]?.accessLevel ?? 0) { byUser[uid] = m }
            }
        }
        return byUser.values.sorted { $0.userID < $1.userID }
    }

    public func projectDirectAccess(userID: Int, projectID: Int, now: Date = Date()) -> Int? {
        activeMembership(projectMembers[projectID]?[userID], now: now)?.accessLevel
    }

    public func projectGroupAccess(userID: Int, project: SimProject, now: Date = Date()) -> Int? {
        var best = 0
        if case .group(let gid) = project.namespace { best = groupAccess(userID: userID, groupID: gid, now: now) }
        for share in project.sharedWith {
            if let e = share.expiresAt, SimClock.dateOnly(now) >= e { continue }
            best = max(best, min(share.accessLevel, groupAccess(userID: userID, groupID: share.groupID, now: now)))
        }
        return best > 0 ? best : nil
    }

    /// Effective access level of a user on a project (0 = none). Admins count as owners.
    public func projectAccess(userID: Int?, project: SimProject, now: Date = Date()) -> Int {
        guard let userID, let user = users[userID] else { return 0 }
        if user.isAdmin { return AccessLevel.owner }
        if case .user(let owner) = project.namespace, owner == userID { return AccessLevel.owner }
        return max(projectDirectAccess(userID: userID, projectID: project.id, now: now) ?? 0,
                   projectGroupAccess(userID: userID, project: project, now: now) ?? 0)
    }

    public func effectiveGroupAccess(userID: Int?, groupID: Int, now: Date = Date()) -> Int {
        guard let userID, let user = users[userID] else { return 0 }
        if user.isAdmin { return AccessLevel.owner }
        return groupAccess(userID: userID, groupID: groupID, now: now)
    }

    public func canReadProject(userID: Int?, project: SimProject, now: Date = Date()) -> Bool {
        switch project.visibility {
        case .public: return true
        case .internal:
            if let userID, let u = users[userID], !u.external { return true }
            return projectAccess(userID: userID, project: project, now: now) >= AccessLevel.guest
        case .private:
            return projectAccess(userID: userID, project: project, now: now) >= AccessLevel.guest
        }
    }

    /// `download_code`/`read_code`: Guests of private projects may not read the repository.
    public func canReadCode(userID: Int?, project: SimProject, now: Date = Date()) -> Bool {
        guard canReadProject(userID: userID, project: project, now: now) else { return false }
        if project.visibility == .private { return projectAccess(userID: userID, project: project, now: now) >= AccessLevel.reporter }
        return true
    }

    /// A group is readable when public, internal (signed in), or the user belongs to it, an ancestor, or anything below it.
    public func canReadGroup(userID: Int?, group: SimGroup, now: Date = Date()) -> Bool {
        switch group.visibility {
        case .public: return true
        case .internal: if userID != nil { return true }
        case .private: break
        }
        guard let userID, let user = users[userID] else { return false }
        if user.isAdmin { return true }
        if groupAccess(userID: userID, groupID: group.id, now: now) > 0 { return true }
        let below = Set([group.id] + descendants(of: group.id).map(\.id))
        for gid in below where activeMembership(groupMembers[gid]?[userID], now: now) != nil { return true }
        for p in projects.values {
            guard case .group(let gid) = p.namespace, below.contains(gid) else { continue }
            if activeMembership(projectMembers[p.id]?[userID], now: now) != nil { return true }
        }
        return false
    }
}
