import Yams

/// All documents of a YAML stream. `Yams.compose_all` is lazy and keeps a parse error inside its sequence
/// (iteration just stops); this surfaces the error so a broken file is reported, never half-read in silence.
enum YAMLDocuments {
    static func compose(_ text: String, maxDocuments: Int = 10_000) throws -> [Node] {
        var seq = try Yams.compose_all(yaml: text)
        var out: [Node] = []
        while out.count < maxDocuments, let doc = seq.next() { out.append(doc) }
        if let e = seq.error { throw e }
        return out
    }

    /// "problem at line N" for a Yams error, without echoing the document.
    static func summary(_ error: Error) -> String {
        guard let e = error as? YamlError else { return "syntax error" }
        switch e {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return "\(problem) at line \(mark.line)"
        default:
            return "syntax error"
        }
    }
}
