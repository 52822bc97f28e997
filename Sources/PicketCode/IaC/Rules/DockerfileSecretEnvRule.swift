import PicketCore

/// `picket.iac.dockerfile.secret-env`: `ENV` or `ARG` with a credential-looking name and a literal value. The
/// value ends up in an image layer (`ENV`) or in the build history (`ARG` defaults), readable with
/// `docker history` / `docker inspect` by anyone who can pull the image.
struct DockerfileSecretEnvRule: IaCRule {
    let id = "picket.iac.dockerfile.secret-env"
    let title = "Credential in a Dockerfile ENV or ARG"

    func applies(to path: String) -> Bool { IaCRules.isDockerfile(path.split(separator: "/").last.map(String.init) ?? path) }

    func check(_ file: IaCFile) -> [Finding] {
        var out: [Finding] = []
        for ins in DockerfileReader.parse(file.bytes) where ins.keyword == "ENV" || ins.keyword == "ARG" {
            for (name, value) in DockerfileReader.keyValues(ins.arguments) {
                guard let value, SecretHeuristics.isSecretName(name), SecretHeuristics.isLiteralSecretValue(value) else { continue }
                out.append(NativeFinding.make(
                    kind: .iac, rule: id, title: title,
                    message: "\(ins.keyword) \(name) sets a literal credential; it is stored in the image \(ins.keyword == "ENV" ? "configuration" : "build history") for anyone who can pull it. Use a build secret (RUN --mount=type=secret) or inject it at run time.",
                    severity: .high, confidence: SecretHeuristics.confidence(value), path: file.path, line: ins.line,
                    resource: "\(ins.keyword) \(name)", identity: "\(ins.keyword) \(name)",
                    preview: SecretHeuristics.preview(value), identifiers: [NativeFinding.credentialCWE],
                    fix: "Remove the value; pass it with `docker build --secret` and RUN --mount=type=secret, or as a runtime environment variable."))
            }
        }
        return out
    }
}
