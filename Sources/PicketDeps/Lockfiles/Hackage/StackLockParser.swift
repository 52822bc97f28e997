/// Stack's `stack.yaml.lock`: `packages[].completed.hackage: name-1.2.3@sha256:...` (extra-deps pinned from
/// Hackage). Snapshot packages are only named by the snapshot URL and cannot be listed offline.
public struct StackLockParser: LockfileParser {
    public init() {}
    public var formatName: String { "stack.yaml.lock" }
    public var ecosystem: Ecosystem { .hackage }

    public func matches(path: String) -> Bool { LockfileFiles.fileName(of: path) == "stack.yaml.lock" }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let doc = try input.yaml()
        var result = LockfileResult()
        for item in doc.object?["packages"]?.array ?? [] {
            guard let completed = item.object?.object("completed"), let spec = completed.string("hackage") else { continue }
            let nameVersion = spec.prefix { $0 != "@" }
            guard let dash = nameVersion.lastIndex(of: "-") else {
                result.warnings.append(input.warning("cannot read '\(spec.prefix(100))'; skipped", line: completed.line(of: "hackage")))
                continue
            }
            result.packages.append(.entry(.hackage, name: String(nameVersion[..<dash]),
                                          version: String(nameVersion[nameVersion.index(after: dash)...]),
                                          file: input.path, line: completed.line(of: "hackage")))
        }
        return result
    }
}
