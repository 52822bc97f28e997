import Foundation

/// `yarn.lock`, both the classic v1 format (`version "1.2.3"`) and Berry v2+ (YAML: `version: 1.2.3`,
/// `resolution: "name@npm:1.2.3"`). Read line by line: an entry is a non-indented header listing its
/// descriptors and ending in `:`, followed by indented fields. The lockfile does not say which packages are
/// direct; when the `package.json` beside it is readable, an entry is direct if one of its descriptors is a
/// declared `name@range` (dev-only status would need the whole graph and is not given).
public struct YarnLockParser: LockfileParser {
    public init() {}
    public var formatName: String { "yarn.lock" }
    public var ecosystem: Ecosystem { .npm }

    public func matches(path: String) -> Bool {
        LockfileFiles.fileName(of: path) == "yarn.lock" && !LockfileFiles.isInsideNodeModules(path)
    }

    private struct Entry {
        var header: String
        var line: Int
        var fields: [String: String] = [:]
    }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let lines: [String]
        do { lines = try TextLines.lines(input.data) } catch { throw input.error("\(error)") }
        var entries: [Entry] = []
        var current: Entry?
        for (i, raw) in lines.enumerated() {
            if raw.isEmpty || raw.hasPrefix("#") { continue }
            let indent = raw.indentation
            if indent == 0 {
                if let c = current { entries.append(c) }
                let header = raw.trimmedSpaces
                guard header.hasSuffix(":") else {
                    throw input.error("expected an entry header ending in ':', found '\(header.prefix(80))'", line: i + 1)
                }
                current = Entry(header: String(header.dropLast()), line: i + 1)
            } else if indent == 2, current != nil {
                let body = raw.trimmedSpaces
                if let (k, v) = Self.field(body), Self.keptFields.contains(k) { current?.fields[k] = v }
            }
        }
        if let c = current { entries.append(c) }

        let declared = Self.declaredDescriptors(input)
        var result = LockfileResult()
        for e in entries where e.header != "__metadata" {
            let descriptors = Self.descriptors(e.header)
            if let resolution = e.fields["resolution"], resolution.hasSuffix("@workspace:.") {
                continue // the project itself
            }
            guard let first = descriptors.first else { continue }
            let name: String
            if let resolution = e.fields["resolution"], let n = Self.packageName(resolution) {
                name = n
            } else if let n = Self.packageName(first) {
                // v1 alias: "ansi-regex-cjs@npm:ansi-regex@^5.0.0" is the real package ansi-regex.
                let range = String(first.dropFirst(n.count + 1))
                if range.hasPrefix("npm:"), let real = Self.packageName(String(range.dropFirst(4))) { name = real } else { name = n }
            } else {
                name = first
            }
            guard let version = e.fields["version"], !version.isEmpty else {
                result.warnings.append(input.warning("entry '\(e.header.prefix(80))' has no version; skipped", line: e.line))
                continue
            }
            let commit = e.fields["resolution"].flatMap(Self.berryCommit) ?? e.fields["resolved"].flatMap(Self.classicCommit)
            let direct = declared.map { d in descriptors.contains { d.contains($0) } }
            result.packages.append(.entry(.npm, name: name, version: version, file: input.path, line: e.line,
                                          direct: direct, commit: commit))
        }
        return result
    }

    // MARK: helpers

    static let keptFields: Set<String> = ["version", "resolved", "resolution"]

    /// `name@range` and `name@npm:range` for every dependency the package.json beside the lockfile declares;
    /// nil when there is no readable package.json.
    static func declaredDescriptors(_ input: LockfileInput) -> Set<String>? {
        let path = LockfileFiles.join(input.directory, "package.json")
        guard input.files.exists(path), let data = try? input.files.read(path),
              let manifest = try? JSONParser.parse(data).object else { return nil }
        var out = Set<String>()
        for field in ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"] {
            for m in manifest.object(field)?.members ?? [] {
                guard let spec = m.value.string else { continue }
                out.insert("\(m.key)@\(spec)")
                out.insert("\(m.key)@npm:\(spec)")
            }
        }
        return out
    }

    /// `key "value"`, `key value`, `key: value`, `"key": "value"` (byte-level: this runs for every line).
    static func field(_ body: String) -> (String, String)? {
        let u = body.utf8
        var keyEnd: String.Index
        var restStart: String.Index
        if u.first == UInt8(ascii: "\"") {
            let open = u.index(after: u.startIndex)
            guard let close = u[open...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
            keyEnd = close
            restStart = u.index(after: close)
            let key = String(Substring(u[open..<keyEnd]))
            var rest = u[restStart...]
            if rest.first == UInt8(ascii: ":") { rest = rest.dropFirst() }
            return (key, String(Substring(rest)).trimmedSpaces.unquoted)
        }
        guard let sep = u.firstIndex(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ":") }) else { return nil }
        keyEnd = sep
        restStart = u[sep] == UInt8(ascii: ":") ? u.index(after: sep) : sep
        return (String(Substring(u[..<keyEnd])), String(Substring(u[restStart...])).trimmedSpaces.unquoted)
    }

    /// The comma-separated descriptors of a header, unquoted.
    static func descriptors(_ header: String) -> [String] {
        var out: [String] = []
        var cur: [UInt8] = []
        var inQuote = false
        for b in header.utf8 {
            if b == UInt8(ascii: "\"") { inQuote.toggle(); continue }
            if b == UInt8(ascii: ",") && !inQuote {
                out.append(String(decoding: cur, as: UTF8.self).trimmedSpaces)
                cur.removeAll(keepingCapacity: true)
                continue
            }
            cur.append(b)
        }
        let last = String(decoding: cur, as: UTF8.self).trimmedSpaces
        if !last.isEmpty { out.append(last) }
        return out
    }

    /// The package name of `name@range` (`@scope/name@range`); the whole text when it has no range.
    static func packageName(_ descriptor: String) -> String? {
        let u = descriptor.utf8
        guard !u.isEmpty else { return nil }
        guard let at = u[u.index(after: u.startIndex)...].firstIndex(of: UInt8(ascii: "@")) else { return descriptor }
        return String(Substring(u[..<at]))
    }

    /// Berry: `name@https://host/repo.git#commit=SHA` (or `#commit:SHA`).
    static func berryCommit(_ resolution: String) -> String? {
        for marker in ["#commit=", "#commit:"] {
            if let r = resolution.byteRange(of: marker) {
                let rest = resolution[r.upperBound...]
                let sha = rest.prefix { $0 != "&" && $0 != "#" }
                return sha.isEmpty ? nil : String(sha)
            }
        }
        return nil
    }

    /// Classic: the commit of a git or codeload `resolved` URL; a registry tarball's `#sha1` is a checksum.
    static func classicCommit(_ resolved: String) -> String? {
        if let r = resolved.byteRange(of: "codeload.github.com/") {
            // https://codeload.github.com/owner/repo/tar.gz/SHA
            let parts = resolved[r.upperBound...].split(separator: "/")
            if parts.count >= 4, parts[2] == "tar.gz" || parts[2] == "zip" { return String(parts[3]) }
        }
        if let q = resolved.byteRange(of: "?ref=") {
            let sha = resolved[q.upperBound...].prefix { $0 != "&" && $0 != "#" }
            return sha.isEmpty ? nil : String(sha)
        }
        guard let hash = resolved.lastIndex(of: "#") else { return nil }
        let base = resolved[..<hash]
        if base.hasSuffix(".tgz") || base.hasSuffix(".tar.gz") { return nil }
        let frag = String(resolved[resolved.index(after: hash)...])
        return frag.isEmpty ? nil : frag
    }
}
