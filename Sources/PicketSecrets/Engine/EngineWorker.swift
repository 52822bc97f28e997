import Foundation
import PicketCore
import PicketRegex

/// One thread's scanner: its own Vectorscan scratch and PCRE2 match state. Not shared across threads.
final class EngineWorker {
    let engine: SecretEngine
    private let scratch: VectorscanScratch?
    private let matcher = PCRE2Matcher()
    /// Rules that hit their PCRE2 match limit in the current buffer (reported once per file).
    private(set) var limitExceeded: Set<Int> = []

    /// Lookback for single-line rules; multi-line rules (private keys) look further.
    static let lineLookback = 16 << 10
    static let multilineLookback = 64 << 10
    static let lookahead = 4 << 10

    private let collector: UnsafeMutablePointer<HitCollector>

    init(engine: SecretEngine) throws {
        self.engine = engine
        scratch = try engine.database?.makeScratch()
        collector = .allocate(capacity: 1)
        collector.initialize(to: HitCollector(patterns: engine.rules.count + engine.decoders.count, ruleCount: engine.rules.count,
                                              multiline: engine.rules.map(\.rule.multiline)))
    }

    deinit {
        collector.pointee.free()
        collector.deinitialize(count: 1)
        collector.deallocate()
    }

    /// Scans a whole buffer: candidates from every rule, encoded blobs decoded and scanned, then the line-based
    /// exceptions (`picket:allow`, allowlisted lines). `skipRules` holds rules whose path allowlist covers this file.
    func scan(_ base: UnsafePointer<UInt8>, count: Int, skipRules: Set<Int> = []) -> [SecretCandidate] {
        limitExceeded = []
        var found = candidates(base, count: count, skipRules: skipRules, depth: 0)
        guard !found.isEmpty else { return [] }
        found = found.filter { c in
            let line = Self.lineRange(base, count: count, at: c.start, limit: Self.lineContext)
            return !engine.globalLines.contains { matchesAny($0, base, line) }
                && !engine.rules[c.rule].allowLines.contains { matchesAny($0, base, line) }
        }
        found = Self.droppingCoveredGeneric(found, rules: engine.rules)
        for i in found.indices {
            let line = Self.lineRange(base, count: count, at: found[i].start, limit: Self.lineContext)
            let endLine = Self.lineRange(base, count: count, at: max(found[i].start, found[i].end - 1), limit: Self.lineContext)
            found[i].inlineAllowed = Self.containsAllowMarker(base, line) || Self.containsAllowMarker(base, endLine)
        }
        return found
    }

    private func candidates(_ base: UnsafePointer<UInt8>, count: Int, skipRules: Set<Int>, depth: Int) -> [SecretCandidate] {
        let ruleCount = engine.rules.count
        var hits: [(id: Int, end: Int)] = []
        if let db = engine.database, let scratch, count > 0 {
            // Collect first, confirm after: the callback runs per match inside Vectorscan and must stay cheap,
            // so it works on plain memory (no reference counting, no exclusivity checks).
            let state = collector
            state.pointee.reset(base: base, count: count)
            try? db.scan(base, length: count, scratch: scratch, context: UnsafeMutableRawPointer(state), callback: hitCallback)
            hits.reserveCapacity(state.pointee.hitCount)
            for k in 0..<state.pointee.hitCount { hits.append((Int(state.pointee.hitIDs[k]), state.pointee.hitEnds[k])) }
        }
        var out: [SecretCandidate] = []
        var seen = Set<Int>()
        /// Secret spans a provider rule matched, accepted or not: generic rules yield there.
        var claimed: [Range<Int>] = []
        var decodedUpTo = [Int](repeating: -1, count: engine.decoders.count)
        if depth < engine.maxDecodeDepth {
            for run in EncodedRunFinder.runs(base, count: count) {
                guard let d = run.isHex ? engine.hexDecoder : engine.base64Decoder else { continue }
                out += decode(base, span: run.start..<run.end, decoder: d, skipRules: skipRules, depth: depth)
            }
        }
        for hit in hits {
            if hit.id >= ruleCount {
                let d = hit.id - ruleCount
                if depth < engine.maxDecodeDepth && hit.end > decodedUpTo[d] {
                    let span = widen(base, count: count, end: hit.end, decoder: engine.decoders[d])
                    decodedUpTo[d] = span.upperBound
                    out += decode(base, span: span, decoder: d, skipRules: skipRules, depth: depth)
                }
                continue
            }
            if skipRules.contains(hit.id) { continue }
            let rule = engine.rules[hit.id]
            let back = rule.rule.multiline ? Self.multilineLookback : Self.lineLookback
            let windowStart = rule.rule.multiline ? max(0, hit.end - back) : Self.previousLineStart(base, at: hit.end, limit: back)
            // A keyword-gated multi-line rule: the keyword may open the match, which then runs on for lines.
            let windowEnd = rule.rule.multiline && !rule.keywords.isEmpty
                ? min(count, hit.end + Self.multilineLookback)
                : Self.lineEnd(base, count: count, from: hit.end, limit: Self.lookahead)
            confirm(hit.id, base, count: count, from: windowStart, to: windowEnd, seen: &seen, claimed: &claimed, into: &out)
        }
        for r in engine.pcreOnly where !skipRules.contains(r) {
            let rule = engine.rules[r]
            if !rule.keywords.isEmpty && !rule.keywords.contains(where: { Self.containsCaseless(base, count, $0) }) { continue }
            confirm(r, base, count: count, from: 0, to: count, seen: &seen, claimed: &claimed, into: &out)
        }
        if out.contains(where: { engine.rules[$0.rule].isGeneric }) {
            out.removeAll { c in
                guard engine.rules[c.rule].isGeneric, c.decodedFrom == nil else { return false }
                let span = c.secretStart..<c.secretEnd
                return claimed.contains { $0.overlaps(span) } || engine.providerPrefixes.contains { c.secret.starts(with: $0) }
            }
        }
        return out
    }

