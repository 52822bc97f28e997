import Foundation
import PicketCore
import Synchronization

/// Scans the files of a working tree on `context.parallelism` threads, each with its own engine worker and
/// read buffer, pulling the next file from a shared counter so large and small files balance out.
struct WorkingTreeScan: Sendable {
    let engine: SecretEngine
    let root: String
    let files: [SourceFile]
    let limit: Int
    let context: ScanContext

    func run() async -> SecretScanResult {
        await withCheckedContinuation { cont in
            DispatchQueue.global().async {
                cont.resume(returning: runBlocking())
            }
        }
    }

    func runBlocking() -> SecretScanResult {
        let next = Atomic<Int>(0)
        let results = Mutex<SecretScanResult>(SecretScanResult())
        let threads = max(1, min(context.parallelism, files.count))
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            var local = SecretScanResult()
            guard let worker = try? EngineWorker(engine: engine) else {
                local.diagnostics.append(ScanDiagnostic(.error, scanner: "secrets", "cannot allocate scanner state"))
                results.withLock { $0.merge(local) }
                return
            }
            var reader = FileReader(limit: limit)
            defer { reader.deallocate() }
            let builder = HitBuilder(engine: engine, reveal: context.revealSecrets)
            var scanned = 0, bytes = 0, binary = 0
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < files.count else { break }
                let file = files[i]
                switch reader.read(root + "/" + file.path) {
                case .skipped(let level, let why):
                    local.diagnostics.append(ScanDiagnostic(level, scanner: "secrets", path: file.path, why))
                    context.progress.advance(bytes: 0)
                case .read(let n):
                    context.progress.advance(bytes: n)
                    guard let skip = worker.skipRules(for: file.path) else { continue }
                    var base = reader.bytes, count = n
                    var transcoded: [UInt8]?
                    if BinaryDetector.isBinary(base, count: count) {
                        guard let text = BinaryDetector.utf16Text(base, count: count) else { binary += 1; continue }
                        transcoded = text
                    }
                    scanned += 1
                    bytes += n
                    if let transcoded {
                        transcoded.withUnsafeBufferPointer { buf in
                            guard let b = buf.baseAddress else { return }
                            base = b
                            count = buf.count
                            scanOne(worker, builder, base, count, file.path, skip, &local)
                        }
                    } else {
                        scanOne(worker, builder, base, count, file.path, skip, &local)
                    }
                }
            }
            local.stats["files"] = scanned
            local.stats["bytes"] = bytes
            local.stats["binary_files"] = binary
            results.withLock { $0.merge(local) }
        }
        return results.withLock { $0 }
    }

    private func scanOne(_ worker: EngineWorker, _ builder: HitBuilder, _ base: UnsafePointer<UInt8>, _ count: Int,
                         _ path: String, _ skip: Set<Int>, _ local: inout SecretScanResult) {
        let candidates = worker.scan(base, count: count, skipRules: skip)
        for r in worker.limitExceeded.sorted() {
            local.diagnostics.append(ScanDiagnostic(.warning, scanner: "secrets", path: path,
                                                    "rule '\(engine.rules[r].rule.id)' hit the regex match limit here (catastrophic backtracking); part of this file was not checked by that rule"))
        }
        if !candidates.isEmpty { local.hits += builder.hits(candidates, in: base, count: count, path: path) }
    }
}
