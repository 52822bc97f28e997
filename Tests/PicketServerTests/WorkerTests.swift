#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GitLabSimKit
import PicketCore
import PicketGitLab
@testable import PicketServer
@testable import PicketStore
import PicketTestSupport
import Synchronization
import Testing

/// Counts how often each job ran, and can hold a job for a while (a slow scan).
final class CountingHandler: JobHandler, @unchecked Sendable {
    let type = "count"
    let runs = Mutex<[Int64: Int]>([:])
    let hold: Duration

    init(hold: Duration = .milliseconds(50)) { self.hold = hold }

    func run(_ job: Job, worker: JobContext) async throws -> String? {
        runs.withLock { $0[job.id, default: 0] += 1 }
        try await Task.sleep(for: hold)
        return #"{"worker":"\#(worker.workerID)"}"#
    }
}

@Suite("Workers", .serialized)
struct WorkerTests {
    @Test("workers racing for the same jobs: each job runs exactly once", arguments: Backend.allCases)
    func race(_ backend: Backend) async throws {
        try await PlatformHarness.with(backend, workers: 0) { h in
            let handler = CountingHandler()
            let handlers = JobHandlers([handler])
            var ids: [Int64] = []
            for i in 0..<24 { ids.append(try await h.store.enqueue(NewJob(type: "count", payload: #"{"n":\#(i)}"#)).job.id) }
            let workers = (1...4).map { n in
                JobWorker(id: "race/w\(n)", services: h.services, handlers: handlers, leaseSeconds: 30, pollInterval: .milliseconds(20))
            }
            let tasks = workers.map { w in Task { await w.run() } }
            try await h.waitUntil("every job done") {
                try await h.store.jobs(status: .succeeded, limit: 100).count == ids.count
            }
            tasks.forEach { $0.cancel() }
            for t in tasks { await t.value }
            let runs = handler.runs.withLock { $0 }
            #expect(runs.count == ids.count)
            #expect(runs.values.allSatisfy { $0 == 1 }, "\(runs)")
            let owners = Set(try await h.store.jobs(status: .succeeded, limit: 100).compactMap(\.result))
            #expect(owners.count > 1, "the work was shared: \(owners)")
        }
    }

    @Test("a worker that loses its lease stops its job and another worker finishes it once")
    func leaseLost() async throws {
        try await PlatformHarness.with(.sqlite, workers: 0) { h in
            let slow = CountingHandler(hold: .seconds(30))
            let job = try await h.store.enqueue(NewJob(type: "count")).job
            let w1 = JobWorker(id: "lease/w1", services: h.services, handlers: JobHandlers([slow]), leaseSeconds: 2, pollInterval: .milliseconds(50))
            let claimed = try #require(try await h.store.claim(workerID: w1.id, types: ["count"], leaseSeconds: 2))
            #expect(claimed.id == job.id)
            // Another worker takes the job over as if w1 had stalled: w1's next heartbeat finds the lease gone.
            try await Task.sleep(for: .milliseconds(2200))
            let fast = CountingHandler(hold: .milliseconds(10))
            let w2 = JobWorker(id: "lease/w2", services: h.services, handlers: JobHandlers([fast]), leaseSeconds: 30, pollInterval: .milliseconds(50))
            let stalled = Task { await w1.process(claimed) }
            let second = Task { await w2.run() }
            try await h.waitUntil("w2 finishes the job") { try await h.store.job(job.id).status == .succeeded }
            await stalled.value
            second.cancel()
            await second.value
            let final = try await h.store.job(job.id)
            #expect(final.result?.contains("lease/w2") == true)
            #expect(h.services.metrics.value("picket_jobs_processed_total", [("type", "count"), ("outcome", "lease_lost")]) == 1)
        }
    }

    /// A git that hangs on `clone` while a marker file exists (a scan that is slow enough to be killed), and
    /// records its pid so the test can end it.
    static func hangingGit(in dir: String, marker: String) throws -> String {
        let path = dir + "/git-hang"
        let script = """
        #!/bin/sh
        case " $* " in
          *" clone "*)
            if [ -f "\(marker)" ]; then
              echo $$ >> "\(dir)/hung.pids"
              sleep 600
            fi ;;
        esac
        exec git "$@"
        """
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    @Test("a worker killed mid-scan: the job is retried by another worker and its scan is recorded once")
    func killedWorker() async throws {
        let key = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        try await Sim.with { sim in
            try await PlatformHarness.with(.postgres, workers: 0, configure: { $0.environment["PICKET_SECRET_KEY"] = key }) { h in
                let (ws, report) = try await TokenService(services: h.services).connect(name: nil, url: sim.baseURL, group: "acme",
                                                                                       token: try #require(GitLabToken(Sim.serviceToken)))
                #expect(report.passed)
                let workspace = try #require(ws)
                // The sync runs here, in-process; the scans it queues go to the subprocess workers.
                try await JobQueueing(services: h.services).enqueueSync(workspaceID: workspace.id)
                let syncJob = try #require(try await h.store.claim(workerID: "test/sync", types: ["sync"], leaseSeconds: 60))
                await JobWorker(id: "test/sync", services: h.services, handlers: .standard(h.services), leaseSeconds: 60,
                                pollInterval: .seconds(1)).process(syncJob)
                #expect(try await h.store.job(syncJob.id).status == .succeeded)
                let queued = try await h.store.jobs(status: .queued, limit: 50).filter { $0.type == "scan" }
                #expect(queued.count == 4)

                let dir = try TestEnvironment.makeTemporaryDirectory("picket-kill")
                defer { TestEnvironment.remove(dir) }
                let marker = dir + "/hang"
                FileManager.default.createFile(atPath: marker, contents: Data())
                let git = try Self.hangingGit(in: dir, marker: marker)
                var env = ProcessInfo.processInfo.environment
                env["PICKET_SECRET_KEY"] = key
                let common = ["worker", "--database-url", h.database.databaseURLArgument, "--data-dir", dir + "/data",
                              "--workers", "1", "--lease-seconds", "3", "--poll-interval", "0.2", "--log-level", "info"]
                let first = try BackgroundProcess(TestEnvironment.picketBinary, common + ["--git", git, "--worker-id", "doomed"], environment: env)
                // Wait until the first worker is inside a clone, holding a job.
                try await h.waitUntil("the first worker hangs in a clone", timeout: .seconds(180)) {
                    FileManager.default.fileExists(atPath: dir + "/hung.pids")
                }
                let running = try await h.store.jobs(status: .running, limit: 10)
                let victim = try #require(running.first { $0.leaseOwner?.hasPrefix("doomed") == true })
                let scanBefore = try #require(try await h.store.scan(jobID: victim.id))
                #expect(scanBefore.status == .running)
                // SIGKILL: no chance to clean up or report.
                kill(first.process.processIdentifier, SIGKILL)
                first.process.waitUntilExit()
                for pid in ((try? String(contentsOfFile: dir + "/hung.pids", encoding: .utf8)) ?? "").split(separator: "\n").compactMap({ Int32($0) }) {
                    kill(pid, SIGKILL)
                }
                try FileManager.default.removeItem(atPath: marker)

                let second = try BackgroundProcess(TestEnvironment.picketBinary, common + ["--worker-id", "rescuer"], environment: env)
                defer { second.stop(); first.stop() }
                try await h.waitUntil("every scan done by the second worker", timeout: .seconds(240)) {
                    let scans = try await h.store.jobs(type: "scan", payloadContains: nil, limit: 20)
                    if let f = scans.first(where: { $0.status == .failed }) { throw HarnessError("scan job failed: \(f.lastError ?? "")\n\(second.output)") }
                    return scans.count == 4 && scans.allSatisfy { $0.status == .succeeded }
                }
                let done = try await h.store.job(victim.id)
                #expect(done.attempts == 2, "the killed attempt and the retry")
                #expect(done.lastError?.contains("expired") == true, "\(done.lastError ?? "")")
                // One scan row for the job, recorded once, and each finding once.
                let repoID = scanBefore.repositoryID
                let scans = try await h.store.scans(repositoryID: repoID, limit: 10)
                #expect(scans.count == 1)
                #expect(scans.first?.id == scanBefore.id)
                #expect(scans.first?.status == .succeeded)
                let findings = try await h.store.findings(FindingQuery(repositoryIDs: [repoID], states: Set(FindingState.allCases), limit: 500))
                #expect(Set(findings.findings.map(\.fingerprint)).count == findings.findings.count)
                #expect(findings.findings.allSatisfy { $0.firstSeenScanID == scanBefore.id })
                #expect(second.output.contains("rescuer"))
            }
        }
    }
}
