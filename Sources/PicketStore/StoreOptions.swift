import Foundation
import PicketCore

/// Knobs of a store. The defaults suit production; tests inject a clock and shorter backoffs.
public struct StoreOptions: Sendable {
    /// The store's notion of "now" (lease expiry, backoff, timestamps).
    public var now: @Sendable () -> Date
    /// Retry delay after the n-th failed attempt: base × 2^(n-1), capped at `jobBackoffMaxSeconds`.
    public var jobBackoffBaseSeconds: Double
    public var jobBackoffMaxSeconds: Double
    /// Which finding kinds each scanner produces, so a failed scanner's findings are never marked fixed.
    public var scannerKinds: ScannerKinds
    public var sqliteReaderCount: Int
    public var sqliteBusyTimeoutMilliseconds: Int32
    public var postgresMaxConnections: Int
    /// The longest one PostgreSQL read or transaction may take before its connection is closed under it.
    public var postgresCallTimeout: Duration

    public init(now: @escaping @Sendable () -> Date = { Date() }, jobBackoffBaseSeconds: Double = 15,
                jobBackoffMaxSeconds: Double = 3600, scannerKinds: ScannerKinds = .standard,
                sqliteReaderCount: Int = 4, sqliteBusyTimeoutMilliseconds: Int32 = 30_000,
                postgresMaxConnections: Int = 10, postgresCallTimeout: Duration = .seconds(600)) {
        self.now = now
        self.jobBackoffBaseSeconds = jobBackoffBaseSeconds
        self.jobBackoffMaxSeconds = jobBackoffMaxSeconds
        self.scannerKinds = scannerKinds
        self.sqliteReaderCount = sqliteReaderCount
        self.sqliteBusyTimeoutMilliseconds = sqliteBusyTimeoutMilliseconds
        self.postgresMaxConnections = postgresMaxConnections
        self.postgresCallTimeout = postgresCallTimeout
    }

    func backoff(afterAttempt n: Int) -> TimeInterval {
        let exp = pow(2.0, Double(max(0, n - 1)))
        return min(jobBackoffMaxSeconds, jobBackoffBaseSeconds * exp)
    }
}

/// Scanner id → the finding kinds it reports. A finding is marked fixed only when a scanner owning its kind ran
/// successfully in the scan and no scanner owning that kind failed.
public struct ScannerKinds: Sendable, Hashable {
    public private(set) var kinds: [String: Set<FindingKind>]

    public init(_ kinds: [String: Set<FindingKind>]) { self.kinds = kinds }

    /// Picket's scanners by their `Scanner.id`.
    public static let standard = ScannerKinds([
        "secrets": [.secret],
        "deps": [.dependency, .license],
        "sast": [.sast],
        "iac": [.iac],
        "pipeline": [.pipeline],
    ])

    public mutating func register(scannerID: String, kinds: Set<FindingKind>) { self.kinds[scannerID] = kinds }

    /// Kinds whose absence in this scan means "fixed".
    public func fixableKinds(_ runs: [ScannerRun]) -> Set<FindingKind> {
        var ok = Set<FindingKind>()
        var failed = Set<FindingKind>()
        for run in runs {
            let k = kinds[run.id] ?? []
            if run.status == .ok { ok.formUnion(k) } else { failed.formUnion(k) }
        }
        return ok.subtracting(failed)
    }
}
