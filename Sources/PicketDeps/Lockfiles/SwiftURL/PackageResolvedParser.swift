/// SwiftPM's `Package.resolved`: version 1 (`object.pins[]` with `repositoryURL`) and versions 2/3 (`pins[]`
/// with `location`). OSV's SwiftURL names are the repository URL without scheme or `.git`
/// (`github.com/apple/swift-nio`). A pin to a branch or revision has no version, only the commit.
public struct PackageResolvedParser: LockfileParser {
    public init() {}
    public var formatName: String { "Package.resolved" }
    public var ecosystem: Ecosystem { .swiftURL }

    public func matches(path: String) -> Bool { LockfileFiles.fileName(of: path) == "Package.resolved" }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root = try input.jsonObject(emptyIsEmpty: false)
        guard let pins = (root["pins"] ?? root.object("object")?["pins"])?.array else {
            throw input.error("no 'pins' list; not a Package.resolved file")
        }
        var result = LockfileResult()
        for pin in pins {
            guard let p = pin.object, let url = p.string("location") ?? p.string("repositoryURL") else {
                result.warnings.append(input.warning("a pin without a location; skipped", line: pin.object?.line))
                continue
            }
            let state = p.object("state")
            let name = Self.swiftURLName(url)
            result.packages.append(.entry(.swiftURL, name: name, version: state?.string("version"), file: input.path,
                                          line: p.line(of: "identity") ?? p.line(of: "package") ?? p.line,
                                          commit: state?.string("revision"),
                                          unresolvedReason: state?.string("branch").map { "pinned to branch '\($0)'" }))
        }
        return result
    }

    /// `https://github.com/apple/swift-nio.git` → `github.com/apple/swift-nio`; `git@host:o/r.git` → `host/o/r`.
    static func swiftURLName(_ url: String) -> String {
        var s = Substring(url)
        if let scheme = s.range(of: "://") { s = s[scheme.upperBound...] } else if let at = s.firstIndex(of: "@"), s.contains(":") {
            s = s[s.index(after: at)...]
            if let colon = s.firstIndex(of: ":") { s = Substring(String(s[..<colon]) + "/" + String(s[s.index(after: colon)...])) }
        }
        if let at = s.firstIndex(of: "@"), at < (s.firstIndex(of: "/") ?? s.endIndex) { s = s[s.index(after: at)...] }
        if s.hasSuffix("/") { s = s.dropLast() }
        if s.hasSuffix(".git") { s = s.dropLast(4) }
        return String(s)
    }
}
