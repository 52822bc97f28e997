/// R's `renv.lock` (JSON): `Packages.<name>.{Package, Version, Source, Repository}`. CRAN packages
/// (`Repository: CRAN`) are reported in the CRAN ecosystem and Bioconductor packages in Bioconductor;
/// packages installed from GitHub or local sources have no registry version to match.
public struct RenvLockParser: LockfileParser {
    public init() {}
    public var formatName: String { "renv.lock" }
    public var ecosystem: Ecosystem { .cran }

    public func matches(path: String) -> Bool { LockfileFiles.fileName(of: path) == "renv.lock" }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root = try input.jsonObject(emptyIsEmpty: false)
        var result = LockfileResult()
        for m in root.object("Packages")?.members ?? [] {
            guard let p = m.value.object, let name = p.string("Package"), let version = p.string("Version") else { continue }
            let ecosystem: Ecosystem
            if p.string("Source") == "Bioconductor" {
                ecosystem = .bioconductor
            } else if p.string("Repository") == "CRAN" {
                ecosystem = .cran
            } else {
                continue
            }
            result.packages.append(.entry(ecosystem, name: name, version: version, file: input.path, line: m.line))
        }
        return result
    }
}
