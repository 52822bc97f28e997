/// A Maven version ordered as Maven's `ComparableVersion` orders it: items split on `.`, `-` and digit/letter
/// transitions (a `-` or a transition opens a nested list), numbers compared numerically, qualifiers in the order
/// alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp < anything else (lexically),
/// `a1`/`b1`/`m1` meaning alpha/beta/milestone, case-insensitive, and trailing "null" items (0, "", empty
/// lists) dropped so that `1` = `1.0` = `1-0` = `1.ga`.
public struct MavenVersion: SchemeVersion, Hashable {
    indirect enum Item: Hashable, Sendable {
        case number(VersionNumber)
        case qualifier(String)
        case list([Item])
    }

    let items: [Item]

    public func compare(to other: MavenVersion) -> Int {
        Self.compareLists(items, other.items)
    }

    public var isPrerelease: Bool {
        // Anything that sorts below the plain release qualifier (alpha, beta, milestone, rc, snapshot).
        func check(_ items: [Item]) -> Bool {
            for item in items {
                switch item {
                case .qualifier(let q): if Self.qualifierRank(q) < Self.releaseRank { return true }
                case .list(let l): if check(l) { return true }
                case .number: continue
                }
            }
            return false
        }
        return check(items)
    }

    // MARK: Order

    static let qualifiers = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"]
    static let aliases = ["ga": "", "final": "", "release": "", "cr": "rc"]
    static let releaseRank = 5

    static func qualifierRank(_ q: String) -> Int { qualifiers.firstIndex(of: q) ?? qualifiers.count }

    /// Maven compares `comparableQualifier` strings: the index for known qualifiers, "7-<q>" for the rest.
    static func comparableQualifier(_ q: String) -> String {
        if let i = qualifiers.firstIndex(of: q) { return String(i) }
        return "\(qualifiers.count)-\(q)"
    }

    static func compareQualifiers(_ a: String, _ b: String) -> Int {
        let x = comparableQualifier(a), y = comparableQualifier(b)
        return x == y ? 0 : (x.utf16.lexicographicallyPrecedes(y.utf16) ? -1 : 1)
    }

    /// `item` compared with a missing item (`nil` in Maven): decides `1.0` vs `1` and `1-rc` vs `1`.
    static func compareWithNull(_ item: Item) -> Int {
        switch item {
        case .number(let n): return n.isZero ? 0 : 1
        case .qualifier(let q): return compareQualifiers(q, "")
        case .list(let l):
            // Every element, not just the first (MNG-6964).
            for e in l {
                let r = compareWithNull(e)
                if r != 0 { return r }
            }
            return 0
        }
    }

    static func compare(_ a: Item, _ b: Item) -> Int {
        switch (a, b) {
        case let (.number(x), .number(y)): return x.compare(to: y)
        case (.number, _): return 1                      // 1.1 > 1-sp, 1.1 > 1-1
        case (.qualifier, .number): return -1
        case let (.qualifier(x), .qualifier(y)): return compareQualifiers(x, y)
        case (.qualifier, .list): return -1              // 1.any < 1-1
        case (.list, .number): return -1                 // 1-1 < 1.0.x
        case (.list, .qualifier): return 1               // 1-1 > 1-sp
        case let (.list(x), .list(y)): return compareLists(x, y)
        }
    }

    static func compareLists(_ a: [Item], _ b: [Item]) -> Int {
        var i = 0
        while i < a.count || i < b.count {
            let r: Int
            if i >= a.count { r = -compareWithNull(b[i]) } else if i >= b.count { r = compareWithNull(a[i]) } else { r = compare(a[i], b[i]) }
            if r != 0 { return r }
            i += 1
        }
        return 0
    }

    // MARK: Parsing

    /// Builds the item tree as `ComparableVersion.parseVersion` does. A list under construction is a path of
    /// indices into nested arrays; a small class keeps that simple.
    final class ListBuilder {
        var items: [Any] = []   // Item or ListBuilder
        func add(_ item: Item) { items.append(item) }
        func addList() -> ListBuilder { let l = ListBuilder(); items.append(l); return l }

