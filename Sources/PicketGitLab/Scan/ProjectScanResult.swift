import PicketCore

/// How one project of a group scan went.
public struct ProjectScanResult: Sendable {
    public enum Status: Sendable, Hashable {
        case scanned
        case skipped(DiscoveredProject.SkipReason)
        /// Not scanned: clone error, too big, timeout. The run goes on with the other projects.
        case failed(String)
    }

    public var project: DiscoveredProject
    public var status: Status
    /// Set when the project was scanned.
    public var report: ScanReport?
    public var durationSeconds: Double
    public var skippedLargeFiles: Int

    public init(project: DiscoveredProject, status: Status, report: ScanReport? = nil, durationSeconds: Double = 0,
                skippedLargeFiles: Int = 0) {
        self.project = project
        self.status = status
        self.report = report
        self.durationSeconds = durationSeconds
        self.skippedLargeFiles = skippedLargeFiles
    }

    public var path: String { project.path }
}
