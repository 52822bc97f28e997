/// Paket's `paket.lock`: sections (`NUGET`, `GITHUB`, `HTTP`, `GIT`, optionally per `GROUP`) with
/// `remote:` lines and 4-space-indented `Name (version)` entries. Only `NUGET` entries are packages; GitHub
/// and HTTP entries are single source files.
public struct PaketLockParser: LockfileParser {
    public init() {}
    public var formatName: String { "paket.lock" }
    public var ecosystem: Ecosystem { .nuget }

    public func matches(path: String) -> Bool { LockfileFiles.fileName(of: path) == "paket.lock" }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let lines = try input.textLines()
        var section = ""
        var result = LockfileResult()
        for (i, raw) in lines.enumerated() {
            guard !raw.trimmedSpaces.isEmpty else { continue }
            let indent = raw.indentation
            let text = raw.trimmedSpaces
            if indent == 0 {
                section = text.hasPrefix("GROUP ") ? "" : text
                continue
            }
            guard section == "NUGET", indent == 4, let open = text.firstIndex(of: "("), text.hasSuffix(")") else { continue }
            let name = String(text[..<open]).trimmedSpaces
            var version = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            if let space = version.firstIndex(of: " ") { version = String(version[..<space]) } // "(1.0) - restriction: ..."
            result.packages.append(.entry(.nuget, name: name, version: version, file: input.path, line: i + 1))
        }
        return result
    }
}
