/// Cabal's `cabal.project.freeze`: `constraints:` followed by comma-separated `any.name ==version` entries
/// (flag settings such as `any.pkg +flag` are not versions).
public struct CabalFreezeParser: LockfileParser {
    public init() {}
    public var formatName: String { "cabal.project.freeze" }
    public var ecosystem: Ecosystem { .hackage }

    public func matches(path: String) -> Bool { LockfileFiles.fileName(of: path) == "cabal.project.freeze" }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let lines = try input.textLines()
        var inConstraints = false
        var result = LockfileResult()
        for (i, raw) in lines.enumerated() {
            var text = raw.trimmedSpaces
            if text.isEmpty || text.hasPrefix("--") { continue }
            if raw.indentation == 0 {
                inConstraints = text.hasPrefix("constraints:")
                guard inConstraints else { continue }
                text = String(text.dropFirst("constraints:".count))
            }
            guard inConstraints else { continue }
            for entry in text.split(separator: ",") {
                let parts = entry.split(separator: " ", omittingEmptySubsequences: true)
                guard parts.count == 2, parts[0].hasPrefix("any."), parts[1].hasPrefix("=="), parts[1].count > 2 else { continue }
                result.packages.append(.entry(.hackage, name: String(parts[0].dropFirst(4)), version: String(parts[1].dropFirst(2)),
                                              file: input.path, line: i + 1))
            }
        }
        return result
    }
}
