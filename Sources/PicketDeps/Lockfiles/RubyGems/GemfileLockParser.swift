/// Bundler's `Gemfile.lock` / `gems.locked`. Gems are the 4-space-indented `name (version)` lines under a
/// `specs:` of a `GEM`, `GIT`, `PATH` or `PLUGIN SOURCE` section; a `GIT` section's `revision` is their
/// commit. Platform-specific versions (`1.13.0-x86_64-linux`) are reported as the plain version. Gems named
/// in `DEPENDENCIES` are direct.
public struct GemfileLockParser: LockfileParser {
    public init() {}
    public var formatName: String { "Gemfile.lock" }
    public var ecosystem: Ecosystem { .rubyGems }

    public func matches(path: String) -> Bool {
        let name = LockfileFiles.fileName(of: path)
        return name == "Gemfile.lock" || name == "gems.locked"
    }

    static let sourceSections: Set<String> = ["GEM", "GIT", "PATH", "PLUGIN SOURCE"]

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let lines = try input.textLines()
        struct Spec { var name: String; var version: String; var line: Int; var commit: String? }
        var specs: [Spec] = []
        var direct = Set<String>()
        var section = ""
        var inSpecs = false
        var revision: String?
        var sectionSpecs: [Int] = [] // indexes of specs of the current GIT section (revision may come later)
        var warnings: [LockfileWarning] = []

        func closeSection() {
            if section == "GIT", let revision { for i in sectionSpecs { specs[i].commit = revision } }
            sectionSpecs = []
            revision = nil
            inSpecs = false
        }

        for (i, raw) in lines.enumerated() {
            if raw.trimmedSpaces.isEmpty { continue }
            let indent = raw.indentation
            let text = raw.trimmedSpaces
            if indent == 0 {
                closeSection()
                section = text
                continue
            }
            if Self.sourceSections.contains(section) {
                if indent == 2 {
                    if text == "specs:" { inSpecs = true; continue }
                    inSpecs = false
                    if text.hasPrefix("revision:") { revision = String(text.dropFirst("revision:".count)).trimmedSpaces }
                } else if indent == 4 && inSpecs {
                    guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else {
                        warnings.append(input.warning("cannot read the gem spec '\(text.prefix(80))'; skipped", line: i + 1))
                        continue
                    }
                    let name = String(text[..<open]).trimmedSpaces
                    var version = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
                    // A platform suffix: RubyGems versions never contain '-' otherwise.
                    if let dash = version.firstIndex(of: "-") { version = String(version[..<dash]) }
                    if section == "GIT" { sectionSpecs.append(specs.count) }
                    specs.append(Spec(name: name, version: version, line: i + 1))
                }
            } else if section == "DEPENDENCIES", indent == 2 {
                let name = text.prefix { $0 != " " && $0 != "!" && $0 != "(" }
                direct.insert(String(name))
            }
        }
        closeSection()
        var dedup = PackageDeduplicator()
        for s in specs {
            dedup.add(.entry(.rubyGems, name: s.name, version: s.version, file: input.path, line: s.line,
                             direct: direct.isEmpty ? nil : direct.contains(s.name), commit: s.commit))
        }
        return LockfileResult(packages: dedup.packages, warnings: warnings)
    }
}
