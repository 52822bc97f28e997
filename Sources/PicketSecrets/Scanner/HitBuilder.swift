import Foundation
import PicketCore

/// Turns the candidates of one buffer into located, redacted hits: line and column numbers, and a snippet of
/// the line in which every secret found on it is replaced by its redacted preview.
struct HitBuilder {
    let engine: SecretEngine
    let reveal: Bool

    func hits(_ candidates: [SecretCandidate], in base: UnsafePointer<UInt8>, count: Int, path: String,
              commit: CommitInfo? = nil) -> [SecretHit] {
        let sorted = candidates.sorted { $0.start < $1.start }
        var line = 1, scannedTo = 0
        var out: [SecretHit] = []
        out.reserveCapacity(sorted.count)
        var startColumns = LineColumns(), endColumns = LineColumns()
        for c in sorted {
            line += Self.newlines(base, from: scannedTo, to: c.secretStart)
            scannedTo = c.secretStart
            let lineRange = EngineWorker.lineRange(base, count: count, at: c.secretStart, limit: EngineWorker.lineContext)
            let startColumn = startColumns.codePoints(base, lineOf: c.secretStart, to: c.secretStart) + 1
            let endLine = line + Self.newlines(base, from: c.secretStart, to: max(c.secretStart, c.secretEnd - 1))
            let endColumn = endColumns.codePoints(base, lineOf: max(c.secretStart, c.secretEnd - 1), to: c.secretEnd) + 1
            let rule = engine.rules[c.rule].rule
            let preview = Redaction.preview(c.secret, multiline: rule.multiline)
            let onLine = sorted.filter { $0.secretStart < lineRange.upperBound && $0.secretEnd > lineRange.lowerBound }
            let snippet = Self.snippet(base, line: lineRange, focus: c.secretStart..<c.secretEnd,
                                       redact: onLine.map { ($0.secretStart..<$0.secretEnd, Redaction.preview($0.secret, multiline: engine.rules[$0.rule].rule.multiline)) })
            out.append(SecretHit(
                rule: c.rule, sha256: Hashing.sha256Hex(c.secret), preview: preview,
                revealed: reveal ? String(decoding: c.secret, as: UTF8.self) : nil,
                location: Location(path: path, startLine: line, startColumn: startColumn, endLine: endLine,
                                   endColumn: endColumn, commit: commit),
                snippet: snippet, decodedFrom: c.decodedFrom, entropy: c.entropy, checksumValid: c.checksumValid,
                inlineAllowed: c.inlineAllowed))
        }
        return out
    }

    static func newlines(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        guard to > from else { return 0 }
        var n = 0
        var p = base + from
        var remaining = to - from
        while remaining > 0, let hit = memchr(p, 0x0A, remaining) {
            let q = hit.assumingMemoryBound(to: UInt8.self)
            n += 1
            let advance = p.distance(to: q) + 1
            p += advance
            remaining -= advance
        }
        return n
    }

    /// Unicode code points in `[from, to)`: UTF-8 bytes that are not continuation bytes.
    static func codePoints(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var n = 0
        var i = from
        while i < to {
            if base[i] & 0xC0 != 0x80 { n += 1 }
            i += 1
        }
        return n
    }

    /// At most ~160 bytes of the line around the secret, each known secret replaced by its preview.
    static func snippet(_ base: UnsafePointer<UInt8>, line: Range<Int>, focus: Range<Int>,
                        redact: [(Range<Int>, String)]) -> String {
        let from = max(line.lowerBound, focus.lowerBound - 60)
        let to = min(line.upperBound, max(focus.lowerBound, min(focus.upperBound, line.upperBound)) + 60)
        var out = from > line.lowerBound ? "…" : ""
        var i = from
        for (range, preview) in redact.sorted(by: { $0.0.lowerBound < $1.0.lowerBound }) where range.upperBound > from && range.lowerBound < to {
            if range.lowerBound > i { out += String(decoding: UnsafeBufferPointer(start: base + i, count: range.lowerBound - i), as: UTF8.self) }
            if range.lowerBound >= i || range.upperBound > i { out += preview }
            i = max(i, range.upperBound)
        }
        if i < to { out += String(decoding: UnsafeBufferPointer(start: base + i, count: to - i), as: UTF8.self) }
        if to < line.upperBound { out += "…" }
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Code points from the start of the line holding an offset up to another offset. Remembers the last answer, so
/// many candidates on one long (minified) line cost one pass over it instead of one pass each.
struct LineColumns {
    private var anchor = -1
    private var lineStart = 0
    private var countedTo = 0
    private var counted = 0

    mutating func codePoints(_ base: UnsafePointer<UInt8>, lineOf at: Int, to end: Int) -> Int {
        let sameLine = anchor >= 0 && at >= anchor && memchr(base + anchor, 0x0A, at - anchor) == nil
        if !sameLine {
            var s = at
            while s > 0 && base[s - 1] != 0x0A { s -= 1 }
            lineStart = s
            countedTo = s
            counted = 0
        }
        anchor = at
        guard end >= countedTo else { return HitBuilder.codePoints(base, lineStart, end) }
        counted += HitBuilder.codePoints(base, countedTo, end)
        countedTo = end
        return counted
    }
}
