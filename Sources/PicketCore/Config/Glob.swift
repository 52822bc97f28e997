/// A path glob in the style of `.gitignore`: `*` and `?` stay inside one path segment, `[a-z]` classes,
/// `**` spans any number of segments. A pattern without `/` matches the file name at any depth; a pattern with
/// one is anchored at the scan root. A pattern also matches everything below a directory it matches, so
/// `vendor` and `vendor/` ignore the whole folder. Matching is linear-bounded (memoised), never exponential.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let segments: [[UInt8]]
    private let anchored: Bool

    public init(_ pattern: String) {
        self.pattern = pattern
        var p = pattern
        if p.hasPrefix("./") { p.removeFirst(2) }
        while p.hasSuffix("/") && p.count > 1 { p.removeLast() }
        anchored = p.contains("/")
        if p.hasPrefix("/") { p.removeFirst() }
        segments = p.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
    }

    public var description: String { pattern }

    /// `path` is relative to the scan root, `/`-separated.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
        if parts.isEmpty || segments.isEmpty { return false }
        if anchored {
            // Match the pattern against any leading run of segments (a directory match covers its contents).
            return prefixMatch(parts, from: 0)
        }
        // Unanchored: the single-segment pattern matches any component; a match on a directory covers its contents.
        for i in parts.indices where Glob.segmentMatches(segments[0], parts[i]) {
            if segments.count == 1 { return true }
            if prefixMatch(parts, from: i) { return true }
        }
        return false
    }

    /// True if the pattern matches parts[from..<k] for some k (i.e. a directory prefix or the whole path).
    private func prefixMatch(_ parts: [[UInt8]], from start: Int) -> Bool {
        let n = parts.count - start, m = segments.count
        // memo[i][j]: pattern segments from i can match path segments from j reaching the pattern's end.
        var memo = [Int8](repeating: -1, count: (m + 1) * (n + 1))
        func go(_ i: Int, _ j: Int) -> Bool {
            if i == m { return true } // matched a prefix: the rest lies below a matched directory
            let key = i * (n + 1) + j
            if memo[key] >= 0 { return memo[key] == 1 }
            var result = false
            if segments[i] == Array("**".utf8) {
                // zero segments, or consume one and stay on `**`
                result = go(i + 1, j) || (j < n && go(i, j + 1))
            } else if j < n && Glob.segmentMatches(segments[i], parts[start + j]) {
                result = go(i + 1, j + 1)
            }
            memo[key] = result ? 1 : 0
            return result
        }
        return go(0, 0)
    }

    /// Wildcard match of one segment: `*`, `?`, `[...]` (with `!`/`^` negation and ranges), `\` escapes.
    /// Greedy with a single backtrack point, so it runs in O(pattern × text) at worst.
    static func segmentMatches(_ p: [UInt8], _ t: [UInt8]) -> Bool {
        var pi = 0, ti = 0
        var starP = -1, starT = 0
        while ti < t.count {
            if pi < p.count {
                let c = p[pi]
                if c == UInt8(ascii: "*") {
                    while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
                    starP = pi; starT = ti
                    continue
                }
                if c == UInt8(ascii: "?") { pi += 1; ti += 1; continue }
                if c == UInt8(ascii: "[") , let (matched, next) = matchClass(p, pi, t[ti]) {
                    if matched { pi = next; ti += 1; continue }
                } else {
                    var lit = c, adv = 1
                    if c == UInt8(ascii: "\\") && pi + 1 < p.count { lit = p[pi + 1]; adv = 2 }
                    if lit == t[ti] { pi += adv; ti += 1; continue }
                }
            }
            if starP >= 0 { starT += 1; ti = starT; pi = starP; continue }
            return false
        }
        while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }

    /// Returns (matched, index after the class) or nil when `[` does not open a valid class (then it is literal).
    private static func matchClass(_ p: [UInt8], _ start: Int, _ ch: UInt8) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.count && (p[i] == UInt8(ascii: "!") || p[i] == UInt8(ascii: "^")) { negate = true; i += 1 }
        var matched = false
        var first = true
        while i < p.count {
            if p[i] == UInt8(ascii: "]") && !first { return (matched != negate, i + 1) }
            first = false
            var lo = p[i]
            if lo == UInt8(ascii: "\\") && i + 1 < p.count { i += 1; lo = p[i] }
            if i + 2 < p.count && p[i + 1] == UInt8(ascii: "-") && p[i + 2] != UInt8(ascii: "]") {
                let hi = p[i + 2]
                if ch >= lo && ch <= hi { matched = true }
                i += 3
            } else {
                if ch == lo { matched = true }
                i += 1
            }
        }
        return nil
    }
}

/// A list of globs; matches when any does.
public struct GlobSet: Sendable, Hashable {
    public let globs: [Glob]
    public init(_ patterns: [String]) { globs = patterns.map(Glob.init) }
    public init(globs: [Glob]) { self.globs = globs }
    public var isEmpty: Bool { globs.isEmpty }
    public func matches(_ path: String) -> Bool { globs.contains { $0.matches(path) } }
    public func firstMatch(_ path: String) -> Glob? { globs.first { $0.matches(path) } }
}
