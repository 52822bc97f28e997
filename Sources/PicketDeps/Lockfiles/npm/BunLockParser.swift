/// Bun's text lockfile `bun.lock` (JSONC: comments and trailing commas). `packages` maps an install key to
/// a tuple `["name@version", registry, {metadata}, integrity]`; git entries pin `name@github:owner/repo#sha`,
/// `file:`/`link:` entries have no version. Direct dependencies are those the workspaces declare.
public struct BunLockParser: LockfileParser {
    public init() {}
    public var formatName: String { "bun.lock" }
    public var ecosystem: Ecosystem { .npm }

    public func matches(path: String) -> Bool {
        LockfileFiles.fileName(of: path) == "bun.lock" && !LockfileFiles.isInsideNodeModules(path)
    }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root = try input.jsonObject(jsonc: true)
        var declared = Set<String>()
        for ws in root.object("workspaces")?.members ?? [] {
            for field in ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"] {
                declared.formUnion(ws.value.object?.object(field)?.keys ?? [])
            }
        }
        var result = LockfileResult()
        var dedup = PackageDeduplicator()
        for m in root.object("packages")?.members ?? [] {
            guard let tuple = m.value.array, let spec = tuple.first?.string else {
                result.warnings.append(input.warning("could not extract '\(m.key.prefix(100))': expected [\"name@version\", ...]", line: m.line))
                continue
            }
            guard let name = YarnLockParser.packageName(spec), name.count < spec.count else {
                result.warnings.append(input.warning("could not extract '\(m.key.prefix(100))': no version in '\(spec.prefix(100))'", line: m.line))
                continue
            }
            let ref = String(spec.dropFirst(name.count + 1))
            var version: String? = ref
            var commit: String?
            var reason: String?
            if ref.hasPrefix("github:") || ref.hasPrefix("git+") || ref.hasPrefix("git:") || ref.hasPrefix("gitlab:")
                || ref.hasPrefix("bitbucket:") || ref.hasPrefix("https:") {
                if let hash = ref.lastIndex(of: "#") { commit = String(ref[ref.index(after: hash)...]) }
                version = nil
                reason = "git dependency"
            } else if ref.hasPrefix("file:") || ref.hasPrefix("link:") || ref.hasPrefix("workspace:") {
                version = nil
                reason = "local dependency (\(ref.prefix(100)))"
            }
            // A top-level install key is the dependency name; nested installs are `parent/name`.
            let segments = m.key.split(separator: "/").count
            let topLevel = m.key.hasPrefix("@") ? segments == 2 : segments == 1
            dedup.add(.entry(.npm, name: name, version: version, file: input.path, line: m.line,
                             direct: topLevel && declared.contains(m.key), commit: commit, unresolvedReason: reason))
        }
        result.packages = dedup.packages
        return result
    }
}
