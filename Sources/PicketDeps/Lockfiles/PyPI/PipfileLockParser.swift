import PicketCore

/// Pipenv's `Pipfile.lock`: `default` (production) and `develop` (dev) maps of name → `{version: "==1.2"}`.
/// Entries without a version (editable or git checkouts) name no release and are left out.
public struct PipfileLockParser: LockfileParser {
    public init() {}
    public var formatName: String { "Pipfile.lock" }
    public var ecosystem: Ecosystem { .pypi }

    public func matches(path: String) -> Bool { LockfileFiles.fileName(of: path) == "Pipfile.lock" }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root = try input.jsonObject()
        var result = LockfileResult()
        var dedup = PackageDeduplicator()
        for (section, groups) in [("default", [String]()), ("develop", ["dev"])] {
            guard let value = root[section] else { continue }
            guard let packages = value.object else {
                throw input.error("'\(section)' must be an object, found \(value.typeName)", line: root.line(of: section))
            }
            for m in packages.members {
                guard let entry = m.value.object else {
                    result.warnings.append(input.warning("'\(m.key)' is \(m.value.typeName), not an object; skipped", line: m.line))
                    continue
                }
                guard let spec = entry.string("version") else { continue }
                let version = spec.hasPrefix("===") ? String(spec.dropFirst(3)) : spec.hasPrefix("==") ? String(spec.dropFirst(2)) : spec
                dedup.add(.entry(.pypi, name: m.key, version: version, file: input.path, line: m.line,
                                 groups: groups, groupsKnown: true))
            }
        }
        result.packages = dedup.packages
        return result
    }
}