    /// Runs a rule's PCRE2 pattern over `[from, to)` and keeps the matches that pass every filter.
    private func confirm(_ r: Int, _ base: UnsafePointer<UInt8>, count: Int, from: Int, to: Int,
                         seen: inout Set<Int>, claimed: inout [Range<Int>], into out: inout [SecretCandidate]) {
        let rule = engine.rules[r]
        var pos = from
        while pos <= to {
            // The window stops before the line's newline: its end is a line end (`$`), unless the line was cut short.
            switch matcher.match(rule.regex, subject: base, length: to, start: pos, notEOL: to < count && base[to] != 0x0A) {
            case .match:
                guard let whole = matcher.group(0) else { return }
                pos = whole.upperBound > whole.lowerBound ? whole.upperBound : whole.lowerBound + 1
                let key = r &* 1_000_003 &+ whole.lowerBound
                guard seen.insert(key).inserted else { continue }
                guard let span = matcher.group(rule.group), !span.isEmpty else { continue }
                let secret = Array(UnsafeBufferPointer(start: base + span.lowerBound, count: span.count))
                if !rule.isGeneric { claimed.append(span) }
                if let c = accept(r, secret: secret, match: whole, secretSpan: span) { out.append(c) }
            case .noMatch:
                return
            case .limitExceeded:
                limitExceeded.insert(r)
                return
            case .error:
                return
            }
        }
    }

