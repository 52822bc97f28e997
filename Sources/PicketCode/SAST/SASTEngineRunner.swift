import Foundation
import PicketCore

/// Runs a `SASTEngine` over explicit targets and returns its decoded output. Targets are passed in batches that
/// fit the kernel's argument limit (Semgrep has no targets-file flag), all batches sharing one wall-clock budget.
/// Anything that means the engine did not do its job (missing, wrong version, crash, kill, unreadable output,
/// broken rules, wall-clock limit) throws `SASTEngineFailure`; per-file trouble comes back as engine errors.
struct SASTEngineRunner: Sendable {
    var engine: any SASTEngine
    var request: SASTRequest
    var wallClock: Duration
    /// Address-space cap: `--max-memory` plus headroom for the address space the engine's runtimes reserve up
    /// front (measured: semgrep 1.185 needs ~2.5–3 GiB of virtual space before it does any work).
    var addressSpaceLimit: Int? { (request.maxMemoryMiB << 20) + (3 << 30) }
    /// Upper bound of argument bytes per batch (tests lower it).
    var argumentBudget = EngineProcess.argumentBudget

    struct Output: Sendable {
        var results: [SemgrepOutput.Result] = []
        var errors: [SemgrepOutput.EngineError] = []
        var version: EngineVersion?
        var batches = 0
    }

    func run(targets: [String], root: String) async throws -> Output {
        let dir = try PrivateDirectory(prefix: engine.name)
        defer { dir.remove() }
        let env = engine.environment(isolated: dir.isolatedEnvironment)
        let batches = Self.batches(targets.map { $0.hasPrefix("/") || $0.hasPrefix("-") ? "./" + $0 : $0 },
                                   fixed: engine.scanArguments(request, targets: []), budget: argumentBudget)
        var out = Output()
        let start = ContinuousClock.now
        var scanned = 0
        for (i, batch) in batches.enumerated() {
            let remaining = wallClock - (ContinuousClock.now - start)
            guard remaining > .zero else {
                throw SASTEngineFailure.wallClock(engine: engine.name, seconds: wallClock.seconds, scanned: scanned, total: targets.count)
            }
            let proc = EngineProcess(executable: engine.executable, arguments: engine.scanArguments(request, targets: batch),
                                     environment: env, workingDirectory: root, addressSpaceLimit: addressSpaceLimit,
                                     timeout: remaining, outputDirectory: dir.path, label: "batch\(i)")
            let r = try await proc.run()
            if r.timedOut {
                throw SASTEngineFailure.wallClock(engine: engine.name, seconds: wallClock.seconds, scanned: scanned, total: targets.count)
            }
            let decoded = try decode(r)
            out.results += decoded.results
            out.errors += decoded.errors
            out.version = out.version ?? decoded.version.flatMap(EngineVersion.init(parsing:))
            out.batches += 1
            scanned += batch.count
        }
        if let v = out.version, !engine.supportedVersions.contains(v) {
            throw SASTEngineFailure.wrongVersion(engine: engine.name, path: engine.executable, found: v.description,
                                                 supported: engine.supportedVersions, hint: engine.installHint)
        }
        return out
    }