        func isNull(_ e: Any) -> Bool {
            if let l = e as? ListBuilder { return l.items.isEmpty }
            switch e as? Item {
            case .number(let n)?: return n.isZero
            case .qualifier(let q)?: return MavenVersion.comparableQualifier(q) == String(MavenVersion.releaseRank)
            case .list(let l)?: return l.isEmpty
            case nil: return false
            }
        }

        /// Drops trailing null items, looking through trailing lists (as `ListItem.normalize`).
        func normalize() {
            var i = items.count - 1
            while i >= 0 {
                if isNull(items[i]) {
                    items.remove(at: i)
                } else if !(items[i] is ListBuilder) {
                    break
                }
                i -= 1
            }
        }

        /// A list left holding only another list once its null items are gone (`1-ga-1`) is that list
        /// (`1-1`), as the specification's "trim nulls before each hyphen" reads.
        func build(root: Bool = true) -> [Item] {
            if !root, items.count == 1, let only = items[0] as? ListBuilder { return only.build(root: false) }
            return items.map { e in (e as? ListBuilder).map { .list($0.build(root: false)) } ?? (e as? Item ?? .list([])) }
        }
    }

    static func stringItem(_ s: String, followedByDigit: Bool) -> Item {
        var v = s
        if followedByDigit && v.count == 1 {
            switch v {
            case "a": v = "alpha"
            case "b": v = "beta"
            case "m": v = "milestone"
            default: break
            }
        }
        return .qualifier(aliases[v] ?? v)
    }

    static func parseItem(isDigit: Bool, _ buf: String) -> Item {
        isDigit ? .number(VersionNumber(digits: buf)) : stringItem(buf, followedByDigit: false)
    }

    static func parse(_ version: String) -> MavenVersion {
        let chars = Array(version.lowercased())
        let root = ListBuilder()
        var list = root
        var stack: [ListBuilder] = [root]
        var isDigit = false
        var start = 0
        func sub(_ a: Int, _ b: Int) -> String { String(chars[a..<b]) }
        for i in 0..<chars.count {
            let c = chars[i]
            if c == "." {
                if i == start { list.add(.number(.zero)) } else { list.add(parseItem(isDigit: isDigit, sub(start, i))) }
                start = i + 1
            } else if c == "-" {
                if i == start { list.add(.number(.zero)) } else { list.add(parseItem(isDigit: isDigit, sub(start, i))) }
                start = i + 1
                list = list.addList()
                stack.append(list)
            } else if c.isASCII && c.isNumber {
                if !isDigit && i > start {
                    list.add(stringItem(sub(start, i), followedByDigit: true))
                    start = i
                    list = list.addList()
                    stack.append(list)
                }
                isDigit = true
            } else {
                if isDigit && i > start {
                    list.add(parseItem(isDigit: true, sub(start, i)))
                    start = i
                    list = list.addList()
                    stack.append(list)
                }
                isDigit = false
            }
        }
        if chars.count > start { list.add(parseItem(isDigit: isDigit, sub(start, chars.count))) }
        while let l = stack.popLast() { l.normalize() }
        return MavenVersion(items: root.build())
    }
}

public struct MavenScheme: VersionScheme {
    public let name = "Maven"
    public init() {}

    public func parse(_ text: String) throws(VersionParseError) -> MavenVersion {
        let t = text.trimmingSpaces
        guard !t.isEmpty else { throw VersionParseError(text, scheme: name, reason: "empty string") }
        // ComparableVersion accepts any string; refuse only what cannot be a version in a POM or a lockfile.
        guard !t.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) else {
            throw VersionParseError(text, scheme: name, reason: "contains whitespace")
        }
        guard !t.hasPrefix("${") else {
            throw VersionParseError(text, scheme: name, reason: "an unresolved property reference, not a version")
        }
        guard !(t.first.map { "[(".contains($0) } ?? false) else {
            throw VersionParseError(text, scheme: name, reason: "a version range, not a version")
        }
        return MavenVersion.parse(t)
    }
}