    /// The value filters: entropy, checksum, global and rule allowlists, stopwords.
    private func accept(_ r: Int, secret: [UInt8], match: Range<Int>, secretSpan: Range<Int>) -> SecretCandidate? {
        let rule = engine.rules[r]
        let entropy = Entropy.shannon(secret)
        if let min = rule.rule.minEntropy, entropy < min { return nil }
        var checksumValid: Bool?
        if let v = rule.validator {
            guard v.isValid(secret) else { return nil }
            checksumValid = true
        }
        if matchesValue(engine.globalValues, secret) || matchesValue(rule.allowValues, secret) { return nil }
        if !rule.stopwords.isEmpty || !engine.globalStopwords.isEmpty {
            let lower = secret.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 32 : $0 }
            if rule.stopwords.contains(where: { Self.contains(lower, $0) }) { return nil }
            if engine.globalStopwords.contains(where: { Self.contains(lower, $0) }) { return nil }
        }
        return SecretCandidate(rule: r, start: match.lowerBound, end: match.upperBound, secretStart: secretSpan.lowerBound,
                               secretEnd: secretSpan.upperBound, secret: secret, decodedFrom: nil, entropy: entropy,
                               checksumValid: checksumValid)
    }

    /// Widens a decoder's Vectorscan hit to the whole encoded token around it.
    private func widen(_ base: UnsafePointer<UInt8>, count: Int, end hitEnd: Int, decoder: any EncodedBlobDecoder) -> Range<Int> {
        var end = hitEnd
        while end < count && end - hitEnd < 1 << 20 && decoder.isAlphabet(base[end]) { end += 1 }
        var start = hitEnd - 1
        while start > 0 && hitEnd - start < 1 << 20 && decoder.isAlphabet(base[start - 1]) { start -= 1 }
        return start..<end
    }

    /// Decodes an encoded span and scans the text it hides; findings are located at the encoded text, which is
    /// what a person must find and remove.
    private func decode(_ base: UnsafePointer<UInt8>, span: Range<Int>, decoder d: Int, skipRules: Set<Int>, depth: Int) -> [SecretCandidate] {
        let decoder = engine.decoders[d]
        guard let text = decoder.decode(UnsafeBufferPointer(start: base + span.lowerBound, count: span.count)),
              EncodedBlobDecoders.looksLikeText(text) else { return [] }
        let inner = text.withUnsafeBufferPointer { buf in
            candidates(buf.baseAddress!, count: buf.count, skipRules: skipRules, depth: depth + 1)
        }
        return inner.map { c in
            var c = c
            c.start = span.lowerBound
            c.end = span.upperBound
            c.secretStart = span.lowerBound
            c.secretEnd = span.upperBound
            c.decodedFrom = c.decodedFrom.map { "\(decoder.name)>\($0)" } ?? decoder.name
            return c
        }
    }

    /// `candidates` already dropped generic candidates on spans a provider rule matched or with a provider's prefix;
    /// here a generic candidate overlapping one kept from a provider rule, or from a more confident (then earlier)
    /// generic rule, is dropped too, so `API_TOKEN=eyJ...` is one JWT finding, not three generic ones.
    static func droppingCoveredGeneric(_ found: [SecretCandidate], rules: [CompiledRule]) -> [SecretCandidate] {
        guard found.contains(where: { rules[$0.rule].isGeneric }) else { return found }
        let order = found.indices.sorted { a, b in
            (rules[found[a].rule].precedence, found[a].rule, found[a].secretStart)
                < (rules[found[b].rule].precedence, found[b].rule, found[b].secretStart)
        }
        var kept: [Int] = []
        for i in order {
            let c = found[i]
            if rules[c.rule].isGeneric,
               kept.contains(where: { found[$0].secretStart < c.secretEnd && c.secretStart < found[$0].secretEnd }) { continue }
            kept.append(i)
        }
        return kept.sorted().map { found[$0] }
    }

    /// Rules whose path allowlist covers `path`; nil when the global allowlist covers it (skip the file).
    func skipRules(for path: String) -> Set<Int>? {
        if engine.globalPaths.matches(path) || engine.globalPathPatterns.contains(where: { matcher.matches($0, in: path) }) { return nil }
        guard !engine.pathAllowRules.isEmpty else { return [] }
        return Set(engine.pathAllowRules.filter { engine.rules[$0].allowsPath(path, matcher: matcher) })
    }

    // MARK: helpers

    private func matchesValue(_ patterns: [PCRE2Pattern], _ value: [UInt8]) -> Bool {
        guard !patterns.isEmpty else { return false }
        return value.withUnsafeBufferPointer { buf in
            guard let b = buf.baseAddress else { return false }
            return patterns.contains { matcher.match($0, subject: b, length: buf.count, start: 0) == .match }
        }
    }

    private func matchesAny(_ p: PCRE2Pattern, _ base: UnsafePointer<UInt8>, _ line: Range<Int>) -> Bool {
        matcher.match(p, subject: base, length: line.upperBound, start: line.lowerBound) == .match
    }

    static let allowMarkers: [[UInt8]] = [Array("picket:allow".utf8), Array("gitleaks:allow".utf8)]

    static func containsAllowMarker(_ base: UnsafePointer<UInt8>, _ line: Range<Int>) -> Bool {
        let buf = UnsafeBufferPointer(start: base + line.lowerBound, count: line.count)
        return allowMarkers.contains { m in ByteSearch.find(m, in: buf) != nil }
    }

    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, hay.count >= needle.count else { return needle.isEmpty }
        return hay.withUnsafeBufferPointer { ByteSearch.find(needle, in: $0) != nil }
    }

    static func containsCaseless(_ base: UnsafePointer<UInt8>, _ count: Int, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, count >= needle.count else { return false }
        let upper = (first >= 0x61 && first <= 0x7A) ? first - 32 : first
        var i = 0
        while i + needle.count <= count {
            let b = base[i]
            if b == first || b == upper {
                var j = 1
                while j < needle.count {
                    var c = base[i + j]
                    if c >= 0x41 && c <= 0x5A { c += 32 }
                    if c != needle[j] { break }
                    j += 1
                }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// End of the line holding `from` (the newline's offset), at most `limit` bytes on.
    static func lineEnd(_ base: UnsafePointer<UInt8>, count: Int, from: Int, limit: Int) -> Int {
        let stop = min(count, from + limit)
        guard from < stop else { return min(from, count) }
        if let p = memchr(base + from, 0x0A, stop - from) {
            return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
        return stop
    }

    /// Start of the line before the one holding `at`, at most `limit` bytes back: a match may begin a line early.
    static func previousLineStart(_ base: UnsafePointer<UInt8>, at: Int, limit: Int) -> Int {
        let floor = max(0, at - limit)
        var i = at - 1
        var newlines = 0
        while i >= floor {
            if base[i] == 0x0A {
                newlines += 1
                if newlines == 2 { return i + 1 }
            }
            i -= 1
        }
        return floor
    }

    /// Line-based checks (allowlisted lines, `picket:allow`) look at most this far either side of a match: on a
    /// minified or single-line file, scanning the whole line for every candidate would be quadratic.
    static let lineContext = 4 << 10

    /// The line holding `at`, cut to `limit` bytes either side of it.
    static func lineRange(_ base: UnsafePointer<UInt8>, count: Int, at: Int, limit: Int = Int.max) -> Range<Int> {
        let at = min(at, count)
        let floor = limit == Int.max ? 0 : max(0, at - limit)
        var s = at
        while s > floor && base[s - 1] != 0x0A { s -= 1 }
        let e = lineEnd(base, count: count, from: at, limit: limit == Int.max ? count : limit)
        return s..<max(s, e)
    }
}

/// Plain-memory state the Vectorscan callback writes to: per-pattern coverage (Vectorscan reports every end
/// offset of a match; one hit per line and rule is enough, since PCRE2 then confirms the whole line) and the
/// collected hits.
struct HitCollector {
    let patterns: Int
    let ruleCount: Int
    let multiline: UnsafeMutablePointer<Bool>
    let covered: UnsafeMutablePointer<Int>
    var hitIDs: UnsafeMutablePointer<Int32>
    var hitEnds: UnsafeMutablePointer<Int>
    var hitCount = 0
    var capacity = 1024
    var base: UnsafePointer<UInt8>?
    var count = 0

    init(patterns: Int, ruleCount: Int, multiline: [Bool]) {
        self.patterns = patterns
        self.ruleCount = ruleCount
        self.multiline = .allocate(capacity: max(1, ruleCount))
        for (i, m) in multiline.enumerated() { self.multiline[i] = m }
        covered = .allocate(capacity: max(1, patterns))
        hitIDs = .allocate(capacity: capacity)
        hitEnds = .allocate(capacity: capacity)
    }

    mutating func reset(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
        hitCount = 0
        covered.update(repeating: -1, count: patterns)
    }

    mutating func append(_ id: Int32, _ end: Int) {
        if hitCount == capacity {
            let newCapacity = capacity * 2
            let ids = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
            let ends = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
            ids.update(from: hitIDs, count: hitCount)
            ends.update(from: hitEnds, count: hitCount)
            hitIDs.deallocate()
            hitEnds.deallocate()
            hitIDs = ids
            hitEnds = ends
            capacity = newCapacity
        }
        hitIDs[hitCount] = id
        hitEnds[hitCount] = end
        hitCount += 1
    }

    func free() {
        multiline.deallocate()
        covered.deallocate()
        hitIDs.deallocate()
        hitEnds.deallocate()
    }
}

/// Vectorscan's match callback; `context` is the worker's `HitCollector`.
private let hitCallback: @convention(c) (UInt32, UInt64, UInt64, UInt32, UnsafeMutableRawPointer?) -> Int32 = { id, _, to, _, context in
    let c = context!.assumingMemoryBound(to: HitCollector.self)
    let i = Int(id), end = Int(to)
    if end <= c.pointee.covered[i] { return 0 }
    if i >= c.pointee.ruleCount || c.pointee.multiline[i] {
        c.pointee.covered[i] = end
    } else {
        c.pointee.covered[i] = EngineWorker.lineEnd(c.pointee.base!, count: c.pointee.count, from: end, limit: EngineWorker.lookahead)
    }
    c.pointee.append(Int32(id), end)
    return 0
}
