/// Dart/Flutter's `pubspec.lock` (YAML): `packages` maps name → `{dependency: "direct main" | "direct dev" |
/// "direct overridden" | "transitive", source: hosted | git | path | sdk, version}`. Git packages pin
/// `description.resolved-ref`.
public struct PubspecLockParser: LockfileParser {
    public init() {}
    public var formatName: String { "pubspec.lock" }
    public var ecosystem: Ecosystem { .pub }

    public func matches(path: String) -> Bool { LockfileFiles.fileName(of: path) == "pubspec.lock" }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let doc = try input.yaml()
        guard let root = doc.object else {
            throw input.error(doc.isNull ? "empty file; not a pubspec.lock" : "expected a YAML mapping at the top level, found \(doc.typeName)")
        }
        var result = LockfileResult()
        for m in root.object("packages")?.members ?? [] {
            guard let entry = m.value.object else {
                result.warnings.append(input.warning("package '\(m.key)' is \(m.value.typeName), not a mapping; skipped", line: m.line))
                continue
            }
            let dependency = entry.string("dependency") ?? ""
            var commit: String?
            if entry.string("source") == "git" { commit = entry.object("description")?.string("resolved-ref") }
            result.packages.append(.entry(.pub, name: m.key, version: entry.string("version"), file: input.path,
                                          line: m.line, groups: dependency == "direct dev" ? ["dev"] : [], groupsKnown: true,
                                          direct: dependency.isEmpty ? nil : dependency.hasPrefix("direct"), commit: commit))
        }
        return result
    }
}
