import Foundation

/// JSON shapes of GitLab's API entities (field sets follow GitLab's `API::Entities`).
enum Entities {
    static func date(_ d: Date?) -> JSONValue { d.map { .string(SimClock.iso($0)) } ?? .null }

    // MARK: Users

    static func userBasic(_ u: SimUser, base: String) -> JSONValue {
        ["id": .int(u.id), "username": .string(u.username), "name": .string(u.name), "state": .string(u.state),
         "locked": .bool(u.state == "blocked"), "avatar_url": .string("\(base)/uploads/-/system/user/avatar/\(u.id)/avatar.png"),
         "web_url": .string("\(base)/\(u.username)")]
    }

    static func userPublic(_ u: SimUser, base: String, includePrivate: Bool, admin: Bool) -> JSONValue {
        var j = userBasic(u, base: base)
        j.set("created_at", date(u.createdAt))
        j.set("bio", "")
        j.set("location", "")
        j.set("public_email", .string(u.publicEmail ?? ""))
        j.set("linkedin", "")
        j.set("twitter", "")
        j.set("discord", "")
        j.set("website_url", "")
        j.set("organization", "")
        j.set("job_title", "")
        j.set("pronouns", nil)
        j.set("bot", .bool(u.userType.isBot))
        j.set("work_information", nil)
        j.set("followers", 0)
        j.set("following", 0)
        j.set("local_time", nil)
        if includePrivate {
            j.set("last_sign_in_at", nil)
            j.set("confirmed_at", date(u.createdAt))
            j.set("last_activity_on", .string(SimClock.dateOnly(Date())))
            j.set("email", .string(u.email))
            j.set("theme_id", 1)
            j.set("color_scheme_id", 1)
            j.set("projects_limit", 100000)
            j.set("current_sign_in_at", nil)
            j.set("identities", [])
            j.set("can_create_group", .bool(!u.userType.isBot))
            j.set("can_create_project", .bool(!u.userType.isBot))
            j.set("two_factor_enabled", false)
            j.set("external", .bool(u.external))
            j.set("private_profile", false)
            j.set("commit_email", .string(u.email))
        }
        if admin {
            j.set("is_admin", .bool(u.isAdmin))
            j.set("note", nil)
            j.set("namespace_id", .int(u.id))
            j.set("created_by", nil)
        }
        return j
    }

    // MARK: Groups

    static func group(_ g: SimGroup, world: World, base: String, detail: Bool = false) -> JSONValue {
        var j: JSONValue = [
            "id": .int(g.id), "web_url": .string("\(base)/groups/\(g.fullPath)"), "name": .string(g.name), "path": .string(g.path),
            "description": .string(g.description), "visibility": .string(g.visibility.rawValue), "share_with_group_lock": false,
            "require_two_factor_authentication": false, "two_factor_grace_period": 48, "project_creation_level": "developer",
            "auto_devops_enabled": nil, "subgroup_creation_level": "maintainer", "emails_disabled": false, "emails_enabled": true,
            "mentions_disabled": nil, "lfs_enabled": true, "default_branch": nil, "default_branch_protection": 2,
            "avatar_url": nil, "request_access_enabled": true, "full_name": .string(g.fullName), "full_path": .string(g.fullPath),
            "created_at": date(g.createdAt), "parent_id": JSONValue(g.parentID), "organization_id": 1,
            "shared_runners_setting": "enabled", "ldap_cn": nil, "ldap_access": nil, "wiki_access_level": "enabled",
        ]
        if world.instance.enterprise {
            j.set("marked_for_deletion_on", nil)
        }
        if detail {
            j.set("shared_with_groups", [])
            j.set("prevent_sharing_groups_outside_hierarchy", false)
            j.set("shared_runners_minutes_limit", nil)
            j.set("extra_shared_runners_minutes_limit", nil)
            j.set("membership_lock", false)
        }
        return j
    }

    // MARK: Projects

