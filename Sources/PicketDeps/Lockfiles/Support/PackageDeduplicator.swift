/// Merges repeated installs of one package version (npm nests the same `name@version` under many parents):
/// one entry per ecosystem/name/version/commit, at its first line. It keeps a group only when every install
/// has it (a package some production path needs is a production dependency) and is direct if any install is.
struct PackageDeduplicator {
    private struct Key: Hashable { var ecosystem: Ecosystem; var name: String; var version: String?; var commit: String? }
    private var index: [Key: Int] = [:]
    private(set) var packages: [PackageRef] = []

    mutating func add(_ p: PackageRef) {
        let key = Key(ecosystem: p.ecosystem, name: p.name, version: p.version, commit: p.commit)
        guard let i = index[key] else {
            index[key] = packages.count
            packages.append(p)
            return
        }
        var merged = packages[i]
        let groups = merged.groups.filter { p.groups.contains($0) }
        if groups != merged.groups {
            merged.groups = groups
            if merged.scope != nil { merged.scope = PackageRef.scope(for: groups) }
        }
        if p.direct == true { merged.direct = true }
        // The shortest way in wins; a direct dependency needs none.
        if merged.direct == true {
            merged.introducedThrough = nil
        } else if let c = p.introducedThrough, c.count < (merged.introducedThrough?.count ?? Int.max) {
            merged.introducedThrough = c
        }
        if merged.license == nil { merged.license = p.license }
        packages[i] = merged
    }

    init(capacity: Int = 0) {
        index.reserveCapacity(capacity)
        packages.reserveCapacity(capacity)
    }

    static func merge(_ list: [PackageRef]) -> [PackageRef] {
        var d = PackageDeduplicator(capacity: list.count)
        for p in list { d.add(p) }
        return d.packages
    }
}
