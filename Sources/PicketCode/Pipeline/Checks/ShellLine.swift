/// Small, byte-free tokenising of one CI script line (a few hundred characters at most): pipelines split on
/// single `|`, commands split into words. Enough to recognise `curl … | sh` and `echo $TOKEN`; not a shell.
enum ShellLine {
    /// Segments of a pipeline: `a | b` → ["a", "b"] (`||` is not a pipe). Quotes are respected.
    static func pipeSegments(_ line: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var quote: Character?
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == q { quote = nil }
                cur.append(c)
            } else if c == "'" || c == "\"" {
                quote = c
                cur.append(c)
            } else if c == "|" {
                if i + 1 < chars.count && chars[i + 1] == "|" { cur += "||"; i += 2; continue }
                out.append(cur)
                cur = ""
            } else if c == ";" || (c == "&" && i + 1 < chars.count && chars[i + 1] == "&") {
                // A new command starts: close the pipeline so `curl x && sh y` is not a pipe.
                out.append(cur)
                out.append("\u{0}")
                cur = ""
                if c == "&" { i += 1 }
            } else {
                cur.append(c)
            }
            i += 1
        }
        out.append(cur)
        return out
    }

    /// Words of a command with quotes removed.
    static func words(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var quote: Character?
        var has = false
        for c in s {
            if let q = quote {
                if c == q { quote = nil } else { cur.append(c) }
            } else if c == "'" || c == "\"" {
                quote = c
                has = true
            } else if c == " " || c == "\t" || c == "\n" {
                if has || !cur.isEmpty { out.append(cur); cur = ""; has = false }
            } else {
                cur.append(c)
            }
        }
        if has || !cur.isEmpty { out.append(cur) }
        return out
    }

    /// The program a command runs, past `sudo`, `env`, `time`, `exec`, and `VAR=x` prefixes.
    static func program(_ words: [String]) -> (name: String, rest: [String])? {
        var i = 0
        var afterWrapper = false
        while i < words.count {
            let w = words[i]
            let base = w.split(separator: "/").last.map(String.init) ?? w
            if wrappers.contains(base) { afterWrapper = true; i += 1; continue }
            if afterWrapper && w.hasPrefix("-") { i += 1; continue }
            if let eq = w.firstIndex(of: "="), eq != w.startIndex,
               w[..<eq].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
                i += 1
                continue
            }
            return (base, Array(words[(i + 1)...]))
        }
        // `env` or `sudo` alone is itself the program.
        if let last = words.last, afterWrapper { return (last.split(separator: "/").last.map(String.init) ?? last, []) }
        return nil
    }

    static let wrappers: Set<String> = ["sudo", "env", "time", "exec", "command", "nohup", "doas"]

    static let shells: Set<String> = ["sh", "bash", "zsh", "dash", "ksh", "ash", "fish", "python", "python2", "python3",
                                      "perl", "ruby", "node", "php", "pwsh", "powershell", "iex"]
    static let downloaders: Set<String> = ["curl", "wget", "fetch", "iwr", "invoke-webrequest", "invoke-restmethod", "irm"]

    /// Variable names a line expands: `$NAME`, `${NAME}`, `${NAME:-x}`.
    static func variables(_ s: String) -> [String] {
        var out: [String] = []
        let c = Array(s)
        var i = 0
        while i < c.count {
            if c[i] == "$" && i + 1 < c.count {
                var j = i + 1
                let braced = c[j] == "{"
                if braced { j += 1 }
                let start = j
                if j < c.count && c[j].isASCII && (c[j].isLetter || c[j] == "_") {
                    while j < c.count && (c[j].isLetter || c[j].isNumber || c[j] == "_") && c[j].isASCII { j += 1 }
                }
                if j > start { out.append(String(c[start..<j])) }
                i = j
                continue
            }
            i += 1
        }
        return out
    }
}
