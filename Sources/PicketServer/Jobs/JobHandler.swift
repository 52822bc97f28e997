import Foundation
import PicketStore

/// One kind of background work. `run` returns the job's result as JSON (or nil); it throws `JobFailure` to
/// say whether a retry can help. Handlers must be safe to run again after a crash: everything they write is
/// keyed so that a second attempt continues or repeats the first without duplicating it.
protocol JobHandler: Sendable {
    var type: String { get }
    func run(_ job: Job, worker: JobContext) async throws -> String?
}

/// What a running job may use besides the services: its worker's id (for store calls that check the lease).
struct JobContext: Sendable {
    let services: PlatformServices
    let workerID: String
    let job: Job
}

/// The handlers by job type (a registry, so a new job type is one line here).
struct JobHandlers: Sendable {
    let handlers: [String: any JobHandler]

    init(_ list: [any JobHandler]) {
        var h: [String: any JobHandler] = [:]
        for x in list { h[x.type] = x }
        handlers = h
    }

    static func standard(_ services: PlatformServices) -> JobHandlers {
        JobHandlers([
            SyncJob(services: services),
            ScanJob(services: services),
            MergeRequestScanJob(services: services),
            FeedbackJob(services: services),
        ])
    }

    var types: [String] { handlers.keys.sorted() }
}
