import Foundation
import PicketCore
import Synchronization

/// Scans every blob reachable from every ref exactly once (git dedupes by object id), then names, for each blob
/// holding a secret, the commit that introduced it, with author and date.
struct HistoryScan: Sendable {
    let engine: SecretEngine
    let root: String
    let limit: Int
    let context: ScanContext

    func run() async throws -> SecretScanResult {
        guard let top = await Git.repositoryRoot(of: root) else {
            throw PicketError.usage("\(root) is not inside a git repository; --history needs one")
        }
        context.progress.setPhase("listing blobs")
        let list = try await Git.run(["rev-list", "--objects", "--all", "--filter=object:type=blob",
                                      "--filter=blob:limit=\(limit)", "--filter-provided-objects"], in: top, timeout: .seconds(3600))
        guard list.succeeded else {
            throw PicketError.runtime("git rev-list failed in \(top): \(list.stderrText.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        var blobs: [(id: String, path: String)] = []
        for line in list.stdout.split(separator: 0x0A) {
            let s = String(decoding: line, as: UTF8.self)
            guard s.count >= 40 else { continue }
            let space = s.firstIndex(of: " ")
            let id = String(s[..<(space ?? s.endIndex)])
            let path = space.map { String(s[s.index(after: $0)...]) } ?? ""
            blobs.append((id, path))
        }
        context.progress.totalFiles.store(blobs.count, ordering: .relaxed)
        context.progress.setPhase("scanning history")
        var result = await scanBlobs(blobs, repository: top)
        result.stats["blobs"] = blobs.count
        if !result.hits.isEmpty {
            context.progress.setPhase("finding introducing commits")
            try await attachCommits(&result, repository: top)
        }
        return result
    }

    private func scanBlobs(_ blobs: [(id: String, path: String)], repository: String) async -> SecretScanResult {
        await withCheckedContinuation { cont in
            DispatchQueue.global().async {
                let threads = max(1, min(context.parallelism, blobs.count))
                let results = Mutex(SecretScanResult())
                let pathOf = Dictionary(blobs.map { ($0.id, $0.path) }, uniquingKeysWith: { a, _ in a })
                DispatchQueue.concurrentPerform(iterations: threads) { t in
                    var local = SecretScanResult()
                    let ids = stride(from: t, to: blobs.count, by: threads).map { blobs[$0].id }
                    do {
                        let worker = try EngineWorker(engine: engine)
                        let builder = HitBuilder(engine: engine, reveal: context.revealSecrets)
                        let stream = try GitBlobStream(repository: repository, ids: ids)
                        var scanned = 0, bytes = 0
                        while let item = try stream.next() {
                            switch item {
                            case .missing(let id):
                                local.diagnostics.append(ScanDiagnostic(.warning, scanner: "secrets", path: pathOf[id],
                                                                        "blob \(id) is missing from the repository (corrupt or partial clone)"))
                            case .blob(let id, let buf):
                                context.progress.advance(bytes: buf.count)
                                guard let base = buf.baseAddress, !BinaryDetector.isBinary(base, count: buf.count) else { continue }
                                scanned += 1
                                bytes += buf.count
                                let path = pathOf[id] ?? id
                                guard let skip = worker.skipRules(for: path) else { continue }
                                let candidates = worker.scan(base, count: buf.count, skipRules: skip)
                                if !candidates.isEmpty {
                                    // The blob id rides in the commit slot until the introducing commit is known.
                                    local.hits += builder.hits(candidates, in: base, count: buf.count, path: path,
                                                               commit: CommitInfo(sha: id))
                                }
                            }
                        }
                        local.stats["files"] = scanned
                        local.stats["bytes"] = bytes
                    } catch {
                        local.diagnostics.append(ScanDiagnostic(.error, scanner: "secrets", "history scan worker failed: \(error)"))
                    }
                    results.withLock { $0.merge(local) }
                }
                cont.resume(returning: results.withLock { $0 })
            }
        }
    }

    /// Walks the history once, oldest first, and takes for each blob the first commit whose diff adds it.
    private func attachCommits(_ result: inout SecretScanResult, repository: String) async throws {
        let wanted = Set(result.hits.compactMap { $0.location.commit?.sha })
        var found = try await introducers(of: wanted, repository: repository, mergesToo: false)
        let missing = wanted.subtracting(found.keys)
        if !missing.isEmpty {
            // Blobs first seen in a merge's conflict resolution only show with -m.
            for (k, v) in try await introducers(of: missing, repository: repository, mergesToo: true) { found[k] = v }
        }
        for i in result.hits.indices {
            guard let blob = result.hits[i].location.commit?.sha else { continue }
            if let (commit, path) = found[blob] {
                result.hits[i].location.commit = commit
                result.hits[i].location.path = path
            } else {
                result.hits[i].location.commit = nil
                result.diagnostics.append(ScanDiagnostic(.notice, scanner: "secrets", path: result.hits[i].location.path,
                                                         "could not tell which commit introduced blob \(blob)"))
            }
        }
    }

    private func introducers(of blobs: Set<String>, repository: String, mergesToo: Bool) async throws -> [String: (CommitInfo, String)] {
        var args = ["-c", "core.quotePath=false", "log", "--all", "--reverse", "--raw", "--no-abbrev", "--no-renames", "--format=%x01%H%x00%an%x00%ae%x00%aI%x00%s"]
        if mergesToo { args.append("-m") }
        let r = try await Git.run(args, in: repository, timeout: .seconds(3600))
        guard r.succeeded else {
            throw PicketError.runtime("git log failed in \(repository): \(r.stderrText.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        var out: [String: (CommitInfo, String)] = [:]
        var current: CommitInfo?
        for lineBytes in r.stdout.split(separator: 0x0A) {
            guard let first = lineBytes.first else { continue }
            if first == 0x01 {
                let f = lineBytes.dropFirst().split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
                current = f.count >= 5 ? CommitInfo(sha: f[0], author: f[1], email: f[2], date: f[3], message: f[4]) : nil
            } else if first == UInt8(ascii: ":"), let commit = current {
                // :100644 100644 <old> <new> M\tpath
                let line = String(decoding: lineBytes, as: UTF8.self)
                guard let tab = line.firstIndex(of: "\t") else { continue }
                let fields = line[..<tab].split(separator: " ")
                guard fields.count >= 5 else { continue }
                let newID = String(fields[3])
                if blobs.contains(newID), out[newID] == nil {
                    out[newID] = (commit, String(line[line.index(after: tab)...]))
                }
            }
        }
        return out
    }
}
