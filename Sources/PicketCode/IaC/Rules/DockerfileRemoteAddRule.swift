import PicketCore

/// `picket.iac.dockerfile.remote-add-without-checksum`: `ADD https://…` without `--checksum=sha256:…`. The
/// build trusts whatever the server returns that day; with a checksum, a changed file fails the build.
struct DockerfileRemoteAddRule: IaCRule {
    let id = "picket.iac.dockerfile.remote-add-without-checksum"
    let title = "Remote ADD without a checksum"

    func applies(to path: String) -> Bool { IaCRules.isDockerfile(path.split(separator: "/").last.map(String.init) ?? path) }

    func check(_ file: IaCFile) -> [Finding] {
        var out: [Finding] = []
        for ins in DockerfileReader.parse(file.bytes) where ins.keyword == "ADD" {
            let words = DockerfileReader.words(ins.arguments)
            let flags = words.prefix { $0.hasPrefix("--") }
            if flags.contains(where: { $0.hasPrefix("--checksum=") && $0.count > "--checksum=".count }) { continue }
            let operands = words.dropFirst(flags.count)
            guard operands.count >= 2 else { continue }
            for src in operands.dropLast() {
                let l = src.lowercased()
                guard l.hasPrefix("http://") || l.hasPrefix("https://") else { continue }
                let url = Self.withoutCredentials(src)
                out.append(NativeFinding.make(
                    kind: .iac, rule: id, title: title,
                    message: "ADD downloads \(url) at build time without --checksum, so the image contains whatever that server returns. Pin the content with --checksum=sha256:<digest>\(l.hasPrefix("http://") ? "; plain http:// can also be altered in transit" : "").",
                    severity: l.hasPrefix("http://") ? .high : .medium, confidence: .high, path: file.path, line: ins.line,
                    resource: "ADD \(url)", identity: "ADD \(url)",
                    identifiers: [Identifier(type: "cwe", name: "CWE-494", value: "494", url: "https://cwe.mitre.org/data/definitions/494.html")],
                    fix: "ADD --checksum=sha256:<digest> \(url) <dest>, or download in a RUN step that verifies a pinned digest."))
            }
        }
        return out
    }

    /// Drops `user:pass@` from a URL before it goes into a message.
    static func withoutCredentials(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        guard let at = rest[..<hostEnd].lastIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + "…@" + rest[rest.index(after: at)...]
    }
}
