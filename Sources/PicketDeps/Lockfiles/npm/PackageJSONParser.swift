/// `package.json` as a manifest, for projects without a lockfile: the declared dependencies, with a version
/// only when the declaration is an exact one (`1.2.3`, `=1.2.3`, `npm:name@1.2.3`). Ranges (`^1.2.0`), tags,
/// git and file specs are reported without a version and say why; what a range would install is not
/// guessed. Superseded by any npm, Yarn, pnpm or Bun lockfile in the same folder or a parent folder
/// (a workspace root).
public struct PackageJSONParser: LockfileParser {
    public init() {}
    public var formatName: String { "package.json" }
    public var ecosystem: Ecosystem { .npm }

    public func matches(path: String) -> Bool {
        LockfileFiles.fileName(of: path) == "package.json" && !LockfileFiles.isInsideNodeModules(path)
    }

    static let lockfileNames = ["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock"]

    public func supersededBy(path: String) -> [String] {
        var dirs: [String] = []
        var dir = LockfileFiles.directory(of: path)
        while true {
            dirs.append(dir)
            if dir.isEmpty { break }
            dir = LockfileFiles.directory(of: dir)
        }
        return dirs.flatMap { d in Self.lockfileNames.map { LockfileFiles.join(d, $0) } }
    }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root = try input.jsonObject()
        var result = LockfileResult()
        for (field, groups) in [("dependencies", [String]()), ("devDependencies", ["dev"]),
                                ("optionalDependencies", ["optional"]), ("peerDependencies", ["peer"])] {
            guard let deps = root.object(field) else { continue }
            for m in deps.members {
                guard let spec = m.value.string else {
                    result.warnings.append(input.warning("'\(m.key)' in \(field) is \(m.value.typeName), not a string; skipped", line: m.line))
                    continue
                }
                let (name, version, reason) = Self.resolve(name: m.key, spec: spec)
                result.packages.append(.entry(.npm, name: name, version: version, file: input.path, line: m.line,
                                              groups: groups, groupsKnown: true, direct: true, unresolvedReason: reason))
            }
        }
        return result
    }

    /// (name, exact version, reason when there is none) for a dependency spec.
    static func resolve(name: String, spec raw: String) -> (String, String?, String?) {
        var spec = raw.trimmedSpaces
        var name = name
        if spec.hasPrefix("npm:") {
            let aliased = String(spec.dropFirst(4))
            if let real = YarnLockParser.packageName(aliased), real.count < aliased.count {
                name = real
                spec = String(aliased.dropFirst(real.count + 1))
            } else {
                return (aliased, nil, "alias without a version")
            }
        }
        if spec.hasPrefix("=") { spec = String(spec.dropFirst()).trimmedSpaces }
        if spec.hasPrefix("v") { spec = String(spec.dropFirst()) }
        if isExactSemver(spec) { return (name, spec, nil) }
        if spec.contains(":") || spec.contains("/") { return (name, nil, "not a registry version (\(raw.prefix(100)))") }
        return (name, nil, "version range '\(raw.prefix(80))' is not pinned (no lockfile)")
    }

    /// `1.2.3`, `1.2.3-beta.1`, `1.2.3+build`: three numeric parts, nothing range-like.
    static func isExactSemver(_ s: String) -> Bool {
        let core = s.prefix { $0 != "-" && $0 != "+" }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return false }
        return !s.contains(" ") && !s.contains("|") && !s.contains("*") && !s.contains("x.") && !s.contains(".x")
    }
}
