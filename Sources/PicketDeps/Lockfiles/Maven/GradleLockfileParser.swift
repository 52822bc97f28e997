/// Gradle dependency locking files (`gradle.lockfile`, `buildscript-gradle.lockfile`, and the per-configuration
/// `gradle/dependency-locks/*.lockfile` of Gradle 6): `group:artifact:version=conf1,conf2` per line. A
/// dependency used only by test configurations gets the `test` group; buildscript dependencies are `build`.
public struct GradleLockfileParser: LockfileParser {
    public init() {}
    public var formatName: String { "gradle.lockfile" }
    public var ecosystem: Ecosystem { .maven }

    public func matches(path: String) -> Bool {
        let name = LockfileFiles.fileName(of: path)
        if name == "gradle.lockfile" || name == "buildscript-gradle.lockfile" { return true }
        return name.hasSuffix(".lockfile") && LockfileFiles.directory(of: path).hasSuffix("gradle/dependency-locks")
    }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let lines = try input.textLines()
        let buildscript = input.fileName.hasPrefix("buildscript")
        var result = LockfileResult()
        for (i, raw) in lines.enumerated() {
            let text = raw.trimmedSpaces
            if text.isEmpty || text.hasPrefix("#") || text.hasPrefix("empty=") { continue }
            let coordinate = text.prefix { $0 != "=" }
            let parts = coordinate.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else {
                result.warnings.append(input.warning("not a 'group:artifact:version=configurations' line; skipped", line: i + 1))
                continue
            }
            let configurations = text.drop { $0 != "=" }.dropFirst().split(separator: ",").map { String($0).trimmedSpaces }
            var groups: [String] = []
            if buildscript {
                groups = ["build"]
            } else if !configurations.isEmpty, configurations.allSatisfy({ $0.hasPrefix("test") || $0.contains("Test") }) {
                groups = ["test"]
            }
            result.packages.append(.entry(.maven, name: "\(parts[0]):\(parts[1])", version: String(parts[2]),
                                          file: input.path, line: i + 1, groups: groups, groupsKnown: true))
        }
        return result
    }
}
