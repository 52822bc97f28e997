import Foundation
import Logging
import PicketStore

/// The periodic work: a sync of every workspace on its schedule (new/removed/archived projects, webhook repair,
/// rescans of moved default-branch heads), expired-session cleanup, and planner statistics. Several processes may
/// run it against one database: a sync is queued with a dedupe key, and the time of the last one is shared
/// through the settings table.
struct Scheduler: Sendable {
    let services: PlatformServices

    static func lastSyncKey(_ workspaceID: Int64) -> String { "workspace.\(workspaceID).last_sync_at" }
    static let lastMaintenanceKey = "scheduler.last_maintenance_at"

    func run() async {
        let log = services.logger("scheduler")
        while !Task.isCancelled {
            do {
                try await tick(now: Date())
            } catch is CancellationError {
                break
            } catch {
                log.warning("scheduler pass failed; trying again next time", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: services.configuration.schedulerInterval)
        }
    }

    /// One pass: queue what is due.
    func tick(now: Date) async throws {
        let store = services.store
        for ws in try await store.workspaces() where ws.token != nil {
            let schedule = (try? SyncSchedule(parsing: ws.schedule)) ?? .daily
            guard let interval = schedule.interval else { continue }
            let last = try await store.setting(Scheduler.lastSyncKey(ws.id)).flatMap(Double.init).map(Date.init(timeIntervalSince1970:))
            if last == nil || now.timeIntervalSince(last!) >= interval {
                let r = try await JobQueueing(services: services).enqueueSync(workspaceID: ws.id, priority: 1)
                services.logger("scheduler").info("scheduled sync", metadata: ["workspace": "\(ws.id)", "job": "\(r.job.id)", "created": "\(r.created)"])
            }
        }
        let lastMaintenance = try await store.setting(Scheduler.lastMaintenanceKey).flatMap(Double.init)
        if lastMaintenance == nil || now.timeIntervalSince1970 - lastMaintenance! >= 3_600 {
            try await store.setSetting(Scheduler.lastMaintenanceKey, value: String(now.timeIntervalSince1970))
            _ = try await store.deleteExpiredSessions()
            _ = try await store.reclaimExpiredLeases()
            try await store.maintain()
        }
    }
}
