import Foundation

/// Walks GitLab's procedure for connecting a tool to a group and says, step by step, what is right and what is
/// wrong, with the fix in GitLab's own terms: the URL answers as GitLab; the token is valid and active; its
/// scopes; its expiry; whose it is; the group; the account's role there; the tier; the projects it can see; and
/// that git can fetch one of them.
public struct ConnectionChecker: Sendable {
    public var configuration: GitLabClientConfiguration
    public var token: GitLabToken
    public var groupPath: String
    /// Tokens expiring sooner than this many days get a warning.
    public var expiryWarningDays: Int
    /// Run the final `git ls-remote` step.
    public var probeGit: Bool
    public var git: String
    public var now: @Sendable () -> Date
    public var log: GitLabLog?

    public init(configuration: GitLabClientConfiguration, token: GitLabToken, groupPath: String,
                expiryWarningDays: Int = 30, probeGit: Bool = true, git: String = "git",
                now: @escaping @Sendable () -> Date = { Date() }, log: GitLabLog? = nil) {
        self.configuration = configuration
        self.token = token
        self.groupPath = groupPath.trimmingCharacters(in: CharacterSet(charactersIn: "/ "))
        self.expiryWarningDays = expiryWarningDays
        self.probeGit = probeGit
        self.git = git
        self.now = now
        self.log = log
    }

    public func run() async -> CheckReport {
        var results: [CheckResult] = []
        let facts = ConnectionFacts()
        let endpoint = configuration.endpoint
        let url = endpoint.baseURL

        func skipRest(after step: CheckStep, because why: String) {
            for s in CheckStep.allCases where !results.contains(where: { $0.step == s }) {
                results.append(CheckResult(s, .skip, "not checked: \(why)"))
            }
        }

        // 1. URL
        if endpoint.scheme == "http" && !endpoint.isLoopback {
            results.append(CheckResult(.url, .fail, "\(url) is plain HTTP: the token would cross the network in clear text",
                                       fix: "Use the https:// address of your GitLab instance."))
            skipRest(after: .url, because: "the URL step failed")
            return CheckReport(url: url, group: groupPath, results: results, facts: facts)
        }
        let client: GitLabClient
        do {
            client = try await GitLabClient(configuration: configuration, token: token, log: log)
        } catch {
            results.append(CheckResult(.url, .fail, "\(error)", fix: "Fix the connection settings (--url, --ca-file, https_proxy)."))
            skipRest(after: .url, because: "the URL step failed")
            return CheckReport(url: url, group: groupPath, results: results, facts: facts)
        }
        let report = await run(with: client)
        await client.shutdown()
        return report
    }

