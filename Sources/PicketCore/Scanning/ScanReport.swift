import Foundation

/// The whole result of one run, as every report writer sees it.
public struct ScanReport: Sendable, Codable {
    public var tool: ToolInfo
    public var target: TargetInfo
    public var startedAt: Date
    public var finishedAt: Date
    public var scanners: [ScannerRun]
    /// Every finding, suppressed ones included (marked); writers decide what to show.
    public var findings: [Finding]
    public var diagnostics: [ScanDiagnostic]
    /// The packages the scan found (the dependency scanner's inventory), in the scanners' order.
    public var components: [Component]

    public init(tool: ToolInfo = .current, target: TargetInfo, startedAt: Date, finishedAt: Date,
                scanners: [ScannerRun], findings: [Finding], diagnostics: [ScanDiagnostic], components: [Component] = []) {
        self.tool = tool
        self.target = target
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.scanners = scanners
        self.findings = findings
        self.diagnostics = diagnostics
        self.components = components
    }

    /// Findings that count: not suppressed.
    public var activeFindings: [Finding] { findings.filter { $0.suppression == nil } }

    /// How many findings count (without copying them out, as `activeFindings` does).
    public var activeCount: Int { findings.reduce(0) { $0 + ($1.suppression == nil ? 1 : 0) } }

    /// True when an active finding is at `threshold` or above: the gate of `--fail-on`.
    public func hasActiveFinding(atLeast threshold: Severity) -> Bool {
        findings.contains { $0.suppression == nil && $0.severity >= threshold }
    }

    /// True when a scanner failed: such a report is never "clean".
    public var hasScannerFailure: Bool { scanners.contains { $0.status == .failed } }
}

public struct ToolInfo: Sendable, Codable, Hashable {
    public var name: String
    public var version: String

    public static let current = ToolInfo(name: "Picket", version: PicketVersion.string)
}

public enum PicketVersion {
    public static let string = "0.1.0"
}

public struct TargetInfo: Sendable, Codable, Hashable {
    public var root: String
    public var mode: ScanTarget.Mode
    public var origin: ScanOrigin

    public init(root: String, mode: ScanTarget.Mode, origin: ScanOrigin) {
        self.root = root
        self.mode = mode
        self.origin = origin
    }
}

/// How one scanner's part of the run went.
public struct ScannerRun: Sendable, Codable, Hashable {
    public enum Status: String, Sendable, Codable, Hashable { case ok, failed }
    public var id: String
    public var name: String
    public var status: Status
    public var error: String?
    public var durationSeconds: Double
    public var stats: [String: Int]

    public init(id: String, name: String, status: Status, error: String? = nil, durationSeconds: Double, stats: [String: Int]) {
        self.id = id
        self.name = name
        self.status = status
        self.error = error
        self.durationSeconds = durationSeconds
        self.stats = stats
    }
}
