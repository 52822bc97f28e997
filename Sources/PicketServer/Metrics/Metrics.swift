import Foundation
import Synchronization

/// Counters and histograms kept in process memory and written in Prometheus' text exposition format (0.0.4).
/// Gauges that live in the database (jobs and scans by state) are read at scrape time by the `/metrics` route.
public final class Metrics: Sendable {
    public struct Labels: Hashable, Sendable, Comparable {
        public var pairs: [(String, String)] { zip(names, values).map { ($0, $1) } }
        let names: [String]
        let values: [String]

        public init(_ pairs: [(String, String)]) {
            names = pairs.map(\.0)
            values = pairs.map(\.1)
        }

        public static func < (a: Labels, b: Labels) -> Bool { a.values.lexicographicallyPrecedes(b.values) }

        var rendered: String {
            guard !names.isEmpty else { return "" }
            return "{" + zip(names, values).map { "\($0)=\"\(Metrics.escapeLabel($1))\"" }.joined(separator: ",") + "}"
        }

        func adding(_ name: String, _ value: String) -> Labels {
            Labels(pairs + [(name, value)])
        }
    }

    struct Histogram: Sendable {
        var buckets: [Double]
        var counts: [UInt64]
        var sum: Double = 0
        var count: UInt64 = 0

        init(buckets: [Double]) {
            self.buckets = buckets
            counts = Array(repeating: 0, count: buckets.count)
        }

        mutating func observe(_ v: Double) {
            for (i, b) in buckets.enumerated() where v <= b { counts[i] += 1 }
            sum += v
            count += 1
        }
    }

    struct Family: Sendable {
        var help: String
        var type: String
        var counters: [Labels: Double] = [:]
        var histograms: [Labels: Histogram] = [:]
        var buckets: [Double] = []
    }

    public static let latencyBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    public static let durationBuckets: [Double] = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800]

    private let families = Mutex<[String: Family]>([:])

    public init() {}

    public func describeCounter(_ name: String, help: String) {
        families.withLock { f in if f[name] == nil { f[name] = Family(help: help, type: "counter") } }
    }

    public func describeHistogram(_ name: String, help: String, buckets: [Double]) {
        families.withLock { f in
            if f[name] == nil {
                var fam = Family(help: help, type: "histogram")
                fam.buckets = buckets
                f[name] = fam
            }
        }
    }

    public func increment(_ name: String, _ labels: [(String, String)] = [], by value: Double = 1) {
        let l = Labels(labels)
        families.withLock { f in f[name, default: Family(help: name, type: "counter")].counters[l, default: 0] += value }
    }

    public func observe(_ name: String, _ labels: [(String, String)] = [], _ value: Double) {
        let l = Labels(labels)
        families.withLock { f in
            var fam = f[name] ?? Family(help: name, type: "histogram", buckets: Metrics.latencyBuckets)
            if fam.buckets.isEmpty { fam.buckets = Metrics.latencyBuckets }
            var h = fam.histograms[l] ?? Histogram(buckets: fam.buckets)
            h.observe(value)
            fam.histograms[l] = h
            f[name] = fam
        }
    }

    /// A counter's current value (tests and the dashboard).
    public func value(_ name: String, _ labels: [(String, String)] = []) -> Double {
        families.withLock { $0[name]?.counters[Labels(labels)] ?? 0 }
    }

    /// The exposition text of every in-memory family, plus `extra` gauges given by the caller.
    public func render(gauges extra: [Gauge] = []) -> String {
        var out = ""
        let snapshot = families.withLock { $0 }
        for name in snapshot.keys.sorted() {
            guard let fam = snapshot[name] else { continue }
            out += "# HELP \(name) \(Metrics.escapeHelp(fam.help))\n# TYPE \(name) \(fam.type)\n"
            if fam.type == "counter" {
                for l in fam.counters.keys.sorted() {
                    out += "\(name)\(l.rendered) \(Metrics.number(fam.counters[l] ?? 0))\n"
                }
            } else {
                for l in fam.histograms.keys.sorted() {
                    guard let h = fam.histograms[l] else { continue }
                    for (i, b) in h.buckets.enumerated() {
                        out += "\(name)_bucket\(l.adding("le", Metrics.number(b)).rendered) \(h.counts[i])\n"
                    }
                    out += "\(name)_bucket\(l.adding("le", "+Inf").rendered) \(h.count)\n"
                    out += "\(name)_sum\(l.rendered) \(Metrics.number(h.sum))\n"
                    out += "\(name)_count\(l.rendered) \(h.count)\n"
                }
            }
        }
        var byName: [String: [Gauge]] = [:]
        for g in extra { byName[g.name, default: []].append(g) }
        for name in byName.keys.sorted() {
            guard let gs = byName[name], let first = gs.first else { continue }
            out += "# HELP \(name) \(Metrics.escapeHelp(first.help))\n# TYPE \(name) gauge\n"
            for g in gs { out += "\(name)\(Labels(g.labels).rendered) \(Metrics.number(g.value))\n" }
        }
        return out
    }

    public struct Gauge: Sendable {
        public var name: String
        public var help: String
        public var labels: [(String, String)]
        public var value: Double

        public init(_ name: String, help: String, labels: [(String, String)] = [], value: Double) {
            self.name = name
            self.help = help
            self.labels = labels
            self.value = value
        }
    }

    static func number(_ v: Double) -> String {
        if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
        if v.isNaN { return "NaN" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }

    static func escapeLabel(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func escapeHelp(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}

extension Metrics {
    /// The families Picket records, declared once so `/metrics` lists them (with HELP) before the first event.
    public static func standard() -> Metrics {
        let m = Metrics()
        m.describeCounter("picket_http_requests_total", help: "HTTP requests answered, by method, route and status code.")
        m.describeHistogram("picket_http_request_duration_seconds", help: "Time to answer HTTP requests, by route.", buckets: latencyBuckets)
        m.describeCounter("picket_webhook_deliveries_total", help: "GitLab webhook deliveries received, by event and outcome.")
        m.describeCounter("picket_jobs_processed_total", help: "Job attempts finished by this process, by type and outcome.")
        m.describeHistogram("picket_job_duration_seconds", help: "Time a job attempt took, by type.", buckets: durationBuckets)
        m.describeCounter("picket_scans_total", help: "Scans finished by this process, by kind and outcome.")
        m.describeCounter("picket_gitlab_writes_total", help: "Writes to GitLab (notes, statuses, hooks), by kind and outcome.")
        return m
    }
}