    /// The steps after the client exists, on an open client (the caller shuts it down).
    public func run(with client: GitLabClient) async -> CheckReport {
        var results: [CheckResult] = []
        var facts = ConnectionFacts()
        let url = client.endpoint.baseURL

        func skipRest(after step: CheckStep, because why: String) {
            for s in CheckStep.allCases where !results.contains(where: { $0.step == s }) {
                results.append(CheckResult(s, .skip, "not checked: \(why)"))
            }
        }

        let urlResult = await checkURL(client)
        results.append(urlResult)
        guard urlResult.status != .fail else {
            skipRest(after: .url, because: "GitLab does not answer at \(url)")
            return CheckReport(url: url, group: groupPath, results: results, facts: facts)
        }

        // 2. Token
        var introspected = true
        do {
            let info = try await client.tokenSelf()
            facts.token = info
            if info.revoked == true || info.active == false {
                results.append(CheckResult(.token, .fail, "token '\(info.name)' (id \(info.id)) is \(info.revoked == true ? "revoked" : "not active")",
                                           fix: ConnectionChecker.newTokenFix))
            } else {
                results.append(CheckResult(.token, .pass, "token '\(info.name)' (id \(info.id)) is active"))
            }
        } catch GitLabError.notFound {
            introspected = false
            results.append(CheckResult(.token, .warn,
                                       "this GitLab cannot describe tokens (GET /personal_access_tokens/self needs GitLab 15.5 or later); scopes and expiry are not checked",
                                       fix: "Upgrade GitLab to 15.5 or later to have the token's scopes and expiry checked."))
        } catch {
            results.append(tokenFailure(error, url: url))
        }
        if results.last?.status == .fail {
            skipRest(after: .token, because: "the token is not usable")
            return CheckReport(url: url, group: groupPath, results: results, facts: facts)
        }
        if let v = try? await client.version() {
            facts.version = v
            if let i = results.firstIndex(where: { $0.step == .url }) {
                results[i].message = "GitLab \(v.version) answers at \(url)"
            }
        }

        // 3. Scopes, 4. Expiry
        if let info = facts.token {
            results.append(scopeResult(info.scopes))
            results.append(expiryResult(info))
        } else if !introspected {
            results.append(CheckResult(.scopes, .skip, "not checked: GitLab cannot describe the token"))
            results.append(CheckResult(.expiry, .skip, "not checked: GitLab cannot describe the token"))
        }
        if results.contains(where: { ($0.step == .scopes || $0.step == .expiry) && $0.status == .fail }) {
            skipRest(after: .expiry, because: "the token cannot be used")
            return CheckReport(url: url, group: groupPath, results: results, facts: facts)
        }

        // 5. Account (its fix depends on the tier, learnt below; filled in after step 8)
        let user: GitLabUser
        do {
            user = try await client.currentUser()
            facts.user = user
        } catch {
            var r = tokenFailure(error, url: url)
            r = CheckResult(.account, .fail, "cannot read the token's account (GET /user): \(r.message)", fix: r.fix)
            results.append(r)
            skipRest(after: .account, because: "the account is unknown")
            return CheckReport(url: url, group: groupPath, results: results, facts: facts)
        }
        let accountIndex = results.count
        results.append(CheckResult(.account, .pass, "")) // placeholder, set below

        // 6. Group
        let group: GitLabGroup
        do {
            group = try await client.group(groupPath)
            facts.group = group
            results.append(CheckResult(.group, .pass, "group '\(group.fullName ?? group.name)' (\(group.fullPath), id \(group.id))"))
        } catch GitLabError.notFound {
            results.append(CheckResult(.group, .fail, "group '\(groupPath)' not found or not visible to this account",
                                       fix: "Check the path as it appears in the group's address (\(url)/\(groupPath)), and invite '\(user.username)' to the group: Group > Manage > Members > Invite members, role Maintainer."))
            results[accountIndex] = accountResult(user, tier: nil)
            skipRest(after: .group, because: "the group is not visible")
            return CheckReport(url: url, group: groupPath, results: results, facts: facts)
        } catch {
            results.append(CheckResult(.group, .fail, "cannot read group '\(groupPath)': \(error)", fix: fixFor(error)))
            results[accountIndex] = accountResult(user, tier: nil)
            skipRest(after: .group, because: "the group cannot be read")
            return CheckReport(url: url, group: groupPath, results: results, facts: facts)
        }

        // 7. Role
        results.append(await roleResult(client, user: user, group: group, facts: &facts))

        // 8. Tier
        let (tierResult, tier) = await self.tierResult(client, group: group, version: facts.version)
        facts.tier = tier
        results.append(tierResult)
        results[accountIndex] = accountResult(user, tier: tier)

        // 9. Projects, 10. Git
        var sample: [GitLabProject] = []
        do {
            let (count, s) = try await client.countGroupProjects(groupID: group.id)
            sample = s
            let n = count ?? (s.count < 20 ? s.count : nil)
            facts.projectCount = n
            if let n, n == 0 {
                results.append(CheckResult(.projects, .warn, "the account sees no project in '\(group.fullPath)' or its subgroups (archived ones not counted)",
                                           fix: "Add projects to the group, or check that '\(user.username)' is a member of the group that holds them."))
            } else {
                let text = n.map { "\($0) project\($0 == 1 ? "" : "s")" } ?? "more than 10,000 projects"
                results.append(CheckResult(.projects, .pass, "the account sees \(text) in '\(group.fullPath)' and its subgroups (archived ones not counted)"))
            }
        } catch {
            results.append(CheckResult(.projects, .warn, "cannot list the group's projects: \(error)", fix: fixFor(error)))
        }
        results.append(await gitResult(sample: sample, user: user))
        return CheckReport(url: url, group: groupPath, results: results, facts: facts)
    }

