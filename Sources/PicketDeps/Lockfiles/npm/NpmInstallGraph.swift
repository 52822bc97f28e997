/// The dependency graph of a `package-lock.json` v2/v3 `packages` map, resolved as Node resolves `require`:
/// a package at `a/node_modules/b` that depends on `c` gets the nearest `node_modules/c` walking up from its own
/// folder. Used to say through which direct dependency a transitive package came in.
struct NpmInstallGraph {
    private struct Node {
        var label: String
        var dependencies: [String]
        var linkTarget: String?
    }
    private var nodes: [String: Node] = [:]
    /// The root (`""`) and workspace folders: where direct dependencies are declared.
    private var roots: [String] = []

    init(_ packages: JSONObject) {
        for m in packages.members {
            guard let o = m.value.object else { continue }
            let isRoot = !m.key.containsBytes("node_modules/")
            var deps: [String] = []
            let fields = isRoot ? ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"]
                                : ["dependencies", "optionalDependencies", "peerDependencies"]
            for f in fields { if let d = o.object(f) { deps += d.keys } }
            let installName = PackageLockParser.lastNodeModules(m.key).map { String(m.key[$0.upperBound...]) } ?? m.key
            let name = o.string("name") ?? installName
            nodes[m.key] = Node(label: "\(name)@\(o.string("version") ?? "?")", dependencies: deps,
                                linkTarget: o.bool("link") == true ? o.string("resolved") : nil)
            if isRoot { roots.append(m.key) }
        }
        if nodes[""] == nil { roots.append("") }
    }

    /// The install path `name` resolves to from the package at `path`, links followed; nil when absent.
    func resolve(_ name: String, from path: String) -> String? {
        var base = path
        while true {
            let candidate = base.isEmpty ? "node_modules/" + name : base + "/node_modules/" + name
            if let node = nodes[candidate] {
                if let target = node.linkTarget { return nodes[target] != nil ? target : nil }
                return candidate
            }
            if base.isEmpty { return nil }
            if let r = PackageLockParser.lastNodeModules(base) {
                base = String(base[..<r.lowerBound]).trimmingSuffix("/")
            } else {
                base = "" // a workspace folder resolves from the root next
            }
        }
    }

    /// For every reachable install path below a root: the labels (`name@version`) of the packages between the
    /// root and it, nearest the root first, along a shortest path. Direct dependencies map to an empty chain.
    func chains() -> [String: [String]] {
        var parent: [String: String] = [:]
        var depth: [String: Int] = [:]
        for r in roots { depth[r] = 0 }
        var queue = roots
        var head = 0
        while head < queue.count {
            let path = queue[head]
            head += 1
            let d = depth[path]! + 1
            for dep in nodes[path]?.dependencies ?? [] {
                guard let child = resolve(dep, from: path), depth[child] == nil else { continue }
                depth[child] = d
                parent[child] = path
                queue.append(child)
            }
        }
        var out: [String: [String]] = [:]
        out.reserveCapacity(parent.count)
        // Deeper than any real install tree means a generated or hostile lockfile: no chain, rather than N² work.
        for (path, d) in depth where d >= 1 && d <= Self.maxDepth + 1 {
            var chain: [String] = []
            chain.reserveCapacity(d - 1)
            var p = parent[path]
            for _ in 1..<d {
                guard let cur = p else { break }
                chain.append(nodes[cur]?.label ?? cur)
                p = parent[cur]
            }
            out[path] = chain.reversed()
        }
        return out
    }

    /// The longest chain reported (npm trees seldom pass 20 levels).
    static let maxDepth = 64
}
