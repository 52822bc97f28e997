/// Composer's `composer.lock`: `packages` (production) and `packages-dev` (dev) arrays. Each package carries
/// its licence list (several licences mean a choice: `MIT OR GPL-2.0`) and, for git sources, the commit.
public struct ComposerLockParser: LockfileParser {
    public init() {}
    public var formatName: String { "composer.lock" }
    public var ecosystem: Ecosystem { .packagist }

    public func matches(path: String) -> Bool {
        LockfileFiles.fileName(of: path) == "composer.lock" && !path.hasPrefix("vendor/") && !path.contains("/vendor/")
    }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root = try input.jsonObject(emptyIsEmpty: false)
        var result = LockfileResult()
        for (section, groups) in [("packages", [String]()), ("packages-dev", ["dev"])] {
            guard let value = root[section], !value.isNull else { continue }
            guard let list = value.array else {
                throw input.error("'\(section)' must be an array, found \(value.typeName)", line: root.line(of: section))
            }
            for item in list {
                guard let pkg = item.object, let name = pkg.string("name") else {
                    result.warnings.append(input.warning("an entry of '\(section)' has no name; skipped", line: item.object?.line))
                    continue
                }
                let version = pkg.string("version")
                var commit: String?
                // source.reference (git) or dist.reference (a zipball of a commit); tags are not commits.
                for ref in [pkg.object("source")?.string("reference"), pkg.object("dist")?.string("reference")] {
                    if let ref, ref.count >= 7, ref.allSatisfy(\.isHexDigit) { commit = ref; break }
                }
                var license: String?
                if let ls = pkg["license"]?.strings, !ls.isEmpty {
                    license = ls.count == 1 ? ls[0] : "(" + ls.joined(separator: " OR ") + ")"
                } else if let l = pkg.string("license") {
                    license = l
                }
                result.packages.append(.entry(.packagist, name: name, version: version, file: input.path,
                                              line: pkg.line(of: "name"), groups: groups, groupsKnown: true,
                                              direct: nil, commit: commit, license: license))
            }
        }
        return result
    }
}
