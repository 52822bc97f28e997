/// Go's `go.mod`. `require` lines (single or in blocks) give the module versions; `// indirect` marks a
/// transitive requirement; `replace` directives are applied (a replaced module is reported as its
/// replacement, at the replace line; a local-path replacement has no version); `exclude`d versions are
/// dropped. The Go toolchain is reported as the pseudo-module `stdlib` (version from `toolchain`, else `go`),
/// as OSV's Go database names it. Modules written for Go 1.16 or older do not list every transitive module,
/// so the `go.sum` beside them adds the missing ones (at their `go.sum` line).
public struct GoModParser: LockfileParser {
    public init() {}
    public var formatName: String { "go.mod" }
    public var ecosystem: Ecosystem { .go }

    public func matches(path: String) -> Bool {
        LockfileFiles.fileName(of: path) == "go.mod" && !path.hasPrefix("vendor/") && !path.contains("/vendor/")
    }

    private struct Require { var path: String; var version: String; var line: Int; var indirect: Bool }
    private struct Replace { var oldPath: String; var oldVersion: String?; var newPath: String; var newVersion: String?; var line: Int }

    static let directives: Set<String> = ["module", "go", "toolchain", "godebug", "require", "replace", "exclude", "retract", "tool", "ignore"]

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let lines = try input.textLines()
        var requires: [Require] = []
        var replaces: [Replace] = []
        var excludes = Set<String>()
        var goVersion: (String, Int)?
        var toolchain: (String, Int)?
        var block: String?
        var warnings: [LockfileWarning] = []

        for (i, raw) in lines.enumerated() {
            let lineNo = i + 1
            var text = raw
            var comment = ""
            if let c = text.range(of: "//") {
                comment = String(text[c.upperBound...]).trimmedSpaces
                text = String(text[..<c.lowerBound])
            }
            let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { String($0).unquoted }
            guard !tokens.isEmpty else { continue }
            var args = tokens[...]
            let verb: String
            if let b = block {
                if tokens == [")"] { block = nil; continue }
                verb = b
            } else {
                verb = tokens[0]
                guard Self.directives.contains(verb) else {
                    throw input.error("unknown directive '\(verb.prefix(40))'", line: lineNo)
                }
                args = args.dropFirst()
                if args.first == "(" { block = verb; continue }
            }
            let a = Array(args)
            switch verb {
            case "go": if let v = a.first { goVersion = (v, lineNo) }
            case "toolchain": if let v = a.first { toolchain = (v, lineNo) }
            case "require":
                guard a.count >= 2 else {
                    warnings.append(input.warning("require without a version; skipped", line: lineNo))
                    continue
                }
                let indirect = comment == "indirect" || comment.hasPrefix("indirect;")
                requires.append(Require(path: a[0], version: a[1], line: lineNo, indirect: indirect))
            case "exclude":
                if a.count >= 2 { excludes.insert(a[0] + "@" + a[1]) }
            case "replace":
                guard let arrow = a.firstIndex(of: "=>") else {
                    warnings.append(input.warning("replace without '=>'; skipped", line: lineNo))
                    continue
                }
                let lhs = a[..<arrow]
                let rhs = a[(arrow + 1)...]
                guard let old = lhs.first, let new = rhs.first else { continue }
                replaces.append(Replace(oldPath: old, oldVersion: lhs.dropFirst().first, newPath: new,
                                        newVersion: rhs.dropFirst().first, line: lineNo))
            default: continue
            }
        }

        var dedup = PackageDeduplicator()
        var required = Set<String>()
        for r in requires where !excludes.contains(r.path + "@" + r.version) {
            required.insert(r.path)
            // A versioned replace beats an unversioned one for the same module.
            let rep = replaces.first { $0.oldPath == r.path && $0.oldVersion == r.version }
                ?? replaces.first { $0.oldPath == r.path && $0.oldVersion == nil }
            if let rep {
                let local = rep.newPath.hasPrefix("./") || rep.newPath.hasPrefix("../") || rep.newPath.hasPrefix("/")
                let version = local ? nil : rep.newVersion.map(Self.osvVersion)
                dedup.add(.entry(.go, name: rep.newPath, version: version, file: input.path, line: rep.line,
                                 direct: !r.indirect, unresolvedReason: local ? "replaced by the local folder \(rep.newPath)" : nil,
                                 purlVersion: local ? nil : rep.newVersion))
            } else {
                dedup.add(.entry(.go, name: r.path, version: Self.osvVersion(r.version), file: input.path, line: r.line,
                                 direct: !r.indirect, purlVersion: r.version))
            }
        }

        if let (v, line) = toolchain.map({ (Self.toolchainVersion($0.0), $0.1) }) ?? goVersion {
            dedup.add(.entry(.go, name: "stdlib", version: v, file: input.path, line: line, direct: true))
        }

        // Go ≤ 1.16: go.mod lists only direct requirements; go.sum has the rest.
        if let (gv, _) = goVersion, Self.isAtMost116(gv) {
            // go.sum beside go.mod (a renamed `x.mod` pairs with `x.sum`).
            let sumName = input.fileName == "go.mod" ? "go.sum" : String(input.fileName.dropLast(4)) + ".sum"
            let sumPath = LockfileFiles.join(input.directory, sumName)
            if input.fileName.hasSuffix(".mod"), input.files.exists(sumPath) {
                do {
                    let sum = try TextLines.lines(try input.files.read(sumPath))
                    for (i, line) in sum.enumerated() {
                        let parts = line.split(separator: " ")
                        guard parts.count >= 2, !parts[1].hasSuffix("/go.mod") else { continue }
                        let path = String(parts[0])
                        let version = String(parts[1])
                        guard !required.contains(path), !excludes.contains(path + "@" + version) else { continue }
                        dedup.add(.entry(.go, name: path, version: Self.osvVersion(version), file: sumPath, line: i + 1,
                                         direct: false, purlVersion: version))
                    }
                } catch {
                    warnings.append(LockfileWarning(file: sumPath, message: "cannot read: \(error)"))
                }
            }
        }
        return LockfileResult(packages: dedup.packages, warnings: warnings)
    }

    /// OSV's Go versions have no leading `v`.
    static func osvVersion(_ v: String) -> String { v.hasPrefix("v") ? String(v.dropFirst()) : v }

    /// `go1.23.6-xyz` → `1.23.6`.
    static func toolchainVersion(_ t: String) -> String {
        let v = t.hasPrefix("go") ? t.dropFirst(2) : Substring(t)
        return String(v.prefix { $0 != "-" && $0 != "+" })
    }

    static func isAtMost116(_ v: String) -> Bool {
        let parts = v.split(separator: ".").compactMap { Int($0.prefix { $0.isNumber }) }
        guard parts.count >= 2 else { return false }
        return parts[0] < 1 || (parts[0] == 1 && parts[1] <= 16)
    }
}
