import Foundation
import PicketCore

/// Turns a scan report into one output format. One type per format, registered in `ReportFormats`.
public protocol ReportWriter: Sendable {
    /// The `--format` name.
    var format: String { get }
    /// One line for `--help`.
    var summary: String { get }
    func render(_ report: ScanReport, options: ReportOptions) throws -> Data
    /// Writes the report as it is produced (formats that stream override the default, which renders whole).
    func write(_ report: ScanReport, options: ReportOptions, to output: ReportOutput) throws
}

public struct ReportOptions: Sendable {
    /// ANSI colours (table only).
    public var color: Bool
    /// Also list suppressed findings (table only; machine formats always carry them, marked).
    public var showSuppressed: Bool
    /// Terminal width for the table; nil = no wrapping.
    public var width: Int?

    public init(color: Bool = false, showSuppressed: Bool = false, width: Int? = nil) {
        self.color = color
        self.showSuppressed = showSuppressed
        self.width = width
    }
}

/// Every output format Picket knows. Adding a format is one type and one line here.
public enum ReportFormats {
    public static let all: [any ReportWriter] = [
        TableReportWriter(),
        JSONReportWriter(),
        SARIFReportWriter(),
        GitLabReportWriter(),
        GitLabReportWriter(reportType: .secretDetection),
        GitLabReportWriter(reportType: .dependencyScanning),
        GitLabReportWriter(reportType: .sast),
    ]

    public static var names: [String] { all.map(\.format) }

    public static func writer(named name: String) throws -> any ReportWriter {
        guard let w = all.first(where: { $0.format == name }) else {
            throw PicketError.usage("unknown format '\(name)'; expected one of: \(names.joined(separator: ", "))")
        }
        return w
    }
}

enum Timestamps {
    /// RFC 3339 with a `Z`, seconds precision.
    static func iso8601(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: d)
    }

    /// GitLab's report format: `yyyy-mm-ddThh:mm:ss`, UTC, no zone.
    static func gitlab(_ d: Date) -> String { String(iso8601(d).dropLast()) }
}

extension JSONSerialization {
    /// Stable, readable JSON: sorted keys, no escaped slashes.
    static func stableData(_ object: Any) throws -> Data {
        var w = StableJSONWriter()
        try w.write(object, indent: 0)
        w.bytes.append(0x0A)
        return Data(w.bytes)
    }
}

/// Writes the dictionaries and arrays the report writers build, in the layout `JSONSerialization` gives with
/// `.prettyPrinted, .sortedKeys, .withoutEscapingSlashes`, straight into a byte buffer: Foundation's writer
/// took 5 s and 270 MB for a report of 17,000 findings. Values of other types go through Foundation.
struct StableJSONWriter {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 16) }

    mutating func write(_ value: Any, indent: Int) throws {
        // Exact types first: a conditional cast of a dictionary to another type bridges it to NSDictionary on
        // Linux, which cost more than all the writing.
        let t = type(of: value)
        if t == String.self { string(value as! String); return }
        if t == [String: Any].self { try object(value as! [String: Any], indent: indent); return }
        if t == [Any].self { try array(value as! [Any], indent: indent); return }
        if t == Int.self { append(String(value as! Int)); return }
        if t == Bool.self { append(value as! Bool ? "true" : "false"); return }
        if t == Double.self { try number(value as! Double); return }
        switch value {
        case is NSNull: append("null")
        case let i as Int64: append(String(i))
        case let i as Int32: append(String(i))
        case let u as UInt: append(String(u))
        case let u as UInt64: append(String(u))
        case let o as [String: Any]: try object(o, indent: indent)
        case let a as [Any]: try array(a, indent: indent)
        default:
            // Anything else (an NSNumber, a Float...) is rendered by Foundation, as a fragment.
            let d = try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .withoutEscapingSlashes])
            bytes.append(contentsOf: d)
        }
    }

    private mutating func object(_ o: [String: Any], indent: Int) throws {
        if o.isEmpty { append("{}"); return }
        append("{")
        var first = true
        for key in o.keys.sorted() {
            append(first ? "\n" : ",\n")
            first = false
            newline(indent + 2)
            string(key)
            append(" : ")
            try write(o[key]!, indent: indent + 2)
        }
        append("\n")
        newline(indent)
        append("}")
    }

    private mutating func array(_ a: [Any], indent: Int) throws {
        if a.isEmpty { append("[]"); return }
        append("[")
        for (i, v) in a.enumerated() {
            append(i == 0 ? "\n" : ",\n")
            newline(indent + 2)
            try write(v, indent: indent + 2)
        }
        append("\n")
        newline(indent)
        append("]")
    }

    private mutating func number(_ d: Double) throws {
        guard d.isFinite else { throw PicketError.runtime("a report value is not a finite number (\(d))") }
        if d == d.rounded(), abs(d) < 1e15 { append(String(Int64(d))) } else { append("\(d)") }
    }

    private mutating func string(_ s: String) {
        bytes.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0x08: bytes.append(0x5C); bytes.append(0x62)
            case 0x0C: bytes.append(0x5C); bytes.append(0x66)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }

    private mutating func newline(_ indent: Int) {
        for _ in 0..<indent { bytes.append(0x20) }
    }

    private mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }
}
