/// NuGet's `packages.lock.json`: per target framework, package → `{type: Direct|Transitive|CentralTransitive|
/// Project, resolved}`. Project references are the solution's own projects and are left out; a package
/// locked for several frameworks is reported once per version.
public struct PackagesLockJSONParser: LockfileParser {
    public init() {}
    public var formatName: String { "packages.lock.json" }
    public var ecosystem: Ecosystem { .nuget }

    public func matches(path: String) -> Bool { LockfileFiles.fileName(of: path) == "packages.lock.json" }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root = try input.jsonObject(emptyIsEmpty: false)
        guard let frameworks = root.object("dependencies") else {
            throw input.error("no 'dependencies' object; not a NuGet packages.lock.json")
        }
        var result = LockfileResult()
        var dedup = PackageDeduplicator()
        for fw in frameworks.members {
            guard let packages = fw.value.object else {
                result.warnings.append(input.warning("framework '\(fw.key)' is \(fw.value.typeName), not an object; skipped", line: fw.line))
                continue
            }
            for m in packages.members {
                guard let entry = m.value.object else { continue }
                let type = entry.string("type") ?? ""
                if type == "Project" { continue }
                guard let version = entry.string("resolved") else {
                    result.warnings.append(input.warning("'\(m.key)' has no resolved version; skipped", line: m.line))
                    continue
                }
                dedup.add(.entry(.nuget, name: m.key, version: version, file: input.path, line: m.line,
                                 direct: type == "Direct"))
            }
        }
        result.packages = dedup.packages
        return result
    }
}
