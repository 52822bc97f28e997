/// The dependency graph of a `package-lock.json` v2/v3 `packages` map, resolved as Node resolves `require`:
/// a package at `a/node_modules/b` that depends on `c` gets the nearest `node_modules/c` walking up from its own
/// folder. Used to say through which direct dependency a transitive package came in.
///
/// Install paths become integer ids once; a resolution step is one lookup of (folder id, name), so a 100,000-
/// package lockfile costs a few hashes of short names per dependency, not string building over long paths.
struct NpmInstallGraph {
    private struct Slot: Hashable {
        var folder: Int
        var name: String
    }
    private var paths: [String] = []
    private var labels: [String?] = []
    private var dependencies: [[String]] = []
    /// The folder a node's own lookups fall back to: the package whose `node_modules` holds it; -1 for the root.
    private var enclosing: [Int] = []
    private var linkTarget: [Int: Int] = [:]
    /// The node installed at `<folder>/node_modules/<name>`.
    private var installed: [Slot: Int] = [:]
    private var ids: [String: Int] = [:]
    private var roots: [Int] = []

    init(_ packages: JSONObject) {
        ids.reserveCapacity(packages.members.count + 1)
        _ = id(for: "")
        var links: [(Int, String)] = []
        for m in packages.members {
            guard let o = m.value.object else { continue }
            let node = id(for: m.key)
            let isRoot = !m.key.containsBytes("node_modules/")
            var deps: [String] = []
            let fields = isRoot ? ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"]
                                : ["dependencies", "optionalDependencies", "peerDependencies"]
            for f in fields { if let d = o.object(f) { deps += d.keys } }
            dependencies[node] = deps
            let installName = PackageLockParser.lastNodeModules(m.key).map { String(m.key[$0.upperBound...]) } ?? m.key
            labels[node] = "\(o.string("name") ?? installName)@\(o.string("version") ?? "?")"
            if o.bool("link") == true, let target = o.string("resolved") { links.append((node, target)) }
            if isRoot && !m.key.isEmpty { roots.append(node) }
        }
        roots.insert(0, at: 0)
        for (node, target) in links { if let t = ids[target] { linkTarget[node] = t } }
    }

    /// The id of an install path, registering it (and the folders above it) on first sight.
    private mutating func id(for path: String) -> Int {
        if let existing = ids[path] { return existing }
        let new = paths.count
        ids[path] = new
        paths.append(path)
        labels.append(nil)
        dependencies.append([])
        enclosing.append(-1)
        if path.isEmpty { return new }
        if let r = PackageLockParser.lastNodeModules(path) {
            let folder = id(for: String(path[..<r.lowerBound]).trimmingSuffix("/"))
            enclosing[new] = folder
            installed[Slot(folder: folder, name: String(path[r.upperBound...]))] = new
        } else {
            enclosing[new] = 0 // a workspace folder: its lookups fall back to the root's node_modules
        }
        return new
    }

    /// The node `name` resolves to from `node`, links followed; nil when nothing provides it.
    private func resolve(_ name: String, from node: Int) -> Int? {
        var folder = node
        while folder >= 0 {
            if let found = installed[Slot(folder: folder, name: name)] { return linkTarget[found] ?? found }
            folder = enclosing[folder]
        }
        return nil
    }

    /// For every reachable install path below a root: the labels (`name@version`) of the packages between the
    /// root and it, nearest the root first, along a shortest path. Direct dependencies map to an empty chain.
    func chains() -> [String: [String]] {
        var parent = [Int](repeating: -1, count: paths.count)
        var depth = [Int](repeating: -1, count: paths.count)
        for r in roots { depth[r] = 0 }
        var queue = roots
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for dep in dependencies[node] {
                guard let child = resolve(dep, from: node), depth[child] < 0 else { continue }
                depth[child] = depth[node] + 1
                parent[child] = node
                queue.append(child)
            }
        }
        var out: [String: [String]] = [:]
        // Deeper than any real install tree means a generated or hostile lockfile: no chain, rather than N² work.
        for node in queue where depth[node] >= 1 && depth[node] <= Self.maxDepth + 1 {
            var chain = [String](repeating: "", count: depth[node] - 1)
            var p = parent[node]
            var i = chain.count - 1
            while i >= 0, p >= 0 {
                chain[i] = labels[p] ?? paths[p]
                p = parent[p]
                i -= 1
            }
            out[paths[node]] = chain
        }
        return out
    }

    /// The longest chain reported (npm trees seldom pass 20 levels).
    static let maxDepth = 64
}