    // MARK: Steps

    private func checkURL(_ client: GitLabClient) async -> CheckResult {
        let url = client.endpoint.baseURL
        let notGitLabFix = "Use the address you open GitLab at in a browser, including any path prefix (e.g. https://git.example.org/gitlab), without /api/v4 or a group path."
        do {
            let r = try await client.sendRaw(.GET, "/version", authenticated: false)
            let obj = r.jsonObject
            if r.status == 200, let v = obj?["version"] as? String {
                return CheckResult(.url, .pass, "GitLab \(v) answers at \(url)")
            }
            if r.status == 401, obj?["message"] as? String == "401 Unauthorized" {
                return CheckResult(.url, .pass, "GitLab answers at \(url)")
            }
            return CheckResult(.url, .fail, "\(url) answers, but not as GitLab's API (GET /api/v4/version returned \(r.status)\(r.isJSON ? "" : ", not JSON"))",
                               fix: notGitLabFix)
        } catch let GitLabError.transport(t) {
            let fix: String
            switch t {
            case .tls(.untrustedCertificate, _, _):
                fix = "If GitLab's certificate comes from your own certificate authority, pass that CA's PEM bundle with --ca-file FILE."
            case .tls(.hostnameMismatch, _, _):
                fix = "Use the host name GitLab's certificate is issued for (the one in GitLab's external_url)."
            case .tls(.notTLS, _, _):
                fix = "This port does not speak HTTPS: use the HTTPS port, or http:// only for a local test instance."
            case .tls:
                fix = "Check GitLab's TLS settings, or pass your CA bundle with --ca-file FILE."
            default:
                fix = "Check the host and port in --url, that GitLab is running, and https_proxy/no_proxy if this machine needs a proxy."
            }
            return CheckResult(.url, .fail, t.description, fix: fix)
        } catch {
            return CheckResult(.url, .fail, "\(error)", fix: notGitLabFix)
        }
    }

    static let newTokenFix = "Create a new token with the api scope — for a group service account: Group > Settings > Service accounts > the account's ⋮ menu > Manage access tokens > Add new token; on GitLab Free: the dedicated user's avatar > Edit profile > Access tokens > Add new token — then store it with 'picket gitlab token set --token-file FILE'."

    private func tokenFailure(_ error: Error, url: String) -> CheckResult {
        switch error {
        case GitLabError.tokenExpired:
            return CheckResult(.token, .fail, "GitLab says this token is expired", fix: ConnectionChecker.newTokenFix)
        case GitLabError.tokenRevoked:
            return CheckResult(.token, .fail, "GitLab says this token was revoked", fix: ConnectionChecker.newTokenFix)
        case GitLabError.unauthorized:
            return CheckResult(.token, .fail, "GitLab does not accept this token (401 Unauthorized): it is unknown to \(url), mistyped, or deleted",
                               fix: "Check that the token was created on this GitLab instance and copied whole (it starts with glpat- unless your administrator changed the prefix). " + ConnectionChecker.newTokenFix)
        case GitLabError.rejected(400, let m) where m.contains("personal access token"):
            return CheckResult(.token, .fail, "this is not an access token GitLab can describe (\(m))",
                               fix: "Use a personal, group, project or service-account access token (glpat-...), not an OAuth or CI job token.")
        default:
            return CheckResult(.token, .fail, "\(error)", fix: fixFor(error))
        }
    }

    private func scopeResult(_ scopes: [String]) -> CheckResult {
        let list = scopes.isEmpty ? "none" : scopes.joined(separator: ", ")
        let fix = "Create a token with the api scope (read_api is enough for read-only scanning). " + ConnectionChecker.newTokenFix
        if scopes.contains("api") {
            return CheckResult(.scopes, .pass, "scopes: \(list) (api gives Picket everything it uses)")
        }
        if scopes.contains("read_api") {
            return CheckResult(.scopes, .warn,
                               "scopes: \(list): read-only — Picket can list and scan projects, but cannot create webhooks (no scan on push or merge request), post merge request notes, or set commit statuses",
                               fix: "For the full feature set, create a token with the api scope. " + ConnectionChecker.newTokenFix)
        }
        if scopes.contains("read_repository") || scopes.contains("write_repository") {
            return CheckResult(.scopes, .fail, "scopes: \(list): git could fetch code, but the API cannot list the group's projects", fix: fix)
        }
        return CheckResult(.scopes, .fail, "scopes: \(list): this token cannot read projects or code", fix: fix)
    }

