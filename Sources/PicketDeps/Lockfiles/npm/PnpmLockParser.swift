import Foundation

/// `pnpm-lock.yaml`, lockfile versions 5.x (`/name/1.0.0_peer`), 6 (`/name@1.0.0(peer@2)`) and 9
/// (`name@1.0.0`, installs under `snapshots`). Packages come from `packages`; `name`/`version` fields beat the
/// key (tarball, git and `file:` entries). Direct dependencies are those the importers (the root project and
/// workspace packages) list. In v5/v6 each package carries `dev`/`optional`; v9 dropped them, so dev-only
/// packages are found by walking `snapshots` from the importers' `devDependencies`.
public struct PnpmLockParser: LockfileParser {
    public init() {}
    public var formatName: String { "pnpm-lock.yaml" }
    public var ecosystem: Ecosystem { .npm }

    public func matches(path: String) -> Bool {
        LockfileFiles.fileName(of: path) == "pnpm-lock.yaml" && !LockfileFiles.isInsideNodeModules(path)
    }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let doc: JSONValue
        do { doc = try YAMLReader.parse(input.data) } catch let e as YAMLReader.ParseError {
            throw input.error(e.message, line: e.line)
        }
        if doc.isNull { return LockfileResult() }
        guard let root = doc.object else { throw input.error("expected a YAML mapping at the top level, found \(doc.typeName)") }
        let versionText = root["lockfileVersion"]?.string ?? ""
        let major = Int(versionText.prefix { $0 != "." }) ?? 0
        guard let packages = root.object("packages") else { return LockfileResult() }

        let importers = Self.importers(root)
        var direct = Set<String>() // "name@version"
        for imp in importers {
            for field in ["dependencies", "devDependencies", "optionalDependencies"] {
                for m in imp.object(field)?.members ?? [] {
                    let v = m.value.object?.string("version") ?? m.value.string ?? ""
                    direct.insert(m.key + "@" + Self.stripPeers(v))
                }
            }
        }
        let devOnly = major >= 9 ? Self.devOnlyV9(root: root, importers: importers) : []

