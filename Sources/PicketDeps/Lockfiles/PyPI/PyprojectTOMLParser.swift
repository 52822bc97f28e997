import PicketCore

/// `pyproject.toml` as a manifest, for projects without a lockfile: PEP 621 `[project] dependencies` and
/// `optional-dependencies`, PEP 735 `[dependency-groups]`, and Poetry's `[tool.poetry.*dependencies]`.
/// Exact pins give a version (`==1.2`, Poetry's bare `1.2.3`); ranges are reported without one. Superseded
/// by a Poetry, uv, PDM or PEP 751 lockfile in the same folder.
public struct PyprojectTOMLParser: LockfileParser {
    public init() {}
    public var formatName: String { "pyproject.toml" }
    public var ecosystem: Ecosystem { .pypi }

    public func matches(path: String) -> Bool { LockfileFiles.fileName(of: path) == "pyproject.toml" }

    public func supersededBy(path: String) -> [String] {
        let dir = LockfileFiles.directory(of: path)
        return ["poetry.lock", "uv.lock", "pdm.lock", "pylock.toml"].map { LockfileFiles.join(dir, $0) }
    }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root = try input.toml()
        var result = LockfileResult()
        func addPEP508(_ spec: String, line: Int?, groups: [String]) {
            guard case let .package(name, version, reason)? = RequirementsParser.parseRequirement(spec) else {
                result.warnings.append(input.warning("cannot read the requirement '\(spec.prefix(100))'; skipped", line: line))
                return
            }
            result.packages.append(.entry(.pypi, name: name, version: version, file: input.path, line: line,
                                          groups: groups, groupsKnown: true, direct: true, unresolvedReason: reason))
        }
        if let project = root.table("project") {
            for spec in project["dependencies"]?.strings ?? [] { addPEP508(spec, line: project.line(of: "dependencies"), groups: []) }
            for e in project.table("optional-dependencies")?.entries ?? [] {
                for spec in e.value.strings ?? [] { addPEP508(spec, line: e.line, groups: ["optional"]) }
            }
        }
        for e in root.table("dependency-groups")?.entries ?? [] {
            let groups = ["dev", "test", "tests", "lint", "docs", "typing"].contains(e.key) ? ["dev"] : [e.key]
            for spec in e.value.strings ?? [] { addPEP508(spec, line: e.line, groups: groups) }
        }
        if let poetry = root.table("tool")?.table("poetry") {
            var sections: [(TOMLTable, [String])] = []
            if let d = poetry.table("dependencies") { sections.append((d, [])) }
            if let d = poetry.table("dev-dependencies") { sections.append((d, ["dev"])) }
            for g in poetry.table("group")?.entries ?? [] {
                if let d = g.value.table?.table("dependencies") { sections.append((d, g.key == "main" ? [] : [g.key == "test" ? "dev" : g.key])) }
            }
            for (table, groups) in sections {
                for e in table.entries where e.key.lowercased() != "python" {
                    let constraint = e.value.string ?? e.value.table?.string("version")
                    var version: String?
                    var reason: String?
                    if let c = constraint?.trimmedSpaces {
                        let bare = c.hasPrefix("==") ? String(c.dropFirst(2)) : c
                        if !bare.isEmpty, bare.allSatisfy({ $0.isNumber || $0.isLetter || $0 == "." || $0 == "-" || $0 == "+" || $0 == "!" }),
                           bare.first?.isNumber == true {
                            version = bare
                        } else {
                            reason = "version constraint '\(c.prefix(80))' is not pinned (no lockfile)"
                        }
                    } else {
                        reason = e.value.table?.string("git") != nil ? "git dependency" : e.value.table?.string("path") != nil ? "local path dependency" : "no version constraint"
                    }
                    result.packages.append(.entry(.pypi, name: e.key, version: version, file: input.path, line: e.line,
                                                  groups: groups, groupsKnown: true, direct: true,
                                                  commit: e.value.table?.string("rev"), unresolvedReason: reason))
                }
            }
        }
        return result
    }
}
