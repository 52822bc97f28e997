import PicketCore

/// Gradle version catalogs (`gradle/libs.versions.toml`, any `*.versions.toml` under `gradle/`): the
/// `[libraries]` table in its four shapes (`"g:a:v"`, `{module, version}`, `{group, name, version}`,
/// `version.ref` into `[versions]`, and rich versions `{strictly|require|prefer}`). Plugins and bundles are
/// not libraries.
public struct GradleVersionCatalogParser: LockfileParser {
    public init() {}
    public var formatName: String { "libs.versions.toml" }
    public var ecosystem: Ecosystem { .maven }

    public func matches(path: String) -> Bool {
        let name = LockfileFiles.fileName(of: path)
        if name == "libs.versions.toml" { return true }
        return name.hasSuffix(".versions.toml") && LockfileFiles.fileName(of: LockfileFiles.directory(of: path)) == "gradle"
    }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root = try input.toml()
        let versions = root.table("versions") ?? TOMLTable()
        var result = LockfileResult()
        func version(_ v: TOMLValue?) -> (String?, String?) {
            guard let v else { return (nil, "no version in the catalog") }
            if let s = v.string { return (s, nil) }
            guard let t = v.table else { return (nil, "unreadable version") }
            if let ref = t.string("ref") { return version(versions[ref]) }
            for key in ["strictly", "require", "prefer"] { if let s = t.string(key) { return (s, nil) } }
            return (nil, "rich version without strictly/require/prefer")
        }
        for e in root.table("libraries")?.entries ?? [] {
            var module: String?
            var resolved: (String?, String?) = (nil, nil)
            if let s = e.value.string {
                let parts = s.split(separator: ":")
                guard parts.count >= 2 else { continue }
                module = "\(parts[0]):\(parts[1])"
                resolved = parts.count >= 3 ? (String(parts[2]), nil) : (nil, "no version in the catalog")
            } else if let t = e.value.table {
                if let m = t.string("module") { module = m } else if let g = t.string("group"), let n = t.string("name") { module = "\(g):\(n)" }
                if let ref = t.table("version")?.string("ref") ?? t.string("version.ref") {
                    resolved = version(versions[ref])
                } else {
                    resolved = version(t["version"])
                }
            }
            guard let module else {
                result.warnings.append(input.warning("library '\(e.key)' names no module; skipped", line: e.line))
                continue
            }
            let (v, reason) = resolved
            let (exact, rangeReason) = v.map { PomXMLParser.exactVersion($0) } ?? (nil, nil)
            result.packages.append(.entry(.maven, name: module, version: exact, file: input.path, line: e.line,
                                          direct: true, unresolvedReason: reason ?? rangeReason))
        }
        return result
    }
}
