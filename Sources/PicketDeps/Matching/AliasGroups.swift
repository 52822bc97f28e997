/// Groups advisories that describe one vulnerability: OSV says aliases are symmetric and transitive, so ids
/// linked through any chain of aliases (GHSA ↔ CVE ↔ PYSEC…) end in one group. Union-find over id strings.
struct AliasGroups {
    private var parent: [String: String] = [:]

    mutating func find(_ id: String) -> String {
        var root = id
        while let p = parent[root], p != root { root = p }
        // Path compression.
        var node = id
        while let p = parent[node], p != root {
            parent[node] = root
            node = p
        }
        if parent[id] == nil { parent[id] = id }
        return root
    }

    mutating func union(_ a: String, _ b: String) {
        let ra = find(a), rb = find(b)
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }

    /// Groups `records` (each linked to its aliases); groups and their members in a stable order.
    static func group(_ records: [OSVRecord]) -> [[OSVRecord]] {
        var uf = AliasGroups()
        for r in records {
            _ = uf.find(r.id)
            for a in r.aliases { uf.union(r.id, a) }
        }
        var groups: [String: [OSVRecord]] = [:]
        for r in records { groups[uf.find(r.id), default: []].append(r) }
        return groups.keys.sorted().compactMap { groups[$0]?.sorted { $0.id < $1.id } }
    }
}