    static func namespace(_ p: SimProject, world: World, base: String) -> JSONValue {
        switch p.namespace {
        case .group(let gid):
            guard let g = world.groups[gid] else { return nil }
            return ["id": .int(g.id), "name": .string(g.name), "path": .string(g.path), "kind": "group", "full_path": .string(g.fullPath),
                    "parent_id": JSONValue(g.parentID), "avatar_url": nil, "web_url": .string("\(base)/groups/\(g.fullPath)")]
        case .user(let uid):
            guard let u = world.users[uid] else { return nil }
            return ["id": .int(u.id), "name": .string(u.name), "path": .string(u.username), "kind": "user", "full_path": .string(u.username),
                    "parent_id": nil, "avatar_url": nil, "web_url": .string("\(base)/\(u.username)")]
        }
    }

    static func projectURLs(_ p: SimProject, base: String) -> (web: String, http: String, ssh: String) {
        let host = URL(string: base)?.host ?? "127.0.0.1"
        return ("\(base)/\(p.fullPath)", "\(base)/\(p.fullPath).git", "ssh://git@\(host)/\(p.fullPath).git")
    }

    /// `empty` tells whether the repository has no branch yet (then `default_branch` is null).
    static func project(_ p: SimProject, world: World, base: String, empty: Bool, userID: Int?, detail: Bool, now: Date) -> JSONValue {
        let urls = projectURLs(p, base: base)
        let api = "\(base)/api/v4/projects/\(p.id)"
        let j: JSONValue = [
            "id": .int(p.id), "description": JSONValue(p.description), "name": .string(p.name),
            "name_with_namespace": .string(p.nameWithNamespace), "path": .string(p.path), "path_with_namespace": .string(p.fullPath),
            "created_at": date(p.createdAt), "default_branch": empty ? .null : .string(p.defaultBranch),
            "tag_list": .array(p.topics.map { .string($0) }), "topics": .array(p.topics.map { .string($0) }),
            "ssh_url_to_repo": .string(urls.ssh), "http_url_to_repo": .string(urls.http), "web_url": .string(urls.web),
            "readme_url": empty ? .null : .string("\(urls.web)/-/blob/\(p.defaultBranch)/README.md"),
            "forks_count": .int(world.forkCounts[p.id] ?? 0), "avatar_url": nil, "star_count": 0,
            "last_activity_at": date(p.lastActivityAt), "namespace": namespace(p, world: world, base: base),
            "container_registry_image_prefix": .string("\(URL(string: base)?.host ?? "127.0.0.1")/\(p.fullPath)"),
            "_links": ["self": .string(api), "issues": .string("\(api)/issues"), "merge_requests": .string("\(api)/merge_requests"),
                       "repo_branches": .string("\(api)/repository/branches"), "labels": .string("\(api)/labels"),
                       "events": .string("\(api)/events"), "members": .string("\(api)/members"),
                       "cluster_agents": .string("\(api)/cluster_agents")],
            "packages_enabled": true, "empty_repo": .bool(empty), "archived": .bool(p.archived),
            "visibility": .string(p.visibility.rawValue),
        ]
        guard case .object(var pairs) = j else { return j }
        if case .user(let uid) = p.namespace, let u = world.users[uid] { pairs.append(("owner", userBasic(u, base: base))) }
        let more: [(String, JSONValue)] = [
            ("resolve_outdated_diff_discussions", false), ("container_expiration_policy", nil), ("repository_object_format", "sha1"),
            ("issues_enabled", true), ("merge_requests_enabled", true), ("wiki_enabled", true), ("jobs_enabled", true),
            ("snippets_enabled", true), ("container_registry_enabled", true), ("service_desk_enabled", false),
            ("can_create_merge_request_in", true), ("issues_access_level", "enabled"), ("repository_access_level", "enabled"),
            ("merge_requests_access_level", "enabled"), ("forking_access_level", "enabled"), ("wiki_access_level", "enabled"),
            ("builds_access_level", "enabled"), ("snippets_access_level", "enabled"), ("pages_access_level", "private"),
            ("analytics_access_level", "enabled"), ("container_registry_access_level", "enabled"),
            ("security_and_compliance_access_level", "private"), ("releases_access_level", "enabled"),
            ("environments_access_level", "enabled"), ("emails_disabled", false), ("emails_enabled", true),
            ("shared_runners_enabled", true), ("lfs_enabled", true), ("creator_id", JSONValue(p.creatorID)),
            ("import_status", "none"), ("open_issues_count", 0), ("description_html", .string(p.description ?? "")),
            ("updated_at", date(p.lastActivityAt)), ("ci_config_path", ""), ("public_jobs", true),
            ("shared_with_groups", .array(p.sharedWith.compactMap { s in
                guard let g = world.groups[s.groupID] else { return nil }
                return ["group_id": .int(g.id), "group_name": .string(g.name), "group_full_path": .string(g.fullPath),
                        "group_access_level": .int(s.accessLevel), "expires_at": JSONValue(s.expiresAt)]
            })),
            ("only_allow_merge_if_pipeline_succeeds", false), ("allow_merge_on_skipped_pipeline", nil),
            ("request_access_enabled", true), ("only_allow_merge_if_all_discussions_are_resolved", false),
            ("remove_source_branch_after_merge", true), ("printing_merge_request_link_enabled", true), ("merge_method", "merge"),
            ("squash_option", "default_off"), ("enforce_auth_checks_on_uploads", true), ("suggestion_commit_message", nil),
            ("merge_commit_template", nil), ("squash_commit_template", nil), ("issue_branch_template", nil),
            ("warn_about_potentially_unwanted_characters", true), ("autoclose_referenced_issues", true),
            ("marked_for_deletion_at", nil), ("marked_for_deletion_on", nil),
        ]
        pairs.append(contentsOf: more)
        if let fid = p.forkedFromID, let src = world.projects[fid] {
            let su = projectURLs(src, base: base)
            pairs.append(("forked_from_project", ["id": .int(src.id), "description": JSONValue(src.description), "name": .string(src.name),
                                          "name_with_namespace": .string(src.nameWithNamespace), "path": .string(src.path),
                                          "path_with_namespace": .string(src.fullPath), "created_at": date(src.createdAt),
                                          "default_branch": .string(src.defaultBranch), "http_url_to_repo": .string(su.http),
                                          "web_url": .string(su.web)]))
        }
        if detail {
            var projectAccess: JSONValue = nil
            var groupAccess: JSONValue = nil
            if let userID {
                if let l = world.projectDirectAccess(userID: userID, projectID: p.id, now: now) {
                    projectAccess = ["access_level": .int(l), "notification_level": 3]
                }
                if let l = world.projectGroupAccess(userID: userID, project: p, now: now) {
                    groupAccess = ["access_level": .int(l), "notification_level": 3]
                }
            }
            pairs.append(("permissions", ["project_access": projectAccess, "group_access": groupAccess]))
        }
        return .object(pairs)
    }

