/// The part of Semgrep's (and Opengrep's, same shape) `--json` output Picket reads. Every field is optional
/// or defaulted: a newer engine adding or dropping a field must not make the whole scan unreadable.
struct SemgrepOutput: Sendable, Decodable {
    var version: String?
    var results: [Result]
    var errors: [EngineError]
    var paths: Paths?

    struct Position: Sendable, Decodable, Hashable {
        var line: Int
        var col: Int
        var offset: Int?
    }

    struct Result: Sendable, Decodable {
        var checkID: String
        var path: String
        var start: Position
        var end: Position
        var extra: Extra

        enum CodingKeys: String, CodingKey {
            case checkID = "check_id", path, start, end, extra
        }
    }

    struct Extra: Sendable, Decodable {
        var message: String?
        var severity: String?
        var metadata: JSONValue?
        var lines: String?
        var fingerprint: String?
        var fix: String?
    }

    struct Span: Sendable, Decodable {
        var file: String?
        var start: Position?
        var end: Position?
    }

    struct EngineError: Sendable, Decodable {
        var code: Int?
        var level: String?
        var type: JSONValue?
        var ruleID: String?
        var message: String?
        var path: String?
        var spans: [Span]?

        enum CodingKeys: String, CodingKey {
            case code, level, type, ruleID = "rule_id", message, path, spans
        }

        /// `type` is a string (`"Timeout"`) or a tagged list (`["PartialParsing", [...]]`).
        var typeName: String {
            switch type {
            case .string(let s)?: return s
            case .array(let a)?: return a.first?.string ?? "error"
            default: return "error"
            }
        }
    }

    struct Paths: Sendable, Decodable {
        var scanned: [String]?
        var skipped: [Skipped]?
    }

    struct Skipped: Sendable, Decodable {
        var path: String
        var reason: String?
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decodeIfPresent(String.self, forKey: .version)
        results = try c.decodeIfPresent([Result].self, forKey: .results) ?? []
        errors = try c.decodeIfPresent([EngineError].self, forKey: .errors) ?? []
        paths = try? c.decodeIfPresent(Paths.self, forKey: .paths)
    }

    enum CodingKeys: String, CodingKey { case version, results, errors, paths }
}
