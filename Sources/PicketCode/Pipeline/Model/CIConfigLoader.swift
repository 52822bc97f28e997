import PicketCore
import Yams

/// One `include:` entry as written.
struct CIInclude: Sendable {
    enum Kind: Sendable {
        case local(String)
        case remote(url: String, integrity: String?)
        case project(project: String, files: [String], ref: String?)
        case template(String)
        case component(String)
        case unknown
    }
    var kind: Kind
    var node: CINode
}

/// A loaded pipeline: every file read (the root file and its local includes), every include entry, and the
/// merged top-level mapping as GitLab would see it (included files first, the including file overriding).
struct CIConfig: Sendable {
    var files: [String]
    var includes: [CIInclude]
    var merged: CINode
    var diagnostics: [ScanDiagnostic]
}

/// Reads `.gitlab-ci.yml` and its local includes (`include: local:`, plain paths, `*` wildcards) with a depth
/// limit, a file-count limit and cycle detection, never leaving the repository (symlinks resolved). Remote,
/// project, template and component includes are recorded for the checks but not fetched: the scan is offline.
struct CIConfigLoader {
    static let rootFile = ".gitlab-ci.yml"
    static let maxDepth = 10
    static let maxFiles = 150
    static let maxFileBytes = 2 << 20

    var root: String
    /// Repository files, for wildcard includes.
    var inventory: [String]

    private var loaded: [String] = []
    private var includes: [CIInclude] = []
    private var diagnostics: [ScanDiagnostic] = []

    init(root: String, inventory: [String]) {
        self.root = root
        self.inventory = inventory
    }

    mutating func load(_ path: String = CIConfigLoader.rootFile) -> CIConfig? {
        guard let node = read(path, depth: 0, chain: []) else { return nil }
        return CIConfig(files: loaded, includes: includes, merged: node, diagnostics: diagnostics)
    }

    var diagnosticsSoFar: [ScanDiagnostic] { diagnostics }

    private mutating func warn(_ path: String, _ message: String) {
        diagnostics.append(ScanDiagnostic(.warning, scanner: "pipeline", path: path, message))
    }

    /// Parses one file and merges its local includes under it.
    private mutating func read(_ path: String, depth: Int, chain: [String]) -> CINode? {
        guard loaded.count < Self.maxFiles else {
            warn(path, "not read: more than \(Self.maxFiles) CI files included")
            return nil
        }
        guard let data = SafeFile.read(root: root, relative: path, limit: Self.maxFileBytes + 1) else {
            if depth > 0 { warn(chain.last ?? path, "local include '\(path)' is not a file inside the repository; not checked") }
            return nil
        }
        guard data.count <= Self.maxFileBytes else {
            warn(path, "not checked: larger than \(ByteCount.format(Self.maxFileBytes))")
            return nil
        }
        loaded.append(path)
        let text = String(decoding: data, as: UTF8.self)
        var doc: Node?
        do {
            // A component or spec header is a first document of its own (`spec:` then `---`).
            let docs = try YAMLDocuments.compose(text)
            doc = docs.count > 1 && docs[0].mapping?["spec"] != nil ? docs[1] : docs.first
        } catch {
            warn(path, "invalid YAML, not checked: \(YAMLDocuments.summary(error))")
            return nil
        }
        guard let doc else { return nil }
        var builder = CINodeBuilder(file: path)
        let node: CINode
        do { node = try builder.build(doc) } catch CINodeBuilder.Failure.tooLarge(let line) {
            warn(path, "not checked: document too large at line \(line) (more than 200000 values, or an alias bomb)")
            return nil
        } catch {
            warn(path, "not checked: nesting deeper than \(CINodeBuilder.maxDepth) levels")
            return nil
        }
        guard node.entries != nil else {
            if !node.isNull { warn(path, "not checked: the top level is not a mapping") }
            return nil
        }
        var base: CINode?
        for inc in parseIncludes(node["include"]) {
            includes.append(inc)
            guard case .local(let target) = inc.kind else { continue }
            let files = expand(target, from: path)
            if files.isEmpty && !target.contains("*") && !target.contains("$") {
                warn(path, "local include '\(target)' leaves the repository; not followed")
            }
            for file in files {
                if chain.contains(file) || file == path {
                    warn(path, "include cycle through '\(file)'; not followed again")
                    continue
                }
                guard depth + 1 <= Self.maxDepth else {
                    warn(path, "include of '\(file)' deeper than \(Self.maxDepth) levels; not followed")
                    continue
                }
                if let sub = read(file, depth: depth + 1, chain: chain + [path]) {
                    base = base.map { CINode.merge($0, sub) } ?? sub
                }
            }
        }
        return base.map { CINode.merge($0, node) } ?? node
    }

    /// `include:` as a string, a mapping, or a list of either.
    func parseIncludes(_ node: CINode?) -> [CIInclude] {
        guard let node else { return [] }
        let items = node.items ?? [node]
        return items.map { item in
            if let s = item.string {
                let lower = s.lowercased()
                if lower.hasPrefix("https://") || lower.hasPrefix("http://") { return CIInclude(kind: .remote(url: s, integrity: nil), node: item) }
                return CIInclude(kind: .local(s), node: item)
            }
            if let l = item["local"]?.string { return CIInclude(kind: .local(l), node: item) }
            if let r = item["remote"]?.string { return CIInclude(kind: .remote(url: r, integrity: item["integrity"]?.string), node: item) }
            if let p = item["project"]?.string {
                return CIInclude(kind: .project(project: p, files: item["file"]?.strings ?? [], ref: item["ref"]?.string), node: item)
            }
            if let t = item["template"]?.string { return CIInclude(kind: .template(t), node: item) }
            if let c = item["component"]?.string { return CIInclude(kind: .component(c), node: item) }
            return CIInclude(kind: .unknown, node: item)
        }
    }

    /// A local include path: relative to the repository root (a leading `/` is allowed), `*`/`**` wildcards
    /// matched against the repository's files. Paths leaving the repository give nothing.
    func expand(_ target: String, from: String) -> [String] {
        var t = target.trimmingCharacters(in: .whitespaces)
        while t.hasPrefix("/") { t.removeFirst() }
        if t.contains("$") { return [] } // variables are expanded by GitLab at run time; nothing to read here
        if t.contains("*") {
            let g = Glob(t.contains("/") ? t : "/" + t)
            return inventory.filter { g.matches($0) && ($0.hasSuffix(".yml") || $0.hasSuffix(".yaml")) }.sorted()
        }
        guard let rel = SafeFile.join("", t) else { return [] }
        return [rel]
    }
}