    // MARK: Members

    static func member(_ m: Membership, world: World, base: String) -> JSONValue? {
        guard let u = world.users[m.userID] else { return nil }
        var j = userBasic(u, base: base)
        j.set("access_level", .int(m.accessLevel))
        j.set("created_at", date(m.createdAt))
        j.set("created_by", m.createdByID.flatMap { world.users[$0] }.map { ["id": .int($0.id), "username": .string($0.username), "name": .string($0.name)] } ?? nil)
        j.set("expires_at", JSONValue(m.expiresAt))
        j.set("group_saml_identity", nil)
        j.set("membership_state", "active")
        return j
    }

    // MARK: Tokens

    static func token(_ t: SimToken, now: Date, value: String? = nil, resource: Bool = false) -> JSONValue {
        var j: JSONValue = [
            "id": .int(t.id), "name": .string(t.name), "revoked": .bool(t.revoked), "created_at": date(t.createdAt),
            "description": JSONValue(t.description), "scopes": .array(t.scopes.map { .string($0) }), "user_id": .int(t.userID),
            "last_used_at": date(t.lastUsedAt), "active": .bool(t.isActive(now: now)), "expires_at": JSONValue(t.expiresAt),
        ]
        if resource {
            j.set("access_level", JSONValue(t.accessLevel))
            j.set("resource_type", .string(t.kind.rawValue))
            j.set("resource_id", JSONValue(t.resourceID))
        }
        if let value { j.set("token", .string(value)) } else { j.set("last_used_ips", .array(t.lastUsedIPs.map { .string($0) })) }
        return j
    }

