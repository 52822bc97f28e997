import PicketCore

/// One check of a GitLab CI configuration. One type per check, registered in `PipelineChecks.all`, each with
/// positive and negative YAML fixtures beside the tests.
protocol PipelineCheck: Sendable {
    var id: String { get }
    var title: String { get }
    func check(_ pipeline: CIPipeline) -> [Finding]
}

enum PipelineChecks {
    static let all: [any PipelineCheck] = [
        UnpinnedIncludeCheck(),
        UnpinnedImageCheck(),
        CurlPipeShellCheck(),
        LiteralSecretVariableCheck(),
        SecretEchoCheck(),
        SecurityJobAllowFailureCheck(),
        ForkMergeRequestCredentialsCheck(),
    ]
}

extension PipelineCheck {
    func finding(_ node: CINode, severity: Severity, confidence: Confidence = .high, job: String?, identity: String,
                 message: String, fix: String, title: String? = nil, preview: String? = nil, snippet: String? = nil,
                 cwe: (String, String)? = nil) -> Finding {
        var ids: [Identifier] = []
        if let cwe { ids.append(Identifier(type: "cwe", name: "CWE-\(cwe.0)", value: cwe.0, url: "https://cwe.mitre.org/data/definitions/\(cwe.0).html")) }
        return NativeFinding.make(kind: .pipeline, rule: id, title: title ?? self.title, message: message, severity: severity,
                                  confidence: confidence, path: node.file, line: node.line, column: node.column,
                                  resource: job, identity: identity, snippet: snippet, preview: preview, identifiers: ids, fix: fix)
    }
}
