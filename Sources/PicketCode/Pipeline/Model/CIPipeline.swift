/// The jobs of a loaded pipeline with `extends:` and `default:` applied, as the checks read them.
struct CIPipeline: Sendable {
    struct Job: Sendable {
        var name: String
        /// The job after `extends:` (deep merge) and inherited `default:` keys.
        var node: CINode
        /// Where the job itself is defined.
        var definedAt: CINode
        var hidden: Bool { name.hasPrefix(".") }
    }

    static let globalKeywords: Set<String> = [
        "default", "include", "stages", "variables", "workflow", "image", "services", "cache", "before_script",
        "after_script", "types", "spec",
    ]
    /// Keys `default:` passes to every job that does not set them (and does not opt out with `inherit:`).
    static let inheritedKeys = ["image", "services", "before_script", "after_script", "cache", "hooks", "id_tokens",
                                "interruptible", "retry", "tags", "timeout", "artifacts"]
    static let maxExtendsDepth = 11

    var config: CIConfig
    var jobs: [Job]
    var global: CINode { config.merged }

    init(config: CIConfig) {
        self.config = config
        var jobs: [Job] = []
        let entries = config.merged.entries ?? []
        let byName = Dictionary(entries.map { ($0.key, $0.node) }, uniquingKeysWith: { _, b in b })
        let defaults = config.merged["default"]
        for e in entries where !Self.globalKeywords.contains(e.key) && e.node.entries != nil {
            var node = Self.resolveExtends(e.node, byName: byName, depth: 0, seen: [e.key])
            if let defaults, Self.inheritsDefault(node) {
                for k in Self.inheritedKeys where node[k] == nil {
                    if let d = defaults.entry(k), case .mapping(var es) = node.value {
                        es.append(d)
                        node.value = .mapping(es)
                    }
                }
            }
            jobs.append(Job(name: e.key, node: node, definedAt: e.node))
        }
        // Visible jobs first, so a finding reached through a template is reported for a job that runs.
        self.jobs = jobs.filter { !$0.hidden } + jobs.filter(\.hidden)
    }

    var visibleJobs: [Job] { jobs.filter { !$0.hidden } }

    private static func inheritsDefault(_ job: CINode) -> Bool {
        guard let inherit = job["inherit"]?["default"] else { return true }
        if let b = inherit.bool { return b }
        return true // a list of keys: treated as inheriting (conservative for checks)
    }

    private static func resolveExtends(_ job: CINode, byName: [String: CINode], depth: Int, seen: Set<String>) -> CINode {
        guard let ext = job["extends"], depth < maxExtendsDepth else { return job }
        var base: CINode?
        for parent in ext.strings where !seen.contains(parent) {
            guard let p = byName[parent] else { continue }
            let resolved = resolveExtends(p, byName: byName, depth: depth + 1, seen: seen.union([parent]))
            base = base.map { CINode.merge($0, resolved) } ?? resolved
        }
        return base.map { CINode.merge($0, job) } ?? job
    }

    /// Script lines of `key` (`script`, `before_script`, `after_script`) with their nodes: nested lists
    /// flattened, `!reference [job, key]` resolved (bounded depth).
    func scriptLines(_ job: CINode, key: String) -> [CINode] {
        guard let n = job[key] else { return [] }
        return flatten(n, depth: 0)
    }

    private func flatten(_ n: CINode, depth: Int) -> [CINode] {
        guard depth < 10 else { return [] }
        switch n.value {
        case .scalar: return [n]
        case .sequence(let items): return items.flatMap { flatten($0, depth: depth + 1) }
        case .reference(let path): return resolveReference(path).map { flatten($0, depth: depth + 1) } ?? []
        default: return []
        }
    }

    func resolveReference(_ path: [String]) -> CINode? {
        guard let first = path.first else { return nil }
        var node = global[first]
        for k in path.dropFirst() { node = node?[k] }
        return node
    }

    /// Every script line of a job: before_script, script, after_script.
    func allScriptLines(_ job: CINode) -> [CINode] {
        ["before_script", "script", "after_script"].flatMap { scriptLines(job, key: $0) }
    }
}