    // MARK: Commits and branches

    static func commit(_ c: CommitInfo, project: SimProject, base: String, stats: (Int, Int)? = nil) -> JSONValue {
        var j: JSONValue = [
            "id": .string(c.id), "short_id": .string(c.shortID), "created_at": .string(c.committedDate),
            "parent_ids": .array(c.parentIDs.map { .string($0) }), "title": .string(c.title), "message": .string(c.message),
            "author_name": .string(c.authorName), "author_email": .string(c.authorEmail), "authored_date": .string(c.authoredDate),
            "committer_name": .string(c.committerName), "committer_email": .string(c.committerEmail),
            "committed_date": .string(c.committedDate), "trailers": [:], "extended_trailers": [:],
            "web_url": .string("\(base)/\(project.fullPath)/-/commit/\(c.id)"),
        ]
        if let (a, d) = stats {
            j.set("stats", ["additions": .int(a), "deletions": .int(d), "total": .int(a + d)])
            j.set("status", nil)
            j.set("project_id", .int(project.id))
            j.set("last_pipeline", nil)
        }
        return j
    }

    static func branch(name: String, commit: CommitInfo, project: SimProject, base: String, merged: Bool, access: Int) -> JSONValue {
        let protected = project.protectedBranches.contains(name)
        return ["name": .string(name), "commit": Entities.commit(commit, project: project, base: base), "merged": .bool(merged),
                "protected": .bool(protected), "developers_can_push": false, "developers_can_merge": false,
                "can_push": .bool(protected ? access >= AccessLevel.maintainer : access >= AccessLevel.developer),
                "default": .bool(name == project.defaultBranch),
                "web_url": .string("\(base)/\(project.fullPath)/-/tree/\(name)")]
    }

    // MARK: Statuses

    static func status(_ s: SimCommitStatus, world: World, base: String) -> JSONValue {
        ["id": .int(s.id), "sha": .string(s.sha), "ref": JSONValue(s.ref), "status": .string(s.status), "name": .string(s.name),
         "target_url": JSONValue(s.targetURL), "description": JSONValue(s.description), "created_at": date(s.createdAt),
         "started_at": date(s.startedAt), "finished_at": date(s.finishedAt), "allow_failure": .bool(s.allowFailure),
         "coverage": s.coverage.map { .double($0) } ?? .null, "pipeline_id": .int(s.pipelineID),
         "author": world.users[s.authorID].map { userBasic($0, base: base) } ?? nil]
    }

    // MARK: Hooks

    static func hook(_ h: SimHook, base: String) -> JSONValue {
        var j: JSONValue = ["id": .int(h.id), "url": .string(h.url), "name": JSONValue(h.name), "description": JSONValue(h.description)]
        switch h.owner {
        case .project(let pid): j.set("project_id", .int(pid))
        case .group(let gid): j.set("group_id", .int(gid))
        }
        let ordered = HookEvents.project + HookEvents.groupOnly
        for e in ordered { if let v = h.events[e] { j.set(e, .bool(v)) } }
        j.set("push_events_branch_filter", JSONValue(h.pushEventsBranchFilter))
        j.set("branch_filter_strategy", .string(h.branchFilterStrategy))
        j.set("enable_ssl_verification", .bool(h.enableSSLVerification))
        j.set("alert_status", "executable")
        j.set("disabled_until", nil)
        j.set("url_variables", .array(h.urlVariables.map { ["key": .string($0)] }))
        j.set("created_at", date(h.createdAt))
        j.set("custom_webhook_template", nil)
        j.set("custom_headers", .array(h.customHeaders.map { ["key": .string($0.0)] }))
        return j
    }
}