    private func expiryResult(_ info: TokenInfo) -> CheckResult {
        guard let date = info.expiresAt, let instant = info.expiryInstant else {
            return CheckResult(.expiry, .pass, "the token never expires")
        }
        let now = self.now()
        let seconds = instant.timeIntervalSince(now)
        let rotateFix = "Rotate it with 'picket gitlab token rotate' (GitLab issues a new token and revokes this one; Picket stores the new one first), or let 'picket gitlab scan --auto-rotate-days \(expiryWarningDays)' do it."
        if seconds <= 0 {
            return CheckResult(.expiry, .fail, "the token expired on \(date) at 00:00 UTC", fix: ConnectionChecker.newTokenFix)
        }
        let days = Int(seconds / 86_400)
        let when = days == 0 ? "in less than a day" : "in \(days) day\(days == 1 ? "" : "s")"
        if days < expiryWarningDays {
            return CheckResult(.expiry, .warn, "the token expires on \(date) at 00:00 UTC, \(when)", fix: rotateFix)
        }
        return CheckResult(.expiry, .pass, "the token expires on \(date) at 00:00 UTC, \(when)")
    }

    private func accountResult(_ user: GitLabUser, tier: String?) -> CheckResult {
        switch user.kind {
        case .serviceAccount:
            return CheckResult(.account, .pass, "the token acts as '\(user.username)', a service account")
        case .groupBot, .projectBot, .bot:
            return CheckResult(.account, .pass, "the token acts as '\(user.username)', \(user.kind)")
        case .human:
            let fix: String
            if tier == "free" {
                fix = "GitLab Free has no service accounts: create a dedicated user for Picket, give it a personal access token with the api scope, and invite it to the group as Maintainer."
            } else {
                fix = "Create a group service account (Group > Settings > Service accounts > Add service account; Premium or Ultimate), give it a token with the api scope, and invite it to the group as Maintainer (Group > Manage > Members > Invite members)."
            }
            return CheckResult(.account, .warn,
                               "the token acts as '\(user.username)', a person's account: the token leaves with the person (blocked, removed, or gone from the group)",
                               fix: fix)
        }
    }

    private func roleResult(_ client: GitLabClient, user: GitLabUser, group: GitLabGroup, facts: inout ConnectionFacts) async -> CheckResult {
        let membersFix = "Group > Manage > Members: find '\(user.username)' and set the role to Maintainer (or invite it with that role)."
        let member: GroupMember
        do {
            member = try await client.effectiveMembership(groupID: group.id, userID: user.id)
            facts.membership = member
        } catch GitLabError.notFound {
            if user.isAdmin == true {
                return CheckResult(.role, .pass, "'\(user.username)' is an administrator: it has access to '\(group.fullPath)' without membership")
            }
            return CheckResult(.role, .fail,
                               "'\(user.username)' is not a member of '\(group.fullPath)' (not directly, not through a parent group, not through an invited group)",
                               fix: "Invite the account: Group > Manage > Members > Invite members, select '\(user.username)', role Maintainer.")
        } catch {
            return CheckResult(.role, .fail, "cannot read the account's membership in '\(group.fullPath)': \(error)", fix: fixFor(error))
        }
        let role = member.role
        let expiry = member.expiresAt.map { " (membership expires on \($0))" } ?? ""
        if role >= .maintainer {
            return CheckResult(.role, .pass, "'\(user.username)' is \(role) in '\(group.fullPath)'\(expiry)")
        }
        if role >= .reporter {
            var lost = ["create project webhooks (Maintainer), so pushes and merge requests are not scanned automatically"]
            if role < .developer { lost.append("set commit statuses (Developer)") }
            return CheckResult(.role, .warn,
                               "'\(user.username)' is \(role) in '\(group.fullPath)'\(expiry): scanning works, but Picket cannot " + lost.joined(separator: ", or "),
                               fix: membersFix)
        }
        return CheckResult(.role, .fail,
                           "'\(user.username)' is \(role) in '\(group.fullPath)'\(expiry): it cannot read the code of private projects (Reporter is the least that can; Picket needs Maintainer)",
                           fix: membersFix)
    }