    private func decode(_ r: EngineProcess.Result) throws -> SemgrepOutput {
        if r.crashed {
            throw SASTEngineFailure.crashed(engine: engine.name, status: r.shellStatus, detail: Self.tail(r.stderrTail()))
        }
        let status = r.shellStatus
        if status == 125 {
            throw SASTEngineFailure.crashed(engine: engine.name, status: status, detail: "could not apply the memory cap (ulimit -v)")
        }
        if status == 126 || status == 127 {
            throw SASTEngineFailure.crashed(engine: engine.name, status: status, detail: "cannot execute \(engine.executable)")
        }
        let data = r.stdout()
        let parsed = try? JSONDecoder().decode(SemgrepOutput.self, from: data)
        guard let parsed else {
            // No JSON: a very old or foreign program, or a fatal start-up error. Say which.
            let stderr = Self.tail(r.stderrTail())
            if let v = Self.versionHint(r) ?? EngineVersion(parsing: String(decoding: data.prefix(200), as: UTF8.self)),
               !engine.supportedVersions.contains(v) {
                throw SASTEngineFailure.wrongVersion(engine: engine.name, path: engine.executable, found: v.description,
                                                     supported: engine.supportedVersions, hint: engine.installHint)
            }
            throw SASTEngineFailure.unreadableOutput(engine: engine.name, status: status, detail: stderr)
        }
        if let v = parsed.version.flatMap(EngineVersion.init(parsing:)), !engine.supportedVersions.contains(v) {
            throw SASTEngineFailure.wrongVersion(engine: engine.name, path: engine.executable, found: v.description,
                                                 supported: engine.supportedVersions, hint: engine.installHint)
        }
        // Exit codes 0/1 are success (1 = findings with --error). Others are fatal: a bad rule, missing config...
        if status != 0 && status != 1 {
            let fatal = parsed.errors.filter { ($0.level ?? "error") == "error" }
            let text = fatal.first.map { "\($0.typeName): \(Self.oneLine($0.message ?? ""))" } ?? Self.tail(r.stderrTail())
            throw SASTEngineFailure.engineError(engine: engine.name, status: status, detail: text)
        }
        return parsed
    }

    private static func versionHint(_ r: EngineProcess.Result) -> EngineVersion? {
        EngineVersion(parsing: String(r.stderrTail(400)))
    }

    /// The last few non-empty lines of engine stderr, shortened: enough to act on, never a dump of code.
    static func tail(_ text: String) -> String {
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.suffix(3).map { String($0.prefix(200)) }.joined(separator: " | ")
    }

    static func oneLine(_ s: String) -> String {
        String(s.split(separator: "\n").first ?? "").prefix(300).description
    }

    /// Splits targets so fixed arguments plus one batch stay under `budget` bytes (each argument costs its
    /// length + NUL + a pointer).
    static func batches(_ targets: [String], fixed: [String], budget: Int) -> [[String]] {
        let base = fixed.reduce(0) { $0 + $1.utf8.count + 9 } + 4096
        var out: [[String]] = []
        var current: [String] = []
        var size = base
        for t in targets {
            let cost = t.utf8.count + 9
            if !current.isEmpty && size + cost > budget {
                out.append(current)
                current = []
                size = base
            }
            current.append(t)
            size += cost
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}

/// Why a SAST run failed as a whole. The scanner throws it, so the scan is marked failed, never clean.
public enum SASTEngineFailure: Error, Sendable, CustomStringConvertible {
    case notInstalled(engine: String, hint: String)
    case badOverride(variable: String, path: String)
    case wrongVersion(engine: String, path: String, found: String, supported: Range<EngineVersion>, hint: String)
    case crashed(engine: String, status: Int32, detail: String)
    case engineError(engine: String, status: Int32, detail: String)
    case unreadableOutput(engine: String, status: Int32, detail: String)
    case wallClock(engine: String, seconds: Double, scanned: Int, total: Int)

    public var description: String {
        switch self {
        case let .notInstalled(engine, hint):
            return "\(engine) is not installed; \(hint)"
        case let .badOverride(variable, path):
            return "\(variable) names \(path), which is not an executable file; fix or unset \(variable)"
        case let .wrongVersion(engine, path, found, supported, hint):
            return "\(engine) \(found) at \(path) is not supported (Picket reads \(supported.lowerBound) up to, not including, \(supported.upperBound)); \(hint)"
        case let .crashed(engine, status, detail):
            let sig = status > 128 ? " (signal \(status - 128))" : ""
            return "\(engine) crashed with status \(status)\(sig)\(detail.isEmpty ? "" : ": \(detail)"); the SAST results are incomplete, so the scan is marked failed"
        case let .engineError(engine, status, detail):
            return "\(engine) failed with status \(status)\(detail.isEmpty ? "" : ": \(detail)")"
        case let .unreadableOutput(engine, status, detail):
            return "\(engine) exited with status \(status) without readable JSON output\(detail.isEmpty ? "" : ": \(detail)")"
        case let .wallClock(engine, seconds, scanned, total):
            return "\(engine) was stopped at the wall-clock limit of \(Int(seconds)) s (\(scanned) of \(total) files done); raise sast.timeout in .picket.yml or exclude generated code"
        }
    }
}
