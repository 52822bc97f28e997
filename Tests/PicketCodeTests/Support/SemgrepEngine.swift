import Foundation
import PicketCore

/// Runs the pinned Semgrep from the repository's `.venv` fully offline: no metrics, no version check, no registry
/// (only local `--config` paths, always absolute: a relative path such as `r/...` or `p/...` is read as a registry
/// name), and a private HOME so no user settings or tokens are read.
struct SemgrepEngine {
    let packageRoot: URL
    let home: URL

    var semgrep: String { packageRoot.appendingPathComponent(".venv/bin/semgrep").path }

    /// Creates the venv when needed (idempotent, fast when the pinned requirements are already installed).
    static func prepare(packageRoot: URL) async throws -> SemgrepEngine {
        let script = packageRoot.appendingPathComponent("scripts/python-venv.sh").path
        let setup = try await EngineProcess.run("/bin/bash", [script], workingDirectory: packageRoot.path,
                                                timeout: .seconds(900))
        guard !setup.timedOut, setup.status == 0 || setup.status == -2,
              FileManager.default.isExecutableFile(atPath: packageRoot.appendingPathComponent(".venv/bin/semgrep").path) else {
            throw PicketError.runtime("scripts/python-venv.sh failed (status \(setup.status)): \(setup.stderrText.suffix(2000))")
        }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("picket-semgrep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".config"), withIntermediateDirectories: true)
        return SemgrepEngine(packageRoot: packageRoot, home: home)
    }

    var environment: [String: String] {
        [
            "HOME": home.path,
            "XDG_CONFIG_HOME": home.appendingPathComponent(".config").path,
            "XDG_CACHE_HOME": home.appendingPathComponent(".cache").path,
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "SEMGREP_ENABLE_VERSION_CHECK": "0",
            "SEMGREP_SEND_METRICS": "off",
        ]
    }

    func run(_ arguments: [String], timeout: Duration = .seconds(1200)) async throws -> EngineProcess.Result {
        try await EngineProcess.run(semgrep, arguments, environment: environment, workingDirectory: packageRoot.path,
                                    timeout: timeout)
    }

    func version() async throws -> String {
        let r = try await run(["--version", "--disable-version-check"], timeout: .seconds(120))
        return r.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `semgrep --test` over one folder of rules with their test files beside them.
    func ruleTests(folder: URL) async throws -> RuleTestOutcome {
        let r = try await run(["--test", "--json", "--metrics=off", "--disable-version-check",
                               "--config", folder.path, folder.path])
        if r.timedOut { throw PicketError.runtime("semgrep --test \(folder.path) timed out") }
        // Exit status is 0 when all pass and 1 when some fail; the JSON tells which.
        guard let json = try? JSONSerialization.jsonObject(with: r.stdout) as? [String: Any] else {
            throw PicketError.runtime("semgrep --test \(folder.lastPathComponent) (status \(r.status)) printed no JSON: \(r.stderrText.suffix(3000))")
        }
        return RuleTestOutcome(json: json)
    }

    /// The offline equivalent of `semgrep --validate`: that flag downloads a lint pack from the registry, so this
    /// runs the same engine check (`semgrep-core -check_rules`) with an empty lint pack. Returns the engine errors.
    func validate(_ rules: URL) async throws -> [String] {
        let enginePath = try await run(["--dump-engine-path", "--disable-version-check"], timeout: .seconds(120))
        let core = enginePath.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        guard FileManager.default.isExecutableFile(atPath: core) else {
            throw PicketError.runtime("semgrep --dump-engine-path gave no engine: \(enginePath.stderrText.suffix(1000))")
        }
        let noLints = home.appendingPathComponent("no-metachecks.yaml")
        try Data("rules: []\n".utf8).write(to: noLints)
        let r = try await EngineProcess.run(core, ["-json", "-check_rules", noLints.path, rules.path],
                                            environment: environment, workingDirectory: packageRoot.path,
                                            timeout: .seconds(600))
        // Progress dots precede the JSON document on stdout; the document is the last line.
        let last = r.stdoutText.split(separator: "\n").last.map(String.init) ?? ""
        guard !r.timedOut, let json = try? JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any],
              let errors = json["errors"] as? [[String: Any]] else {
            throw PicketError.runtime("semgrep-core -check_rules failed (status \(r.status)): \(r.stderrText.suffix(2000))")
        }
        return errors.map { e in
            let path = (e["location"] as? [String: Any])?["path"] as? String ?? "?"
            let rule = e["rule_id"] as? String ?? "?"
            return "\(path) [\(rule)]: \(e["message"] as? String ?? "\(e)")"
        }
    }

    /// Loads the rules the way a scan does (with the engine's rule schema) over an empty target; config errors fail.
    func loadRules(_ rules: URL) async throws -> [String] {
        let empty = home.appendingPathComponent("empty-target")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let r = try await run(["scan", "--json", "--metrics=off", "--disable-version-check", "--config", rules.path, empty.path],
                              timeout: .seconds(600))
        guard let json = try? JSONSerialization.jsonObject(with: r.stdout) as? [String: Any] else {
            throw PicketError.runtime("semgrep scan printed no JSON (status \(r.status)): \(r.stderrText.suffix(2000))")
        }
        let errors = json["errors"] as? [[String: Any]] ?? []
        var messages = errors.map { e in
            let where_ = ((e["spans"] as? [[String: Any]])?.first?["file"] as? String) ?? ""
            return "\(where_) \(e["type"] ?? ""): \(e["long_msg"] ?? e["message"] ?? "")"
        }
        if r.status != 0 && messages.isEmpty { messages.append("semgrep scan exited \(r.status): \(r.stderrText.suffix(1000))") }
        return messages
    }
}

/// The parts of `semgrep --test --json` output Picket checks.
struct RuleTestOutcome {
    var checked: [String: Bool] = [:]
    var failures: [String] = []

    init(json: [String: Any]) {
        for e in json["config_with_errors"] as? [[String: Any]] ?? [] {
            let error = "\(e["error"] ?? "")"
            failures.append("\(e["filename"] ?? "?"): rule file has errors: \(error.suffix(1500))")
        }
        for missing in json["config_missing_tests"] as? [Any] ?? [] {
            failures.append("\(missing): no test file found by the engine")
        }
        for (file, value) in json["results"] as? [String: Any] ?? [:] {
            let checks = (value as? [String: Any])?["checks"] as? [String: Any] ?? [:]
            for (id, c) in checks {
                let check = c as? [String: Any] ?? [:]
                let passed = check["passed"] as? Bool ?? false
                checked[id] = passed
                guard !passed else { continue }
                var detail = "\(id) (\(file)): test failed"
                for (target, m) in check["matches"] as? [String: Any] ?? [:] {
                    let match = m as? [String: Any] ?? [:]
                    let expected = match["expected_lines"] as? [Int] ?? []
                    let reported = match["reported_lines"] as? [Int] ?? []
                    let missed = expected.filter { !reported.contains($0) }
                    let extra = reported.filter { !expected.contains($0) }
                    detail += "; \((target as NSString).lastPathComponent): missed lines \(missed), unexpected lines \(extra)"
                }
                if let errs = check["errors"] as? [Any], !errs.isEmpty { detail += "; errors: \(errs)" }
                failures.append(detail)
            }
        }
    }
}
