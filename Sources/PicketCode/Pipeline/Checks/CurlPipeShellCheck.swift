import PicketCore

/// `picket.pipeline.curl-pipe-shell`: a script that downloads code and runs it straight away — `curl … | sh`,
/// `wget -O- … | bash`, `bash <(curl …)`, `sh -c "$(curl …)"`. Nothing checks what was downloaded before it
/// runs with the job's credentials.
struct CurlPipeShellCheck: PipelineCheck {
    let id = "picket.pipeline.curl-pipe-shell"
    let title = "Downloaded script piped into a shell"

    func check(_ p: CIPipeline) -> [Finding] {
        var out: [Finding] = []
        var seen = Set<String>()
        for job in p.jobs {
            for line in p.allScriptLines(job.node) {
                guard let text = line.string, Self.matches(text), seen.insert("\(line.file):\(line.line):\(text)").inserted else { continue }
                out.append(finding(line, severity: .high, job: job.name, identity: text.filter { !$0.isWhitespace },
                    message: "Job '\(job.name)' downloads a script and runs it unseen. A compromised or spoofed server runs code in this job, with its tokens and variables.",
                    fix: "Download to a file, verify its checksum or signature against a pinned value, then run it; or use a pinned package or image.",
                    snippet: String(text.prefix(200)), cwe: ("494", "")))
            }
        }
        return out
    }

    static func matches(_ line: String) -> Bool {
        for cmd in line.split(separator: "\n").map(String.init) {
            let segs = ShellLine.pipeSegments(cmd)
            var downloaded = false
            for seg in segs {
                if seg == "\u{0}" { downloaded = false; continue }
                guard let (prog, rest) = ShellLine.program(ShellLine.words(seg)) else { continue }
                let name = prog.lowercased()
                if downloaded && ShellLine.shells.contains(name) {
                    // `| python -m json.tool` or `| sh -c 'cmd'` read data, not a script.
                    if rest.first == "-m" || rest.first == "-c" { continue }
                    return true
                }
                if downloaded && name == "source" { return true }
                if ShellLine.downloaders.contains(name) { downloaded = true }
            }
            // Process and command substitution: bash <(curl …), sh -c "$(curl …)", eval "$(wget …)".
            let lower = cmd.lowercased()
            for d in ["curl", "wget"] {
                for opener in ["<(\(d) ", "$(\(d) ", "`\(d) "] {
                    guard let at = lower.range(of: opener) else { continue }
                    let words = ShellLine.words(String(lower[..<at.lowerBound]))
                    if let last = words.last(where: { !$0.isEmpty && !$0.hasPrefix("-") }).map({ $0.split(separator: "/").last.map(String.init) ?? $0 }),
                       ShellLine.shells.contains(last) || last == "eval" || last == "source" || last == "." {
                        return true
                    }
                }
            }
        }
        return false
    }
}
