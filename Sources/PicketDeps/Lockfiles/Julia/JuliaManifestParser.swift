import PicketCore

/// Julia's `Manifest.toml` (format 1: top-level `[[Name]]`; format 2: `[[deps.Name]]`). Standard-library
/// packages carry no version and are left out.
public struct JuliaManifestParser: LockfileParser {
    public init() {}
    public var formatName: String { "Manifest.toml" }
    public var ecosystem: Ecosystem { .julia }

    public func matches(path: String) -> Bool { LockfileFiles.fileName(of: path) == "Manifest.toml" }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root = try input.toml()
        let deps = root.table("deps") ?? (root.string("manifest_format") == nil ? root : TOMLTable())
        var result = LockfileResult()
        for entry in deps.entries {
            for t in entry.value.array?.compactMap(\.table) ?? [] {
                guard let version = t.string("version") else { continue }
                result.packages.append(.entry(.julia, name: entry.key, version: version, file: input.path,
                                              line: t.line(of: "version") ?? t.line,
                                              qualifiers: t.string("uuid").map { [("uuid", $0)] } ?? []))
            }
        }
        return result
    }
}