    private func tierResult(_ client: GitLabClient, group: GitLabGroup, version: GitLabVersion?) async -> (CheckResult, String?) {
        let top = group.topLevelPath
        let freeText = "service accounts need Premium or Ultimate; on Free, use a personal access token of a dedicated user"
        if let version, !version.isEnterprise {
            return (CheckResult(.tier, .pass, "GitLab Community Edition (Free): \(freeText)"), "free")
        }
        if let ns = try? await client.namespace(top), let plan = ns.plan?.lowercased() {
            let tier: String?
            switch plan {
            case "free": tier = "free"
            case "premium", "premium_trial", "silver", "bronze": tier = "premium"
            case "ultimate", "ultimate_trial", "gold", "opensource", "ultimate_trial_paid_customer": tier = "ultimate"
            default: tier = nil // "default" on self-managed: the license decides, not the namespace
            }
            if let tier {
                if tier == "free" {
                    return (CheckResult(.tier, .pass, "'\(top)' is on GitLab Free: \(freeText)"), tier)
                }
                return (CheckResult(.tier, .pass, "'\(top)' is on GitLab \(tier.capitalized)\(ns.trial == true ? " (trial)" : ""): group service accounts are available"), tier)
            }
        }
        return (CheckResult(.tier, .pass, "GitLab does not show the tier of '\(top)' to this account (only its Owners see it); service accounts need Premium or Ultimate"), nil)
    }

    private func gitResult(sample: [GitLabProject], user: GitLabUser) async -> CheckResult {
        guard probeGit else {
            var r = CheckResult(.git, .skip, "not checked (--no-git)")
            r.blocking = false // skipped on request, not for want of an earlier step
            return r
        }
        guard let project = sample.first(where: { $0.emptyRepo != true && $0.repositoryAccessLevel != "disabled" && $0.archived != true }) else {
            return CheckResult(.git, .skip, sample.isEmpty ? "not checked: no project to fetch" : "not checked: every project seen is empty")
        }
        let fetcher = SafeFetcher(auth: GitAuth(endpoint: configuration.endpoint, token: token), workDirectory: NSTemporaryDirectory(),
                                  git: git, caBundlePath: configuration.caBundlePath, log: log)
        do {
            let refs = try await fetcher.lsRemote(projectPath: project.pathWithNamespace)
            return CheckResult(.git, .pass, "git can read '\(project.pathWithNamespace)' over \(configuration.endpoint.scheme.uppercased()) (\(refs.count) branch\(refs.count == 1 ? "" : "es"))")
        } catch let e as FetchError {
            let text = e.description
            let fix: String
            if text.contains("SSL certificate") || text.contains("certificate") {
                fix = "git does not trust GitLab's certificate: pass your CA's PEM bundle with --ca-file FILE."
            } else if text.contains("403") || text.contains("Authentication failed") || text.contains("Access denied") || text.contains("401") {
                fix = "The token needs the api, read_api or read_repository scope, and '\(user.username)' at least Reporter in the project."
            } else {
                fix = "Check that git on this machine can reach \(configuration.endpoint.baseURL) (https_proxy/no_proxy, firewall)."
            }
            return CheckResult(.git, .fail, "git cannot read '\(project.pathWithNamespace)': \(text)", fix: fix)
        } catch {
            return CheckResult(.git, .fail, "git cannot run: \(error)", fix: "Install git 2.31 or later and make sure it is on PATH.")
        }
    }

    private func fixFor(_ error: Error) -> String {
        switch error {
        case GitLabError.insufficientScope: return "Create a token with the api scope. " + ConnectionChecker.newTokenFix
        case GitLabError.tokenExpired, GitLabError.tokenRevoked, GitLabError.unauthorized: return ConnectionChecker.newTokenFix
        case GitLabError.forbidden: return "Give the account the Maintainer role in the group (Group > Manage > Members)."
        case GitLabError.rateLimited: return "Wait a minute and run the check again."
        default: return "Check that GitLab is healthy and reachable, then run the check again."
        }
    }
}
