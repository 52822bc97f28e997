/// Conan's `conan.lock`. Conan 2 (`version` 0.5) lists references under `requires`, `build_requires` and
/// `python_requires` (`zlib/1.2.13#revision%timestamp`); Conan 1 (0.1-0.4) lists a graph of nodes whose
/// `ref` (or, in the oldest files, `pref`) is `name/version[@user/channel][#revision]`. The node that is
/// the project itself (it has a `path`) is left out.
public struct ConanLockParser: LockfileParser {
    public init() {}
    public var formatName: String { "conan.lock" }
    public var ecosystem: Ecosystem { .conanCenter }

    public func matches(path: String) -> Bool { LockfileFiles.fileName(of: path) == "conan.lock" }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root = try input.jsonObject(emptyIsEmpty: false)
        var result = LockfileResult()
        if let nodes = root.object("graph_lock")?.object("nodes") {
            for m in nodes.members {
                guard let node = m.value.object, node["path"] == nil else { continue }
                guard let ref = node.string("ref") ?? node.string("pref"), let (name, version) = Self.reference(ref) else { continue }
                result.packages.append(.entry(.conanCenter, name: name, version: version, file: input.path,
                                              line: node.line(of: "ref") ?? node.line(of: "pref") ?? m.line))
            }
            return result
        }
        for (section, group) in [("requires", "requires"), ("build_requires", "build-requires"), ("python_requires", "python-requires")] {
            guard let list = root[section]?.array else { continue }
            for item in list {
                guard let ref = item.string, let (name, version) = Self.reference(ref) else {
                    result.warnings.append(input.warning("cannot read an entry of '\(section)'; skipped", line: root.line(of: section)))
                    continue
                }
                result.packages.append(.entry(.conanCenter, name: name, version: version, file: input.path,
                                              line: root.line(of: section), groups: [group], groupsKnown: true))
            }
        }
        return result
    }

    /// `zlib/1.2.11@user/channel#rrev:package_id#prev` → (zlib, 1.2.11); nil without `name/version`.
    static func reference(_ ref: String) -> (String, String)? {
        let core = ref.prefix { $0 != "@" && $0 != "#" && $0 != ":" && $0 != "%" }
        let parts = core.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}
