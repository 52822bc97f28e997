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

/// A format that is one JSON document: rendered whole, or streamed to its output, through the same `emit`.
public protocol JSONDocumentWriter: ReportWriter {
    func emit(_ report: ScanReport, _ json: inout JSONEmitter) throws
}

extension JSONDocumentWriter {
    public func render(_ report: ScanReport, options: ReportOptions) throws -> Data {
        var json = JSONEmitter()
        try emit(report, &json)
        try json.finish()
        return Data(json.bytes)
    }

    public func write(_ report: ScanReport, options: ReportOptions, to output: ReportOutput) throws {
        var json = JSONEmitter { bytes in try output.write(bytes) }
        try emit(report, &json)
        try json.finish()
    }
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
