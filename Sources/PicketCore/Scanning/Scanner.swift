/// The seam every scanner plugs into: a target in, findings and diagnostics out. Scanners know nothing of
/// the CLI, GitLab or the store.
public protocol Scanner: Sendable {
    /// Stable id used by `--scanners` and in reports (`secrets`, `deps`, `sast`, `iac`, `pipeline`).
    var id: String { get }
    /// Human name for reports ("Picket secrets").
    var displayName: String { get }
    func scan(_ target: ScanTarget, context: ScanContext) async throws -> ScannerOutput
    /// Checks this scanner's part of a configuration before any scanning starts, so a bad `.picket.yml` is a
    /// usage error (naming file, line and key) rather than a failed scan.
    func validate(config: PicketConfig) throws
}

extension Scanner {
    public func validate(config: PicketConfig) throws {}
}

/// What one scanner returns.
public struct ScannerOutput: Sendable {
    public var findings: [Finding]
    public var diagnostics: [ScanDiagnostic]
    /// Counters worth showing (`files`, `bytes`, `blobs`, `rules`...).
    public var stats: [String: Int]
    /// The packages found, for scanners that take an inventory (dependencies).
    public var components: [Component]

    public init(findings: [Finding] = [], diagnostics: [ScanDiagnostic] = [], stats: [String: Int] = [:],
                components: [Component] = []) {
        self.findings = findings
        self.diagnostics = diagnostics
        self.stats = stats
        self.components = components
    }
}

/// Thrown by a scanner that failed as a whole but has diagnostics worth keeping (what it skipped, what its
/// engine said before failing). `ScanRunner` marks the scanner failed and keeps the diagnostics.
public struct ScannerFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var diagnostics: [ScanDiagnostic]

    public init(_ message: String, diagnostics: [ScanDiagnostic] = []) {
        self.message = message
        self.diagnostics = diagnostics
    }

    public var description: String { message }
}

/// A warning or error raised while scanning; the scan goes on.
public struct ScanDiagnostic: Sendable, Hashable, Codable {
    public enum Level: String, Sendable, Hashable, Codable, Comparable {
        case notice, warning, error
        private var rank: Int { self == .notice ? 0 : self == .warning ? 1 : 2 }
        public static func < (l: Level, r: Level) -> Bool { l.rank < r.rank }
    }
    public var level: Level
    public var scanner: String
    public var path: String?
    public var message: String

    public init(_ level: Level, scanner: String, path: String? = nil, _ message: String) {
        self.level = level
        self.scanner = scanner
        self.path = path
        self.message = message
    }
}

/// The scanners a run can use, by id. Executables register what they link; Core knows none of them.
public struct ScannerRegistry: Sendable {
    public private(set) var scanners: [any Scanner]

    public init(_ scanners: [any Scanner] = []) { self.scanners = scanners }

    public mutating func register(_ scanner: any Scanner) {
        scanners.removeAll { $0.id == scanner.id }
        scanners.append(scanner)
    }

    public var ids: [String] { scanners.map(\.id) }

    public func scanner(id: String) -> (any Scanner)? { scanners.first { $0.id == id } }

    /// Picks scanners by id, in registry order; unknown ids are an error naming them.
    public func select(_ ids: [String]?) throws -> [any Scanner] {
        guard let ids, !ids.isEmpty else { return scanners }
        let unknown = ids.filter { scanner(id: $0) == nil }
        guard unknown.isEmpty else {
            throw PicketError.usage("unknown scanner \(unknown.map { "'\($0)'" }.joined(separator: ", ")); available: \(self.ids.joined(separator: ", "))")
        }
        return scanners.filter { ids.contains($0.id) }
    }
}
