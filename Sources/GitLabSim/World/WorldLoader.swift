import Crypto
import Foundation
import Yams

/// Loads a world file (YAML or JSON) into a `World`. Relative fixture folders resolve against the file's folder.
public enum WorldLoader {
    static let defaultDate = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01T00:00:00Z

    public static func load(path: String) throws -> World {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorldError(file: path, field: "", message: "cannot read the world file")
        }
        guard data.count <= 64 << 20 else { throw WorldError(file: name, field: "", message: "world file larger than 64 MiB") }
        let value: JSONValue
        if path.hasSuffix(".json") {
            do { value = try JSONValue.parse(data) } catch { throw WorldError(file: name, field: "", message: "\(error)") }
        } else {
            value = try yamlValue(String(decoding: data, as: UTF8.self), file: name)
        }
        return try load(value: value, directory: url.deletingLastPathComponent().path, file: name)
    }

    /// Builds a world from an in-memory document (tests generate large worlds this way).
    public static func load(value: JSONValue, directory: String, file: String = "world") throws -> World {
        var builder = Builder(file: file, directory: directory)
        try builder.build(SpecReader(value: value, path: "", file: file))
        return builder.world
    }

    static func yamlValue(_ text: String, file: String) throws -> JSONValue {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw WorldError(file: file, field: "", message: "invalid YAML: \(error)")
        }
        guard let node else { throw WorldError(file: file, field: "", message: "empty document") }
        return try convert(node, file: file, depth: 0)
    }

    private static func convert(_ node: Node, file: String, depth: Int) throws -> JSONValue {
        guard depth < 64 else { throw WorldError(file: file, field: "", message: "YAML nested too deeply") }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .singleQuoted || scalar.style == .doubleQuoted || scalar.style == .literal || scalar.style == .folded {
                return .string(scalar.string)
            }
            if node.null != nil { return .null }
            if let b = node.bool { return .bool(b) }
            if let i = node.int { return .int(i) }
            if let d = node.float, scalar.string.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { return .double(d) }
            return .string(scalar.string)
        case .mapping(let mapping):
            var pairs: [(String, JSONValue)] = []
            for (k, v) in mapping {
                guard let key = k.string else { throw WorldError(file: file, field: "", message: "mapping keys must be strings (line \(k.mark?.line ?? 0))") }
                pairs.append((key, try convert(v, file: file, depth: depth + 1)))
            }
            return .object(pairs)
        case .sequence(let seq):
            return .array(try seq.map { try convert($0, file: file, depth: depth + 1) })
        case .alias:
            throw WorldError(file: file, field: "", message: "YAML aliases are not supported in world files")
        }
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    struct Builder {
        let file: String
        let directory: String
        var world: World

        init(file: String, directory: String) {
            self.file = file
            self.directory = directory
            self.world = World(instance: InstanceSettings(), worldDirectory: directory)
        }

        func resolve(_ folder: String) -> String {
            folder.hasPrefix("/") ? folder : URL(fileURLWithPath: directory).appendingPathComponent(folder).standardizedFileURL.path
        }

        func folder(_ r: SpecReader, _ key: String) throws -> String? {
            guard let raw = try r.optString(key) else { return nil }
            let path = resolve(raw)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
                throw r.error("fixture folder \"\(raw)\" does not exist (resolved to \(path))", key: key)
            }
            return path
        }

        mutating func build(_ root: SpecReader) throws {
            try root.allowOnly(["instance", "users", "tokens", "groups", "members", "projects", "merge_requests", "hooks"])
            if let inst = try root.object("instance") { try instance(inst) }
            for u in try root.objects("users") { try user(u) }
            for g in try root.objects("groups") { try group(g, parent: nil) }
            var deferredMembers: [(SpecReader, Int)] = []
            for p in try root.objects("projects") { try project(p, members: &deferredMembers) }
            for p in try root.objects("projects") { try projectLinks(p) }
            for t in try root.objects("tokens") { try token(t) }
            for m in try root.objects("members") { try member(m) }
            for (m, pid) in deferredMembers { try member(m, projectID: pid) }
            for mr in try root.objects("merge_requests") { try mergeRequest(mr) }
            for h in try root.objects("hooks") { try hook(h) }
        }

        mutating func instance(_ r: SpecReader) throws {
            try r.allowOnly(["version", "revision", "require_token_expiry", "max_offset", "push_event_hooks_limit", "rate_limits", "faults"])
            var s = InstanceSettings()
            if let v = try r.optString("version") { s.version = v }
            if let v = try r.optString("revision") { s.revision = v }
            s.requireTokenExpiry = try r.bool("require_token_expiry", default: true)
            if let v = try r.optInt("max_offset") { s.maxOffset = v }
            if let v = try r.optInt("push_event_hooks_limit") { s.pushEventHooksLimit = v }
            if let rl = try r.object("rate_limits") {
                try rl.allowOnly(["enabled", "authenticated_api", "unauthenticated_api", "endpoints"])
                s.rateLimits.enabled = try rl.bool("enabled", default: true)
                if let t = try rl.object("authenticated_api") { s.rateLimits.authenticatedAPI = try throttle(t) }
                if let t = try rl.object("unauthenticated_api") { s.rateLimits.unauthenticatedAPI = try throttle(t) }
                if let eps = try rl.object("endpoints") {
                    for (name, _) in eps.pairs {
                        guard ApplicationLimit.gitlabComDefaults[name] != nil else {
                            throw eps.error("unknown application limit (known: \(ApplicationLimit.gitlabComDefaults.keys.sorted().joined(separator: ", ")))", key: name)
                        }
                        if let t = try eps.object(name) { s.rateLimits.endpoints[name] = try throttle(t) }
                    }
                }
            }
            if let f = try r.object("faults") {
                try f.allowOnly(["rate_limit_storm", "storm_retry_after", "server_errors"])
                s.faults.rateLimitStorm = try f.optInt("rate_limit_storm") ?? 0
                s.faults.stormRetryAfter = try f.optInt("storm_retry_after") ?? 1
                s.faults.serverErrors = try f.optInt("server_errors") ?? 0
            }
            world.instance = s
        }

        func throttle(_ r: SpecReader) throws -> Throttle {
            try r.allowOnly(["limit", "period"])
            guard let limit = try r.optInt("limit"), limit > 0 else { throw r.error("must be a positive integer", key: "limit") }
            let period = try r.optInt("period") ?? 60
            guard period > 0 else { throw r.error("must be a positive number of seconds", key: "period") }
            return Throttle(limit: limit, period: period)
        }

        mutating func user(_ r: SpecReader) throws {
            try r.allowOnly(["id", "username", "name", "email", "public_email", "user_type", "admin", "state", "created_at", "external"])
            let username = try r.string("username")
            guard world.user(named: username) == nil else { throw r.error("duplicate username \"\(username)\"", key: "username") }
            let id = try r.optInt("id") ?? world.allocateID("user")
            guard world.users[id] == nil else { throw r.error("duplicate user id \(id)", key: "id") }
            world.reserveID("user", id)
            let state = try r.optString("state") ?? "active"
            guard ["active", "blocked", "deactivated"].contains(state) else { throw r.error("must be active, blocked or deactivated", key: "state") }
            world.insert(SimUser(
                id: id, username: username, name: try r.optString("name") ?? username,
                email: try r.optString("email") ?? "\(username)@example.com", publicEmail: try r.optString("public_email"),
                userType: try r.enumValue("user_type", UserType.self, default: .human), isAdmin: try r.bool("admin", default: false),
                state: state, createdAt: try r.date("created_at", default: defaultDate), external: try r.bool("external", default: false)))
        }

        mutating func group(_ r: SpecReader, parent: SimGroup?) throws {
            try r.allowOnly(["id", "path", "name", "description", "visibility", "plan", "created_at", "subgroups", "members"])
            let path = try r.string("path")
            guard isValidPathSegment(path) else { throw r.error("invalid group path \"\(path)\"", key: "path") }
            let fullPath = parent.map { "\($0.fullPath)/\(path)" } ?? path
            guard world.group(fullPath: fullPath) == nil else { throw r.error("duplicate group \"\(fullPath)\"", key: "path") }
            let id = try r.optInt("id") ?? world.allocateID("group")
            guard world.groups[id] == nil else { throw r.error("duplicate group id \(id)", key: "id") }
            world.reserveID("group", id)
            if parent != nil, r.has("plan") { throw r.error("plan is set on the top-level group only", key: "plan") }
            let plan = try parent?.plan ?? (r.optString("plan") ?? "free")
            guard ["free", "premium", "ultimate"].contains(plan) else { throw r.error("must be free, premium or ultimate", key: "plan") }
            let name = try r.optString("name") ?? path
            let g = SimGroup(
                id: id, name: name, path: path, fullPath: fullPath,
                fullName: parent.map { "\($0.fullName) / \(name)" } ?? name, parentID: parent?.id,
                visibility: try r.enumValue("visibility", Visibility.self, default: .private),
                description: try r.optString("description") ?? "", plan: plan,
                createdAt: try r.date("created_at", default: defaultDate), childIDs: [])
            world.insert(g)
            if let parent { world.groups[parent.id]?.childIDs.append(id) }
            for m in try r.objects("members") {
                try m.allowOnly(["user", "access_level", "expires_at", "created_at"])
                try addMember(m, userName: try m.string("user"), group: id, project: nil)
            }
            for sub in try r.objects("subgroups") { try group(sub, parent: g) }
        }

        mutating func project(_ r: SpecReader, members: inout [(SpecReader, Int)]) throws {
            try r.allowOnly(["id", "path", "name", "namespace", "description", "default_branch", "archived", "visibility",
                             "empty_repo", "source", "author", "date", "forked_from", "shared_with", "topics", "created_at",
                             "last_activity_at", "creator", "protected_branches", "branches", "members"])
            let path = try r.string("path")
            guard isValidPathSegment(path) else { throw r.error("invalid project path \"\(path)\"", key: "path") }
            let nsPath = try r.string("namespace")
            let namespace: NamespaceRef
            let nsName: String
            if let g = world.group(fullPath: nsPath) {
                namespace = .group(g.id); nsName = g.fullName
            } else if let u = world.user(named: nsPath) {
                namespace = .user(u.id); nsName = u.name
            } else {
                throw r.error("no group or user \"\(nsPath)\"", key: "namespace")
            }
            let fullPath = "\(world.group(fullPath: nsPath)?.fullPath ?? nsPath)/\(path)"
            guard world.project(fullPath: fullPath) == nil else { throw r.error("duplicate project \"\(fullPath)\"", key: "path") }
            let id = try r.optInt("id") ?? world.allocateID("project")
            guard world.projects[id] == nil else { throw r.error("duplicate project id \(id)", key: "id") }
            world.reserveID("project", id)
            let empty = try r.bool("empty_repo", default: false)
            let source = try folder(r, "source")
            if empty && source != nil { throw r.error("empty_repo: true cannot have a source folder", key: "empty_repo") }
            var author = CommitIdentity(name: "Dana Developer", email: "dana@example.com")
            if let a = try r.object("author") {
                try a.allowOnly(["name", "email"])
                author = CommitIdentity(name: try a.string("name"), email: try a.string("email"))
            }
            let defaultBranch = try r.optString("default_branch") ?? "main"
            var branches: [BranchSpec] = []
            for b in try r.objects("branches") {
                try b.allowOnly(["name", "source", "from", "message"])
                branches.append(BranchSpec(name: try b.string("name"), source: try folder(b, "source"),
                                           from: try b.optString("from"), message: try b.optString("message")))
            }
            if source == nil && !branches.isEmpty { throw r.error("branches need a source folder for the default branch", key: "branches") }
            let name = try r.optString("name") ?? path
            let created = try r.date("created_at", default: defaultDate)
            var creatorID: Int? = nil
            if let c = try r.optString("creator") {
                guard let u = world.user(named: c) else { throw r.error("no user \"\(c)\"", key: "creator") }
                creatorID = u.id
            }
            world.insert(SimProject(
                id: id, name: name, path: path, namespace: namespace, fullPath: fullPath,
                nameWithNamespace: "\(nsName) / \(name)", description: try r.optString("description"),
                defaultBranch: defaultBranch, archived: try r.bool("archived", default: false),
                visibility: try r.enumValue("visibility", Visibility.self, default: .private), createdAt: created,
                lastActivityAt: try r.date("last_activity_at", default: created), forkedFromID: nil, sharedWith: [],
                topics: try r.stringArray("topics"), creatorID: creatorID,
                protectedBranches: try r.has("protected_branches") ? r.stringArray("protected_branches") : [defaultBranch],
                source: source, commitAuthor: author, commitDate: try r.date("date", default: created), extraBranches: branches,
                emptyRepo: source == nil))
            for m in try r.objects("members") { members.append((m, id)) }
        }

        /// Second pass: forks and shares refer to other projects/groups by path.
        mutating func projectLinks(_ r: SpecReader) throws {
            let ns = try r.string("namespace")
            let fullPath = "\(world.group(fullPath: ns)?.fullPath ?? ns)/\(try r.string("path"))"
            guard let p = world.project(fullPath: fullPath) else { return }
            if let f = try r.optString("forked_from") {
                guard let src = world.project(fullPath: f) else { throw r.error("no project \"\(f)\"", key: "forked_from") }
                world.projects[p.id]?.forkedFromID = src.id
                world.forkCounts[src.id, default: 0] += 1
            }
            for s in try r.objects("shared_with") {
                try s.allowOnly(["group", "access_level", "expires_at"])
                let gp = try s.string("group")
                guard let g = world.group(fullPath: gp) else { throw s.error("no group \"\(gp)\"", key: "group") }
                world.projects[p.id]?.sharedWith.append(ProjectShare(groupID: g.id, accessLevel: try s.accessLevel("access_level", default: 30),
                                                                     expiresAt: try s.optString("expires_at")))
            }
        }

        mutating func token(_ r: SpecReader) throws {
            try r.allowOnly(["id", "value", "user", "name", "description", "scopes", "expires_at", "revoked", "active", "kind",
                             "resource", "access_level", "created_at", "last_used_at"])
            let value = try r.string("value")
            guard !value.isEmpty else { throw r.error("must not be empty", key: "value") }
            let digest = WorldLoader.digest(value)
            guard world.tokenByDigest[digest] == nil else { throw r.error("duplicate token value", key: "value") }
            let kind = try r.optString("kind").map { k -> TokenKind in
                guard let kind = TokenKind(rawValue: k) else { throw r.error("must be personal, group or project", key: "kind") }
                return kind
            } ?? .personal
            let id = try r.optInt("id") ?? world.allocateID("token")
            guard world.tokens[id] == nil else { throw r.error("duplicate token id \(id)", key: "id") }
            world.reserveID("token", id)
            let name = try r.optString("name") ?? "token-\(id)"
            var resourceID: Int? = nil
            var accessLevel: Int? = nil
            var userID: Int
            switch kind {
            case .personal:
                guard r.has("resource") == false else { throw r.error("only group and project tokens have a resource", key: "resource") }
                let u = try r.string("user")
                guard let user = world.user(named: u) else { throw r.error("no user \"\(u)\"", key: "user") }
                userID = user.id
            case .group, .project:
                let res = try r.string("resource")
                let level = try r.accessLevel("access_level", default: 40)
                accessLevel = level
                if kind == .group {
                    guard let g = world.group(fullPath: res) else { throw r.error("no group \"\(res)\"", key: "resource") }
                    resourceID = g.id
                } else {
                    guard let p = world.project(fullPath: res) else { throw r.error("no project \"\(res)\"", key: "resource") }
                    resourceID = p.id
                }
                if let u = try r.optString("user") {
                    guard let user = world.user(named: u) else { throw r.error("no user \"\(u)\"", key: "user") }
                    guard user.userType == .project_bot else { throw r.error("group/project tokens belong to a project_bot user", key: "user") }
                    userID = user.id
                } else {
                    // GitLab creates one bot user per resource access token.
                    userID = world.allocateID("user")
                    let hex = String(digest.prefix(8))
                    let username = "\(kind == .group ? "group" : "project")_\(resourceID ?? 0)_bot_\(hex)"
                    world.insert(SimUser(id: userID, username: username, name: name, email: "\(username)@noreply.example.com",
                                                  publicEmail: nil, userType: .project_bot, isAdmin: false, state: "active",
                                                  createdAt: try r.date("created_at", default: defaultDate), external: false))
                }
                let membership = Membership(userID: userID, accessLevel: level, expiresAt: nil, createdAt: defaultDate, createdByID: nil)
                if kind == .group { world.groupMembers[resourceID ?? 0, default: [:]][userID] = membership } else { world.projectMembers[resourceID ?? 0, default: [:]][userID] = membership }
            }
            let scopes = try r.stringArray("scopes")
            guard !scopes.isEmpty else { throw r.error("at least one scope is required", key: "scopes") }
            let known = ["api", "read_api", "read_user", "read_repository", "write_repository", "read_registry", "write_registry",
                         "sudo", "admin_mode", "create_runner", "manage_runner", "ai_features", "k8s_proxy", "self_rotate",
                         "read_service_ping", "read_virtual_registry", "write_virtual_registry"]
            for s in scopes where !known.contains(s) { throw r.error("unknown scope \"\(s)\"", key: "scopes") }
            var expires: String? = nil
            if let e = try r.optString("expires_at") {
                guard SimClock.isDateOnly(e) else { throw r.error("expected YYYY-MM-DD or null", key: "expires_at") }
                expires = e
            }
            let revoked = try r.bool("revoked", default: false)
            let active = try r.optBool("active")
            world.tokens[id] = SimToken(
                id: id, digest: digest, userID: userID, name: name, description: try r.optString("description"), scopes: scopes,
                expiresAt: expires, revoked: revoked, forcedInactive: active == false && !revoked, kind: kind,
                resourceID: resourceID, accessLevel: accessLevel, createdAt: try r.date("created_at", default: defaultDate),
                lastUsedAt: try r.optDate("last_used_at"), lastUsedIPs: [], familyID: id)
            world.tokenByDigest[digest] = id
        }

        mutating func member(_ r: SpecReader, projectID: Int? = nil) throws {
            if let projectID {
                try r.allowOnly(["user", "access_level", "expires_at", "created_at"])
                try addMember(r, userName: try r.string("user"), group: nil, project: projectID)
                return
            }
            try r.allowOnly(["user", "group", "project", "access_level", "expires_at", "created_at"])
            let userName = try r.string("user")
            switch (try r.optString("group"), try r.optString("project")) {
            case let (g?, nil):
                guard let group = world.group(fullPath: g) else { throw r.error("no group \"\(g)\"", key: "group") }
                try addMember(r, userName: userName, group: group.id, project: nil)
            case let (nil, p?):
                guard let project = world.project(fullPath: p) else { throw r.error("no project \"\(p)\"", key: "project") }
                try addMember(r, userName: userName, group: nil, project: project.id)
            default:
                throw r.error("give exactly one of group or project")
            }
        }

        mutating func addMember(_ r: SpecReader, userName: String, group: Int?, project: Int?) throws {
            guard let user = world.user(named: userName) else { throw r.error("no user \"\(userName)\"", key: "user") }
            var expires: String? = nil
            if let e = try r.optString("expires_at") {
                guard SimClock.isDateOnly(e) else { throw r.error("expected YYYY-MM-DD", key: "expires_at") }
                expires = e
            }
            let m = Membership(userID: user.id, accessLevel: try r.accessLevel("access_level"), expiresAt: expires,
                               createdAt: try r.date("created_at", default: defaultDate), createdByID: nil)
            if let group { world.groupMembers[group, default: [:]][user.id] = m }
            if let project { world.projectMembers[project, default: [:]][user.id] = m }
        }

        mutating func mergeRequest(_ r: SpecReader) throws {
            try r.allowOnly(["id", "iid", "project", "title", "description", "source_branch", "target_branch", "state", "author",
                             "assignees", "reviewers", "labels", "draft", "source", "remove", "created_at"])
            let pp = try r.string("project")
            guard let project = world.project(fullPath: pp) else { throw r.error("no project \"\(pp)\"", key: "project") }
            guard project.source != nil else { throw r.error("merge requests need a project with a source folder", key: "project") }
            let iid = try r.optInt("iid") ?? ((world.mergeRequests.values.filter { $0.projectID == project.id }.map(\.iid).max() ?? 0) + 1)
            guard world.mergeRequest(projectID: project.id, iid: iid) == nil else { throw r.error("duplicate iid \(iid) in \(pp)", key: "iid") }
            let id = try r.optInt("id") ?? world.allocateID("merge_request")
            world.reserveID("merge_request", id)
            func userID(_ name: String, _ key: String) throws -> Int {
                guard let u = world.user(named: name) else { throw r.error("no user \"\(name)\"", key: key) }
                return u.id
            }
            let authorName = try r.string("author")
            let created = try r.date("created_at", default: defaultDate)
            let source = try folder(r, "source")
            let sourceBranch = try r.string("source_branch")
            let hasBranch = project.extraBranches.contains { $0.name == sourceBranch }
            if source == nil && !hasBranch {
                throw r.error("needs a source folder, or a branch of that name declared on the project", key: "source")
            }
            let state = try r.enumValue("state", MergeRequestState.self, default: .opened)
            world.mergeRequests[id] = SimMergeRequest(
                id: id, iid: iid, projectID: project.id, title: try r.string("title"), description: try r.optString("description") ?? "",
                state: state, sourceBranch: sourceBranch,
                targetBranch: try r.optString("target_branch") ?? project.defaultBranch, sourceProjectID: project.id,
                authorID: try userID(authorName, "author"),
                assigneeIDs: try r.stringArray("assignees").map { try userID($0, "assignees") },
                reviewerIDs: try r.stringArray("reviewers").map { try userID($0, "reviewers") },
                labels: try r.stringArray("labels"), draft: try r.bool("draft", default: false), createdAt: created, updatedAt: created,
                mergedAt: state == .merged ? created : nil, closedAt: state == .closed ? created : nil, mergedByID: nil, closedByID: nil,
                source: source, remove: try r.stringArray("remove"), versions: [])
        }

        mutating func hook(_ r: SpecReader) throws {
            var allowed = ["project", "group", "url", "token", "name", "description", "push_events_branch_filter",
                           "branch_filter_strategy", "enable_ssl_verification", "created_at"]
            allowed += HookEvents.project + HookEvents.groupOnly
            try r.allowOnly(allowed)
            let owner: HookOwner
            switch (try r.optString("project"), try r.optString("group")) {
            case let (p?, nil):
                guard let project = world.project(fullPath: p) else { throw r.error("no project \"\(p)\"", key: "project") }
                owner = .project(project.id)
            case let (nil, g?):
                guard let group = world.group(fullPath: g) else { throw r.error("no group \"\(g)\"", key: "group") }
                owner = .group(group.id)
            default:
                throw r.error("give exactly one of project or group")
            }
            var isGroup = false
            if case .group = owner { isGroup = true }
            var events = HookEvents.defaults(group: isGroup)
            for e in HookEvents.project + (isGroup ? HookEvents.groupOnly : []) {
                if let b = try r.optBool(e) { events[e] = b }
            }
            let id = world.allocateID("hook")
            world.hooks[id] = SimHook(
                id: id, owner: owner, url: try r.string("url"), name: try r.optString("name"), description: try r.optString("description"),
                token: try r.optString("token"), events: events, pushEventsBranchFilter: try r.optString("push_events_branch_filter"),
                branchFilterStrategy: try r.optString("branch_filter_strategy") ?? "wildcard",
                enableSSLVerification: try r.bool("enable_ssl_verification", default: true),
                createdAt: try r.date("created_at", default: defaultDate), customHeaders: [], urlVariables: [])
        }
    }
}

/// GitLab paths: letters, digits, `_`, `-`, `.`; not starting with `-` or `.`, not ending in `.git`/`.atom`.
func isValidPathSegment(_ s: String) -> Bool {
    guard let first = s.first, !s.isEmpty, s.count <= 255, first != "-", first != "." else { return false }
    if s.hasSuffix(".git") || s.hasSuffix(".atom") { return false }
    return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == ".") }
}
