/// Elixir/Erlang `mix.lock`: an Elixir map, one entry per line:
/// `"key": {:hex, :package, "1.2.3", "checksum", [:mix], [deps], "hexpm", "checksum"}` or
/// `"key": {:git, "https://host/repo.git", "commit-sha", [opts]}`. Read token by token (it is not JSON and
/// needs no evaluation). Git dependencies have no Hex version, only the commit.
public struct MixLockParser: LockfileParser {
    public init() {}
    public var formatName: String { "mix.lock" }
    public var ecosystem: Ecosystem { .hex }

    public func matches(path: String) -> Bool { LockfileFiles.fileName(of: path) == "mix.lock" }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let lines = try input.textLines()
        var result = LockfileResult()
        for (i, raw) in lines.enumerated() {
            let text = raw.trimmedSpaces
            guard text.hasPrefix("\""), let keyEnd = text.dropFirst().firstIndex(of: "\"") else { continue }
            let key = String(text[text.index(after: text.startIndex)..<keyEnd])
            guard let open = text[keyEnd...].firstIndex(of: "{") else { continue }
            let fields = Self.tupleFields(text[text.index(after: open)...])
            guard fields.count >= 3 else {
                result.warnings.append(input.warning("cannot read the entry for '\(key)'; skipped", line: i + 1))
                continue
            }
            switch fields[0] {
            case ":hex":
                let name = fields[1].hasPrefix(":") ? String(fields[1].dropFirst()) : key
                result.packages.append(.entry(.hex, name: name, version: fields[2].unquoted, file: input.path, line: i + 1))
            case ":git":
                result.packages.append(.entry(.hex, name: key, version: nil, file: input.path, line: i + 1,
                                              commit: fields[2].unquoted, unresolvedReason: "git dependency (\(fields[1].unquoted.prefix(100)))"))
            default:
                continue
            }
        }
        return result
    }

    /// The top-level comma-separated fields of a tuple body (stops at its closing brace), quotes kept.
    static func tupleFields(_ s: Substring) -> [String] {
        var fields: [String] = []
        var cur = ""
        var depth = 0
        var inString = false
        var escaped = false
        for ch in s {
            if inString {
                cur.append(ch)
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" { inString = false }
                continue
            }
            switch ch {
            case "\"": inString = true; cur.append(ch)
            case "[", "{", "(": depth += 1; cur.append(ch)
            case "]", ")": depth -= 1; cur.append(ch)
            case "}":
                if depth == 0 {
                    let t = cur.trimmedSpaces
                    if !t.isEmpty { fields.append(t) }
                    return fields
                }
                depth -= 1
                cur.append(ch)
            case "," where depth == 0:
                fields.append(cur.trimmedSpaces)
                cur = ""
            default: cur.append(ch)
            }
        }
        return [] // unterminated
    }
}
