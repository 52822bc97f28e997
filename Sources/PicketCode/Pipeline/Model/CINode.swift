import Yams

/// A YAML value of a GitLab CI file with the file and line it came from, so every finding can point at the
/// exact place even after `include:`, `extends:` and `<<:` merges moved it into another job. Merge keys are
/// resolved while converting; `!reference [job, key]` is kept as a reference and resolved on use.
struct CINode: Sendable {
    indirect enum Value: Sendable {
        case scalar(String)
        case sequence([CINode])
        case mapping([CIEntry])
        case reference([String])
        case null
    }

    var value: Value
    var file: String
    var line: Int
    var column: Int

    var string: String? {
        if case .scalar(let s) = value { return s }
        return nil
    }

    var entries: [CIEntry]? {
        if case .mapping(let e) = value { return e }
        return nil
    }

    var items: [CINode]? {
        if case .sequence(let s) = value { return s }
        return nil
    }

    var isNull: Bool { if case .null = value { return true } else { return false } }

    subscript(key: String) -> CINode? { entries?.last { $0.key == key }?.node }

    func entry(_ key: String) -> CIEntry? { entries?.last { $0.key == key } }

    /// A scalar or a list of scalars as strings.
    var strings: [String] {
        switch value {
        case .scalar(let s): return [s]
        case .sequence(let items): return items.compactMap(\.string)
        default: return []
        }
    }

    var bool: Bool? {
        guard let s = string?.lowercased() else { return nil }
        if ["true", "yes", "on"].contains(s) { return true }
        if ["false", "no", "off"].contains(s) { return false }
        return nil
    }

    /// Deep merge as GitLab does for `extends` and includes: mappings merge key by key (`over` wins), anything
    /// else is replaced by `over`.
    static func merge(_ base: CINode, _ over: CINode) -> CINode {
        guard case .mapping(let a) = base.value, case .mapping(let b) = over.value else { return over }
        var out = a
        for e in b {
            if let i = out.lastIndex(where: { $0.key == e.key }) {
                out[i] = CIEntry(key: e.key, keyLine: e.keyLine, node: merge(out[i].node, e.node))
            } else {
                out.append(e)
            }
        }
        return CINode(value: .mapping(out), file: over.file, line: over.line, column: over.column)
    }
}

struct CIEntry: Sendable {
    var key: String
    var keyLine: Int
    var node: CINode
}

/// Converts Yams nodes, bounding the work so an alias bomb is an error rather than an exhausted machine.
struct CINodeBuilder {
    var file: String
    var budget = 200_000
    static let maxDepth = 64

    enum Failure: Error { case tooLarge(line: Int), tooDeep(line: Int) }

    mutating func build(_ node: Node, depth: Int = 0) throws -> CINode {
        let line = node.mark?.line ?? 1, column = node.mark?.column ?? 1
        budget -= 1
        if budget < 0 { throw Failure.tooLarge(line: line) }
        if depth > Self.maxDepth { throw Failure.tooDeep(line: line) }
        switch node {
        case .scalar(let s):
            if s.style == .plain && (s.string == "~" || s.string == "null" || s.string.isEmpty) {
                return CINode(value: .null, file: file, line: line, column: column)
            }
            return CINode(value: .scalar(s.string), file: file, line: line, column: column)
        case .sequence(let seq):
            var items: [CINode] = []
            for n in seq { items.append(try build(n, depth: depth + 1)) }
            if seq.tag.rawValue == "!reference" {
                return CINode(value: .reference(items.compactMap(\.string)), file: file, line: line, column: column)
            }
            return CINode(value: .sequence(items), file: file, line: line, column: column)
        case .mapping(let map):
            var merged: [CIEntry] = []
            var own: [CIEntry] = []
            for (k, v) in map {
                let key = k.string ?? ""
                if key == "<<" && (k.tag.rawValue == Tag.Name.merge.rawValue || k.scalar?.style == .plain) {
                    // `<<: *anchor` or `<<: [*a, *b]`: earlier sources win over later ones, own keys over all.
                    let sources: [Node] = v.sequence.map { Array($0) } ?? [v]
                    for src in sources.reversed() {
                        let built = try build(src, depth: depth + 1)
                        for e in built.entries ?? [] {
                            merged.removeAll { $0.key == e.key }
                            merged.append(e)
                        }
                    }
                    continue
                }
                own.append(CIEntry(key: key, keyLine: k.mark?.line ?? line, node: try build(v, depth: depth + 1)))
            }
            var entries = merged.filter { m in !own.contains { $0.key == m.key } }
            entries += own
            return CINode(value: .mapping(entries), file: file, line: line, column: column)
        case .alias:
            return CINode(value: .null, file: file, line: line, column: column)
        }
    }
}
