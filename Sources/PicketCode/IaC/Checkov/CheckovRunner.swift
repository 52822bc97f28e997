import Foundation
import PicketCore

/// Runs Checkov (from Picket's venv, pinned) offline over explicit files: `--skip-download`, no API key, the
/// platform mapping and update check off, a private HOME, a wall-clock limit on the process group.
struct CheckovRunner: Sendable {
    var executable: String
    var frameworks: [String]
    var wallClock: Duration
    var skipChecks: [String] = []
    var argumentBudget = EngineProcess.argumentBudget

    static let supportedVersions = EngineVersion([3, 0, 0])..<EngineVersion([4, 0, 0])
    static let installHint = "run scripts/python-venv.sh (or `make engines`) to create .venv with the pinned checkov, or set PICKET_CHECKOV to a checkov executable"

    struct Output: Sendable {
        var reports: [CheckovReport] = []
        var batches = 0
    }

    func arguments(files: [String]?, directory: String?, frameworks: [String]) -> [String] {
        var a = ["--skip-download", "--framework", frameworks.joined(separator: ","), "-o", "json", "--quiet", "--compact",
                 "--skip-results-upload"]
        if !skipChecks.isEmpty { a += ["--skip-check", skipChecks.joined(separator: ",")] }
        if let directory { a += ["-d", directory] }
        if let files { a += ["-f"] + files }
        return a
    }

    func environment(_ dir: PrivateDirectory) -> [String: String] {
        var env = dir.isolatedEnvironment
        let bin = executable.split(separator: "/").dropLast().joined(separator: "/")
        env["PATH"] = "/\(bin):/usr/local/bin:/usr/bin:/bin"
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env["BC_SKIP_MAPPING"] = "TRUE"
        env["CKV_SKIP_PACKAGE_UPDATE_CHECK"] = "true"
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["LOG_LEVEL"] = "ERROR"
        return env
    }

    /// Scans files (batched under the argument limit) and, separately, chart folders with the helm framework.
    func run(files: [String], chartFolders: [String], root: String) async throws -> Output {
        let dir = try PrivateDirectory(prefix: "checkov")
        defer { dir.remove() }
        let env = environment(dir)
        var out = Output()
        let start = ContinuousClock.now
        var jobs: [(files: [String]?, directory: String?, frameworks: [String])] = []
        let safe = files.map { $0.hasPrefix("-") ? "./" + $0 : $0 }
        for batch in SASTEngineRunner.batches(safe, fixed: arguments(files: [], directory: nil, frameworks: frameworks), budget: argumentBudget) {
            jobs.append((batch, nil, frameworks))
        }
        for chart in chartFolders { jobs.append((nil, chart.hasPrefix("-") ? "./" + chart : chart, ["helm"])) }
        for (i, job) in jobs.enumerated() {
            let remaining = wallClock - (ContinuousClock.now - start)
            guard remaining > .zero else { throw ScannerFailure("checkov was stopped at the wall-clock limit of \(Int(wallClock.seconds)) s; raise iac.timeout in .picket.yml") }
            let proc = EngineProcess(executable: executable, arguments: arguments(files: job.files, directory: job.directory, frameworks: job.frameworks),
                                     environment: env, workingDirectory: root, addressSpaceLimit: nil, timeout: remaining,
                                     outputDirectory: dir.path, label: "checkov\(i)")
            let r = try await proc.run()
            if r.timedOut { throw ScannerFailure("checkov was stopped at the wall-clock limit of \(Int(wallClock.seconds)) s; raise iac.timeout in .picket.yml") }
            if r.crashed { throw ScannerFailure("checkov crashed with status \(r.shellStatus): \(SASTEngineRunner.tail(r.stderrTail()))") }
            // 0 = no failed checks, 1 = failed checks; anything else is an error.
            let status = r.shellStatus
            guard status == 0 || status == 1 else {
                throw ScannerFailure("checkov failed with status \(status): \(SASTEngineRunner.tail(r.stderrTail()))")
            }
            let reports: [CheckovReport]
            do { reports = try CheckovReport.decode([UInt8](r.stdout())) } catch {
                throw ScannerFailure("checkov exited with status \(status) without a readable JSON report: \(SASTEngineRunner.tail(r.stderrTail()))")
            }
            if let v = reports.compactMap(\.version).first.flatMap(EngineVersion.init(parsing:)), !Self.supportedVersions.contains(v) {
                throw ScannerFailure("checkov \(v) at \(executable) is not supported (Picket reads \(Self.supportedVersions.lowerBound) up to, not including, \(Self.supportedVersions.upperBound)); \(Self.installHint)")
            }
            out.reports += reports
            out.batches += 1
        }
        return out
    }

    /// Checkov paths are absolute, `/`-rooted relative, or plain relative depending on framework and mode.
    static func relativePath(_ f: CheckovReport.FailedCheck, root: String) -> String? {
        if let abs = f.fileAbsPath, abs.hasPrefix(root + "/") { return String(abs.dropFirst(root.count + 1)) }
        guard var p = f.filePath else { return nil }
        if p.hasPrefix(root + "/") { p = String(p.dropFirst(root.count + 1)) }
        while p.hasPrefix("/") || p.hasPrefix("./") { p.removeFirst(p.hasPrefix("/") ? 1 : 2) }
        return p
    }
}
