import Foundation
import PicketCore
import PicketRegex

/// Measures what each rule costs Vectorscan on a sample of real text, so rule authors can find the rule that
/// slows every scan down (`picket rules --profile PATH`).
public struct RuleProfiler {
    static func threadCPUTime() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    public struct Row: Sendable {
        public var id: String
        public var seconds: Double
        public var megabytesPerSecond: Double
        public var matches: Int
        public var mode: String
    }

    public let set: SecretRuleSet

    public init(set: SecretRuleSet) { self.set = set }

    /// Reads up to `limit` bytes of text under `root`, then scans it once per rule with that rule alone.
    public func profile(root: String, limit: Int = 64 << 20) throws -> (bytes: Int, rows: [Row]) {
        let inventory = FileWalker().walk(root: root)
        var sample: [UInt8] = []
        sample.reserveCapacity(limit)
        for f in inventory.files where sample.count < limit {
            guard let d = FileManager.default.contents(atPath: root + "/" + f.path), !d.prefix(8000).contains(0) else { continue }
            sample.append(contentsOf: d.prefix(limit - sample.count))
            sample.append(0x0A)
        }
        var rows: [Row] = []
        try sample.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress, !buf.isEmpty else { return }
            for rule in set.rules {
                var mode = "exact"
                var db: VectorscanDatabase?
                if !rule.keywords.isEmpty {
                    // Gated rules cost what their keywords cost (see SecretEngine.build).
                    mode = "keywords"
                    db = try? VectorscanDatabase(patterns: rule.keywords.map {
                        .init(expression: SecretEngine.literalPattern(Array($0.utf8)), id: 0, caseless: true)
                    })
                } else {
                    db = try? VectorscanDatabase(patterns: [.init(expression: rule.pattern, id: 0)])
                }
                if db == nil {
                    mode = "prefilter"
                    db = try? VectorscanDatabase(patterns: [.init(expression: rule.pattern, id: 0, prefilter: true)])
                }
                guard let db else {
                    rows.append(Row(id: rule.id, seconds: 0, megabytesPerSecond: 0, matches: 0, mode: "pcre2-only"))
                    continue
                }
                let scratch = try db.makeScratch()
                var matches = 0
                var best = Double.infinity
                // Thread CPU time, best of three: other processes on a busy machine then barely move the figure.
                for _ in 0..<3 {
                    matches = 0
                    let t0 = RuleProfiler.threadCPUTime()
                    try db.scan(base, length: buf.count, scratch: scratch) { _, _ in matches += 1; return true }
                    best = min(best, RuleProfiler.threadCPUTime() - t0)
                }
                let secs = max(best, 1e-9)
                rows.append(Row(id: rule.id, seconds: secs, megabytesPerSecond: Double(buf.count) / 1e6 / secs, matches: matches, mode: mode))
            }
        }
        return (sample.count, rows.sorted { $0.seconds > $1.seconds })
    }
}