        var result = LockfileResult()
        var dedup = PackageDeduplicator(capacity: packages.count)
        for m in packages.members {
            let entry = m.value.object
            guard var (name, version) = Self.parseKey(m.key) else {
                result.warnings.append(input.warning("invalid dependency path: \(m.key.prefix(120))", line: m.line))
                continue
            }
            if let n = entry?.string("name"), !n.isEmpty { name = n }
            if let v = entry?.string("version"), !v.isEmpty { version = v }
            guard !name.isEmpty, Self.looksLikeVersion(version) else { continue }
            let resolution = entry?.object("resolution")
            let commit = resolution?.string("commit") ?? resolution?.string("tarball").flatMap(Self.codeloadCommit)
                ?? Self.codeloadCommit(m.key)
            var groups: [String] = []
            if major < 9 {
                if entry?.bool("dev") == true { groups.append("dev") }
                if entry?.bool("optional") == true { groups.append("optional") }
            } else if devOnly.contains(name + "@" + version) {
                groups.append("dev")
            }
            dedup.add(.entry(.npm, name: name, version: version, file: input.path, line: m.line, groups: groups,
                             groupsKnown: true, direct: direct.contains(name + "@" + version), commit: commit))
        }
        result.packages = dedup.packages
        return result
    }

    // MARK: keys

    /// `(name, version)` of a package key, nil when it is not a dependency path at all. Keys that name a
    /// package without a registry version (`github.com/user/repo`, `file:../x`) give an empty or non-numeric
    /// version; their `name`/`version` fields, if any, say more.
    static func parseKey(_ rawKey: String) -> (name: String, version: String)? {
        var key = Substring(rawKey)
        if key.hasPrefix("/") { key = key.dropFirst() }
        if key.hasPrefix("file:") || key.hasPrefix("link:") { return ("", "") }
        // The name ends at the first '/' (the second for a scoped name).
        var nameEnd = key.endIndex
        if let slash = key.firstIndex(of: "/") {
            if key.hasPrefix("@") {
                nameEnd = key[key.index(after: slash)...].firstIndex(of: "/") ?? key.endIndex
            } else {
                nameEnd = slash
            }
        }
        // v6+: name@version(peers)
        if let at = key.dropFirst().firstIndex(of: "@"), at < nameEnd {
            return (String(key[..<at]), stripPeers(String(key[key.index(after: at)...])))
        }
        // v5: [host/]name/version[_peers] or [host/]@scope/name/version[_peers]
        var parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2 else { return nil }
        if parts.count >= 3, parts[0].contains("."), !parts[0].hasPrefix("@") { parts.removeFirst() }
        if parts[0].hasPrefix("@") {
            guard parts.count >= 3 else { return nil }
            return (parts[0] + "/" + parts[1], stripPeers(parts[2]))
        }
        return (parts[0], stripPeers(parts[1]))
    }

    /// `1.0.0(react@18)` and `1.0.0_react@18` → `1.0.0`.
    static func stripPeers(_ v: String) -> String {
        var s = Substring(v)
        if let p = s.firstIndex(of: "(") { s = s[..<p] }
        if let u = s.firstIndex(of: "_") { s = s[..<u] }
        return String(s)
    }

    static func looksLikeVersion(_ v: String) -> Bool {
        guard let f = v.unicodeScalars.first else { return false }
        return f.properties.numericType != nil || (v.hasPrefix("v") && v.dropFirst().first?.isNumber == true)
    }

    static func codeloadCommit(_ s: String) -> String? {
        // Cheap test first: this runs for every package key.
        guard s.utf8.contains(UInt8(ascii: ":")), let r = s.byteRange(of: "codeload.github.com/") else { return nil }
        let parts = s[r.upperBound...].split(separator: "/")
        guard parts.count >= 4, parts[2] == "tar.gz" else { return nil }
        return String(parts[3].prefix { $0 != "(" && $0 != "#" })
    }

    // MARK: importers and v9 dev-only packages

    /// v9 and v6+ workspaces list projects under `importers`; v5/v6 single projects list their dependencies at
    /// the top level.
    static func importers(_ root: JSONObject) -> [JSONObject] {
        if let imps = root.object("importers") { return imps.members.compactMap(\.value.object) }
        return [root]
    }

    /// Packages reachable from some importer's `devDependencies` but from no production or optional
    /// dependency, following `snapshots` (keys `name@version(peers)`).
    static func devOnlyV9(root: JSONObject, importers: [JSONObject]) -> Set<String> {
        guard let snapshots = root.object("snapshots") else { return [] }
        func children(_ key: String) -> [String] {
            guard let snap = snapshots[key]?.object else { return [] }
            var out: [String] = []
            for field in ["dependencies", "optionalDependencies"] {
                for m in snap.object(field)?.members ?? [] {
                    guard let v = m.value.string else { continue }
                    // A dependency version may itself be an alias `name@version`.
                    if v.dropFirst().contains("@"), !looksLikeVersion(v) { out.append(v) } else { out.append(m.key + "@" + v) }
                }
            }
            return out
        }
        func reach(_ fields: [String]) -> Set<String> {
            var seen = Set<String>(minimumCapacity: snapshots.count)
            var stack: [String] = []
            for imp in importers {
                for f in fields {
                    for m in imp.object(f)?.members ?? [] {
                        let v = m.value.object?.string("version") ?? m.value.string ?? ""
                        if v.hasPrefix("link:") { continue }
                        stack.append(v.dropFirst().contains("@") && !looksLikeVersion(v) ? v : m.key + "@" + v)
                    }
                }
            }
            while let k = stack.popLast() {
                guard seen.insert(k).inserted else { continue }
                stack.append(contentsOf: children(k))
            }
            return Set(seen.map { key -> String in
                guard let at = key.dropFirst().firstIndex(of: "@") else { return key }
                return String(key[..<at]) + "@" + stripPeers(String(key[key.index(after: at)...]))
            })
        }
        let prod = reach(["dependencies", "optionalDependencies"])
        let dev = reach(["devDependencies"])
        return dev.subtracting(prod)
    }
}
