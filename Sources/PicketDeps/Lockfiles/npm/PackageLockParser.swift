import Foundation

/// npm's `package-lock.json` (lockfile versions 1, 2, 3) and `npm-shrinkwrap.json` (same format).
/// v2/v3 list installs under `packages` keyed by install path (`node_modules/a/node_modules/b`); v1 nests
/// `dependencies`. v2 carries both; `packages` is the more precise and is preferred.
public struct PackageLockParser: LockfileParser {
    public init() {}
    public var formatName: String { "package-lock.json" }
    public var ecosystem: Ecosystem { .npm }

    public func matches(path: String) -> Bool {
        let name = LockfileFiles.fileName(of: path)
        // A lockfile published inside an installed package describes that package's development, not ours.
        return (name == "package-lock.json" || name == "npm-shrinkwrap.json") && !LockfileFiles.isInsideNodeModules(path)
    }

    /// npm reads `npm-shrinkwrap.json` and ignores `package-lock.json` when both exist.
    public func supersededBy(path: String) -> [String] {
        LockfileFiles.fileName(of: path) == "package-lock.json" ? [LockfileFiles.join(LockfileFiles.directory(of: path), "npm-shrinkwrap.json")] : []
    }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let doc: JSONValue
        do { doc = try JSONParser.parse(input.data) } catch let e as JSONParser.ParseError {
            throw input.error("invalid JSON: \(e.message)", line: e.line)
        }
        guard let root = doc.object else { throw input.error("expected a JSON object at the top level, found \(doc.typeName)") }
        if let packages = root.object("packages") {
            var result = parsePackages(packages, input: input)
            result.packages = PackageDeduplicator.merge(result.packages)
            return result
        }
        if let deps = root["dependencies"] {
            guard let obj = deps.object else { throw input.error("'dependencies' must be an object", line: root.line(of: "dependencies")) }
            var result = LockfileResult()
            parseV1(obj, input: input, into: &result)
            result.packages = PackageDeduplicator.merge(result.packages)
            return result
        }
        return LockfileResult()
    }

    // MARK: v2/v3

    private func parsePackages(_ packages: JSONObject, input: LockfileInput) -> LockfileResult {
        var result = LockfileResult()
        // Direct dependencies: those the root (and each workspace) declares.
        var declaredAt: [String: Set<String>] = [:]
        for m in packages.members where !m.key.containsBytes("node_modules/") {
            guard let o = m.value.object else { continue }
            var names = Set<String>()
            for field in ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"] {
                if let d = o.object(field) { names.formUnion(d.keys) }
            }
            declaredAt[m.key] = names
        }
        // Workspace dependencies are hoisted to the root node_modules like the root's own.
        let rootDeclared = declaredAt.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        // Through which direct dependency each transitive one came in (shortest path, Node's resolution).
        let chains = NpmInstallGraph(packages).chains()

        for m in packages.members where !m.key.isEmpty {
            guard let entry = m.value.object else {
                result.warnings.append(input.warning("entry '\(m.key)' is \(m.value.typeName), not an object; skipped", line: m.line))
                continue
            }
            if entry.bool("link") == true { continue } // the link target is listed under its own path
            let installName: String
            let parentPath: String
            if let r = Self.lastNodeModules(m.key) {
                installName = String(m.key[r.upperBound...])
                parentPath = String(m.key[..<r.lowerBound]).trimmingSuffix("/")
            } else {
                installName = LockfileFiles.fileName(of: m.key) // a workspace folder
                parentPath = m.key
            }
            let name = entry.string("name") ?? installName
            guard !name.isEmpty else { continue }
            var version = entry.string("version")
            var commit: String?
            if let resolved = entry.string("resolved"), let c = Self.gitCommit(resolved) { commit = c }
            if let v = version, v.hasPrefix("file:") || v.hasPrefix("link:") { version = nil }
            var groups: [String] = []
            if entry.bool("dev") == true { groups.append("dev") }
            if entry.bool("optional") == true { groups.append("optional") }
            if entry.bool("devOptional") == true { groups += ["dev", "optional"] }
            if entry.bool("peer") == true { groups.append("peer") }
            if entry.bool("inBundle") == true { groups.append("bundled") }
            groups = Array(Set(groups)).sorted()
            let isTopLevel = m.key == "node_modules/" + installName
            let direct: Bool = isTopLevel ? rootDeclared.contains(installName)
                : (parentPath.containsBytes("node_modules/") ? false : (declaredAt[parentPath]?.contains(installName) ?? false))
            result.packages.append(.entry(.npm, name: name, version: version, file: input.path, line: m.line,
                                          groups: groups, groupsKnown: true, direct: direct, commit: commit,
                                          license: Self.license(entry["license"]),
                                          unresolvedReason: version == nil ? Self.unversionedReason(entry.string("version") ?? entry.string("resolved")) : nil))
            if !direct, let chain = chains[m.key], !chain.isEmpty {
                result.packages[result.packages.count - 1].introducedThrough = chain
            }
        }
        return result
    }

    // MARK: v1

    private func parseV1(_ deps: JSONObject, input: LockfileInput, into result: inout LockfileResult, depth: Int = 0) {
        for m in deps.members {
            guard let entry = m.value.object else {
                result.warnings.append(input.warning("dependency '\(m.key)' is \(m.value.typeName), not an object; skipped", line: m.line))
                continue
            }
            var name = m.key
            var version = entry.string("version")
            var commit: String?
            var reason: String?
            if let v = version {
                if v.hasPrefix("npm:"), let at = v.dropFirst(4).lastIndex(of: "@"), at != v.dropFirst(4).startIndex {
                    // Alias: "npm:@babel/code-frame@7.0.0".
                    name = String(v[v.index(v.startIndex, offsetBy: 4)..<at])
                    version = String(v[v.index(after: at)...])
                } else if let c = Self.gitCommit(v) {
                    commit = c
                    version = nil
                    reason = "git dependency"
                } else if v.hasPrefix("file:") || v.hasPrefix("link:") || v.contains("://") {
                    version = nil
                    reason = Self.unversionedReason(v)
                }
            }
            var groups: [String] = []
            if entry.bool("dev") == true { groups.append("dev") }
            if entry.bool("optional") == true { groups.append("optional") }
            if entry.bool("inBundle") == true || entry.bool("bundled") == true { groups.append("bundled") }
            result.packages.append(.entry(.npm, name: name, version: version, file: input.path, line: m.line,
                                          groups: groups.sorted(), groupsKnown: true, direct: nil, commit: commit,
                                          unresolvedReason: reason))
            if let nested = entry.object("dependencies") {
                parseV1(nested, input: input, into: &result, depth: depth + 1)
            }
        }
    }

    // MARK: helpers

    /// The last `node_modules/` in an install path (a byte search: this runs once per package).
    static func lastNodeModules(_ key: String) -> Range<String.Index>? {
        let needle = Array("node_modules/".utf8)
        let u = key.utf8
        guard u.count >= needle.count else { return nil }
        var end = u.endIndex
        while let start = u.index(end, offsetBy: -needle.count, limitedBy: u.startIndex) {
            if u[start..<end].elementsEqual(needle) {
                // Only at a path-segment start.
                if start == u.startIndex || u[u.index(before: start)] == UInt8(ascii: "/") { return start..<end }
            }
            end = u.index(before: end)
        }
        return nil
    }

    /// The commit of a git dependency (`git+ssh://...#sha`, `github:user/repo#sha`), nil otherwise.
    static func gitCommit(_ spec: String) -> String? {
        let gitish = spec.hasPrefix("git") || spec.hasPrefix("github:") || spec.hasPrefix("gitlab:")
            || spec.hasPrefix("bitbucket:") || spec.hasPrefix("gist:")
        guard gitish, let hash = spec.lastIndex(of: "#") else { return nil }
        let c = String(spec[spec.index(after: hash)...])
        return c.isEmpty ? nil : c
    }

    static func unversionedReason(_ spec: String?) -> String {
        guard let spec else { return "no version in the lockfile" }
        if spec.hasPrefix("file:") || spec.hasPrefix("link:") { return "local dependency (\(spec.prefix(100)))" }
        if gitCommit(spec) != nil { return "git dependency" }
        return "no registry version (\(spec.prefix(100)))"
    }

    static func license(_ v: JSONValue?) -> String? {
        if let s = v?.string, !s.isEmpty { return s }
        if let o = v?.object, let t = o.string("type") { return t }
        return nil
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
