extension PackageRef {
    /// A package as a lockfile reports it: purl derived from ecosystem/name/version, `scope` summarised from
    /// the groups when the format gives groups (`groupsKnown`), nil otherwise.
    static func entry(_ ecosystem: Ecosystem, name: String, version: String?, file: String, line: Int?,
                      groups: [String] = [], groupsKnown: Bool = false, direct: Bool? = nil, commit: String? = nil,
                      license: String? = nil, unresolvedReason: String? = nil, purlName: String? = nil,
                      purlVersion: String? = nil, qualifiers: [(String, String)] = []) -> PackageRef {
        let v = (version?.isEmpty ?? true) ? nil : version
        return PackageRef(ecosystem: ecosystem, name: name, version: v,
                          purl: PackageURL.make(ecosystem: ecosystem, name: purlName ?? name, version: purlVersion ?? v, qualifiers: qualifiers),
                          direct: direct, scope: groupsKnown || !groups.isEmpty ? Self.scope(for: groups) : nil,
                          file: file, line: line, license: license,
                          unresolvedReason: v == nil ? (unresolvedReason ?? (commit != nil ? "pinned to a VCS commit, not a version" : "no version given")) : unresolvedReason,
                          commit: commit, groups: groups)
    }

    /// One word for a set of groups: `dev` and `test` win over `optional`, which wins over `peer`; anything else
    /// (including uv/pdm named groups and Conan `requires`) is a runtime dependency.
    static func scope(for groups: [String]) -> String {
        for g in ["dev", "test", "optional", "peer", "provided", "build-requires", "system"] where groups.contains(g) {
            return g == "build-requires" ? "build" : g
        }
        return "runtime"
    }
}
