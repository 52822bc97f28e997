/// Reads a Dockerfile into instructions with their first line: joins continuation lines (honouring the
/// `# escape=` parser directive), drops comments, and splits arguments into words the way the builder does
/// (quotes, the JSON exec form). Byte-level; never evaluates variables.
struct DockerfileReader {
    struct Instruction: Equatable {
        var keyword: String
        /// The raw text after the keyword, continuation lines joined.
        var arguments: String
        var line: Int
    }

    static func parse(_ bytes: [UInt8]) -> [Instruction] {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { l -> String in
            l.hasSuffix("\r") ? String(l.dropLast()) : String(l)
        }
        var escape: Character = "\\"
        // Parser directives come first, before any instruction or other comment.
        for l in lines {
            let t = l.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("#") else { break }
            let d = t.dropFirst().trimmingCharacters(in: .whitespaces).lowercased()
            if d.hasPrefix("escape=") , let c = d.dropFirst("escape=".count).trimmingCharacters(in: .whitespaces).first { escape = c }
            else if !d.contains("=") { break }
        }
        var out: [Instruction] = []
        var current = ""
        var startLine = 0
        var i = 0
        if lines.last == "" { lines.removeLast() }
        while i < lines.count {
            let raw = lines[i]
            i += 1
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if current.isEmpty {
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                startLine = i
            } else if trimmed.hasPrefix("#") {
                continue // comment lines inside a continued instruction are dropped
            }
            var piece = trimmed
            let continues = piece.last == escape
            if continues { piece.removeLast() }
            current += (current.isEmpty ? "" : " ") + piece
            if continues && i < lines.count { continue }
            let parts = current.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            if let kw = parts.first {
                out.append(Instruction(keyword: kw.uppercased(), arguments: parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : "", line: startLine))
            }
            current = ""
        }
        return out
    }

    /// Shell-like words: whitespace-separated, single and double quotes grouped (quotes removed), or the
    /// strings of a JSON array form.
    static func words(_ args: String) -> [String] {
        let t = args.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("["), t.hasSuffix("]") {
            var out: [String] = []
            var cur = "", inString = false, esc = false
            for ch in t.dropFirst().dropLast() {
                if inString {
                    if esc { cur.append(ch); esc = false }
                    else if ch == "\\" { esc = true }
                    else if ch == "\"" { out.append(cur); cur = ""; inString = false }
                    else { cur.append(ch) }
                } else if ch == "\"" { inString = true }
            }
            return out
        }
        var out: [String] = []
        var cur = "", quote: Character? = nil, has = false, esc = false
        for ch in t {
            if esc { cur.append(ch); esc = false; continue }
            if let q = quote {
                if ch == q { quote = nil } else if ch == "\\" && q == "\"" { esc = true } else { cur.append(ch) }
                continue
            }
            if ch == "\"" || ch == "'" { quote = ch; has = true; continue }
            if ch == "\\" { esc = true; continue }
            if ch == " " || ch == "\t" {
                if has || !cur.isEmpty { out.append(cur); cur = ""; has = false }
                continue
            }
            cur.append(ch)
        }
        if has || !cur.isEmpty { out.append(cur) }
        return out
    }

    /// `ENV A=1 B="two words"` and the legacy `ENV A value with spaces` as (name, value) pairs.
    static func keyValues(_ args: String) -> [(String, String?)] {
        let w = words(args)
        guard let first = w.first else { return [] }
        if !first.contains("=") {
            // Legacy form: one name, the rest is its value (ARG NAME has no value).
            let rest = args.trimmingCharacters(in: .whitespaces).dropFirst(first.count).trimmingCharacters(in: .whitespaces)
            let value = words(rest).joined(separator: " ")
            return [(first, w.count > 1 ? value : nil)]
        }
        return w.map { word in
            guard let eq = word.firstIndex(of: "=") else { return (word, nil) }
            return (String(word[..<eq]), String(word[word.index(after: eq)...]))
        }
    }
}
