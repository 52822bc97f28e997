import PicketCore

/// `picket.pipeline.secret-echoed`: scripts that print credentials into the job log — `echo $CI_JOB_TOKEN` or
/// any credential-named variable, the same through `base64`/`xxd`/`rev` (which defeats GitLab's masking),
/// dumping the whole environment (`env`, `printenv`, `export -p`, `set`), and `set -x` in a job that handles
/// credentials (xtrace prints every expanded command).
struct SecretEchoCheck: PipelineCheck {
    let id = "picket.pipeline.secret-echoed"
    let title = "Credential printed to the job log"

    static let predefinedSecrets: Set<String> = ["CI_JOB_TOKEN", "CI_REGISTRY_PASSWORD", "CI_DEPLOY_PASSWORD", "CI_JOB_JWT",
                                                 "CI_JOB_JWT_V1", "CI_JOB_JWT_V2", "CI_REPOSITORY_URL", "CI_DEPENDENCY_PROXY_PASSWORD"]
    static let printers: Set<String> = ["echo", "printf", "print", "write-output", "write-host", "cat", "tee", "logger"]
    static let transforms = ["base64", "xxd", "od ", "hexdump", "rev", "tr ", "sed ", "awk "]
    static let dumps: Set<String> = ["env", "printenv", "export", "set", "declare", "compgen"]

    static func isSecretVariable(_ v: String) -> Bool { predefinedSecrets.contains(v) || SecretHeuristics.isSecretName(v) }

    func check(_ p: CIPipeline) -> [Finding] {
        var out: [Finding] = []
        var seen = Set<String>()
        for job in p.jobs {
            let lines = p.allScriptLines(job.node)
            let handlesSecrets = lines.contains { l in ShellLine.variables(l.string ?? "").contains(where: Self.isSecretVariable) }
                || job.node["secrets"] != nil || job.node["id_tokens"] != nil
            for line in lines {
                guard let text = line.string else { continue }
                for cmd in text.split(separator: "\n").map(String.init) {
                    guard let (severity, what) = Self.problem(cmd, handlesSecrets: handlesSecrets),
                          seen.insert("\(line.file):\(line.line):\(cmd)").inserted else { continue }
                    out.append(finding(line, severity: severity, job: job.name, identity: cmd.filter { !$0.isWhitespace },
                        message: "Job '\(job.name)' \(what). Job logs are readable by everyone with access to the pipeline, often far more people than the credential's owners.",
                        fix: "Do not print credentials or the environment; remove `set -x` around commands that use secrets (or wrap them in `set +x`).",
                        snippet: String(cmd.trimmingCharacters(in: .whitespaces).prefix(200)), cwe: ("532", "")))
                }
            }
        }
        return out
    }

    static func problem(_ cmd: String, handlesSecrets: Bool) -> (Severity, String)? {
        let segments = ShellLine.pipeSegments(cmd).filter { $0 != "\u{0}" }
        for (i, seg) in segments.enumerated() {
            let words = ShellLine.words(seg)
            guard let (prog, rest) = ShellLine.program(words) else { continue }
            let name = prog.lowercased()
            let later = segments.dropFirst(i + 1).joined(separator: "|").lowercased() + " "
            let transformed = transforms.contains { later.contains($0) }
            if printers.contains(name) {
                let secrets = ShellLine.variables(rest.joined(separator: " ")).filter(isSecretVariable)
                if let v = secrets.first {
                    return transformed
                        ? (.high, "prints $\(v) through an encoder, which defeats GitLab's log masking")
                        : (.medium, "prints $\(v) to the job log (masking hides only exact, maskable values)")
                }
            }
            if name == "printenv" {
                if let v = rest.first(where: { !$0.hasPrefix("-") }) {
                    if isSecretVariable(v) { return (.medium, "prints the variable \(v) to the job log") }
                } else {
                    return (.medium, "dumps every environment variable, credentials included, into the job log")
                }
            }
            if dumps.contains(name) && name != "printenv" {
                let args = rest.filter { !$0.isEmpty }
                let dumpsAll: Bool
                switch name {
                case "env": dumpsAll = args.isEmpty || args.allSatisfy { $0.hasPrefix("-") && $0 != "-i" && $0 != "-u" }
                case "export": dumpsAll = args == ["-p"]
                case "declare": dumpsAll = args == ["-p"] || args == ["-x"] || args == ["-px"]
                case "compgen": dumpsAll = args == ["-v"] || args == ["-e"]
                default: dumpsAll = args.isEmpty
                }
                if dumpsAll { return (.medium, "dumps every environment variable, credentials included, into the job log") }
                if name == "set" && handlesSecrets && (args.contains("-x") || (args.first == "-o" && args.dropFirst().first == "xtrace")
                    || args.contains(where: { $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("x") })) {
                    return (.medium, "turns on shell tracing (set -x) while handling credentials; every expanded command is printed")
                }
            }
            if ["bash", "sh"].contains(name) && handlesSecrets && rest.first == "-x" {
                return (.medium, "runs a shell with tracing (-x) while handling credentials; every expanded command is printed")
            }
        }
        return nil
    }
}
