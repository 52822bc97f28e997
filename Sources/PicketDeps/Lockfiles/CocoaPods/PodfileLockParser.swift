/// CocoaPods' `Podfile.lock` (YAML): `PODS` lists `Name (version)` entries, either plain strings or
/// mappings from such a string to its dependencies. Subspecs (`Firebase/Core`) are reported once under the
/// pod's name. `DEPENDENCIES` names the direct pods. CocoaPods is not an OSV ecosystem; the packages still
/// feed inventories and licence checks.
public struct PodfileLockParser: LockfileParser {
    public init() {}
    public var formatName: String { "Podfile.lock" }
    public var ecosystem: Ecosystem { .cocoaPods }

    public func matches(path: String) -> Bool { LockfileFiles.fileName(of: path) == "Podfile.lock" }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let doc = try input.yaml()
        guard let root = doc.object, let pods = root["PODS"]?.array else {
            throw input.error("no PODS list; not a Podfile.lock")
        }
        let direct = Set((root["DEPENDENCIES"]?.strings ?? []).map { String($0.prefix { $0 != " " }.split(separator: "/").first ?? "") })
        var dedup = PackageDeduplicator()
        for item in pods {
            guard let spec = item.string ?? item.object?.keys.first else { continue }
            guard let open = spec.firstIndex(of: "("), spec.hasSuffix(")") else { continue }
            let full = String(spec[..<open]).trimmedSpaces
            let name = String(full.split(separator: "/").first ?? Substring(full))
            let version = String(spec[spec.index(after: open)..<spec.index(before: spec.endIndex)])
            dedup.add(.entry(.cocoaPods, name: name, version: version, file: input.path,
                             line: item.object?.line ?? root.line(of: "PODS"), direct: direct.contains(name)))
        }
        return LockfileResult(packages: dedup.packages)
    }
}
