import Foundation
import Testing
import PicketCore
import PicketTestSupport
@testable import PicketDeps

/// Runs every fixture of the shared lockfile corpus (`../shared/corpora/lockfiles`, osv-scalibr's fixtures
/// with its expectations as JSON) whose format Picket reads, one test case per fixture case.
///
/// Comparison contract (see the corpus README): packages compared as a multiset on name, version (expected
/// "" = no version), ecosystem (when the corpus gives one), commit (when given), dependency groups (when
/// given, as a set) and location (when given: the file, and the line when `line_numbers_checked`). Where
/// the corpus gives no line we accept any: its lack of a line is a limit of the reference tool, not a fact
/// of the file. A case expecting an error passes when parsing throws or warns. `excludeIndirect` drops the
/// packages we mark transitive. `not_packages` must be absent. An expected line of 0 means "no line".
///
/// Where Picket deliberately differs from osv-scalibr, `deviations` adjusts the expectation for that fixture
/// and says why; Hex checksums in mix.lock and Julia's git-tree-sha1 are not commits, so the "commits" the
/// corpus expects for such released versions are ignored.
@Suite struct LockfilesCorpusTests {
    /// Corpus folder → our format name.
    static let formats: [String: String] = [
        "javascript/packagelockjson": "package-lock.json",
        "javascript/yarnlock": "yarn.lock",
        "javascript/pnpmlock": "pnpm-lock.yaml",
        "javascript/bunlock": "bun.lock",
        "python/requirements": "requirements.txt",
        "python/pipfilelock": "Pipfile.lock",
        "python/poetrylock": "poetry.lock",
        "python/uvlock": "uv.lock",
        "python/pdmlock": "pdm.lock",
        "python/pylock": "pylock.toml",
        "rust/cargolock": "Cargo.lock",
        "golang/gomod": "go.mod",
        "ruby/gemfilelock": "Gemfile.lock",
        "php/composerlock": "composer.lock",
        "java/pomxml": "pom.xml",
        "java/gradlelockfile": "gradle.lockfile",
        "java/gradleverificationmetadataxml": "gradle/verification-metadata.xml",
        "dotnet/packageslockjson": "packages.lock.json",
        "dart/pubspec": "pubspec.lock",
        "elixir/mixlock": "mix.lock",
        "erlang/mixlock": "mix.lock",
        "swift/packageresolved": "Package.resolved",
        "cpp/conanlock": "conan.lock",
        "golang/vendormodules": "vendor/modules.txt",
        "dotnet/csproj": "MSBuild project (PackageReference)",
        "dotnet/nugetcpm": "MSBuild project (PackageReference)",
        "dotnet/packagesconfig": "packages.config",
        "dotnet/depsjson": "project.assets.json / *.deps.json",
        "dotnet/projectassetsjson": "project.assets.json / *.deps.json",
        "dotnet/paketlock": "paket.lock",
        "haskell/cabal": "cabal.project.freeze",
        "haskell/stacklock": "stack.yaml.lock",
        "r/renvlock": "renv.lock",
        "julia/manifesttoml": "Manifest.toml",
        "swift/podfilelock": "Podfile.lock",
        "java/gradleversioncatalog": "libs.versions.toml",
        "python/pyprojecttoml": "pyproject.toml",
        "rust/cargotoml": "Cargo.toml",
    ]

    /// "folder fixture" → what Picket reports instead, and why.
    static let deviations: [String: Deviation] = [
        "javascript/pnpmlock testdata/one-package-dev.v9.yaml": Deviation(
            reason: "v9 dev-only packages are found through importers/snapshots; osv-scalibr reports no groups for v9",
            groups: ["acorn": ["dev"]]),
        "javascript/pnpmlock testdata/mixed-groups.v9.yaml": Deviation(
            reason: "is-number is reachable only from devDependencies", groups: ["is-number": ["dev"]]),
        "python/requirements testdata/with_versions.txt": Deviation(
            reason: "ranges are not pinned versions; osv-scalibr reports the bound as the version",
            version: ["newspaper3k": "", "combination-._-.also_-._valid": "", "pkg": ""]),
        "python/requirements testdata/example.txt": Deviation(
            reason: "ranges are not pinned versions; a direct URL reference is reported without a version",
            version: ["keyring": "", "Mopidy-Dirble": ""], allowExtra: ["urllib3"]),
        "python/requirements testdata/per_req_options.txt": Deviation(
            reason: "'==1.0 unexpected_text' is not a valid specifier; no version is guessed", version: ["foo7": ""]),
        "python/requirements testdata/env_var.txt": Deviation(
            reason: "a version from an environment variable is reported as unresolved, not dropped", allowExtra: ["qwert"]),
        "python/requirements testdata/invalid.txt": Deviation(
            reason: "'urllib3 @ https://...' is a valid direct URL reference, reported without a version", allowExtra: ["urllib3"]),
        "java/pomxml testdata/interpolation.xml": Deviation(
            reason: "a Maven version range is not a pinned version", version: ["org.mine:ranged-package": ""]),
        "java/pomxml testdata/with-parent.xml": Deviation(
            reason: "an inherited dependency is reported where it is declared (the parent POM), not at <parent>",
            line: ["org.dave:dave": 15], file: ["org.dave:dave": "testdata/parent/pom.xml"]),
        "java/pomxml testdata/multi-version.xml": Deviation(
            reason: "both declared versions are reported; osv-scalibr keeps only the first", allowExtra: ["abc:example.com"]),
        "java/pomxml testdata/with-multiple-classifiers.xml": Deviation(
            reason: "one package version is reported once, at its first declaration", line: ["com.example:my-lib": 8]),
        "java/pomxml testdata/explicit-jar.xml": Deviation(
            reason: "one package version is reported once, at its first declaration", line: ["com.example:my-lib": 17]),
        "dotnet/paketlock testdata/paket.lock": Deviation(
            reason: "GITHUB entries of paket.lock are single source files, not packages (osv-scalibr files them under GitHub Actions)",
            dropExpected: ["fsprojects/Paket", "fsharp/FAKE"]),
        "r/renvlock testdata/with-bioconductor.lock": Deviation(
            reason: "Bioconductor packages are reported in OSV's Bioconductor ecosystem, not dropped", allowExtra: ["BSgenome"]),
        "python/pyprojecttoml testdata/simple_deps.toml": Deviation(
            reason: "ranges are not pinned versions", version: ["flask": ""]),
        "python/pyprojecttoml testdata/optional_deps.toml": Deviation(
            reason: "ranges are not pinned versions", version: ["pytest": "", "aiohttp": ""]),
        "python/pyprojecttoml testdata/extras_syntax.toml": Deviation(
            reason: "ranges are not pinned versions", version: ["requests": ""]),
        "python/pyprojecttoml testdata/env_markers.toml": Deviation(
            reason: "ranges are not pinned versions", version: ["requests": ""]),
        "rust/cargotoml testdata/two-dependencies.toml": Deviation(
            reason: "Cargo reads \"0.3\" as the range ^0.3; a git dependency is reported without a version",
            version: ["futures": ""], allowExtra: ["regex"]),
        "rust/cargotoml testdata/invalid-dependency.toml": Deviation(
            reason: "one unreadable dependency is a warning; the rest of the manifest (the crate itself) is still reported",
            allowExtra: ["hello_world"]),
        "rust/cargotoml testdata/git-dependency-tagged.toml": Deviation(
            reason: "a git dependency is reported (without a version), not dropped", allowExtra: ["regex"]),
        "rust/cargotoml testdata/git-dependency-with-pr.toml": Deviation(
            reason: "a git dependency is reported (without a version), not dropped", allowExtra: ["regex"]),
        "java/gradleverificationmetadataxml testdata/missing-attribute.xml": Deviation(
            reason: "a component without a group or name is skipped with a warning, not reported as ':name'",
            dropExpected: [":pdfbox", "org.apache.pdfbox:"]),
    ]

    @Test func corpusIsPresentAndCovered() throws {
        let root = CorpusCase.corpusRoot
        #expect(FileManager.default.fileExists(atPath: root + "/README.md"), "lockfile corpus missing at \(root)")
        for (folder, format) in Self.formats {
            #expect(LockfileRegistry.standard.parser(named: format) != nil, "no parser named \(format)")
            #expect(CorpusCase.all.contains { $0.format == folder }, "no cases loaded for \(folder)")
        }
    }

    @Test(arguments: CorpusCase.all)
    func fixture(_ c: CorpusCase) throws {
        let parser = try #require(LockfileRegistry.standard.parser(named: Self.formats[c.format] ?? ""))
        let files = LockfileFiles(root: CorpusCase.corpusRoot + "/" + c.format)
        var thrown: Error?
        var result = LockfileResult()
        do {
            result = try LockfileRegistry.standard.parse(path: c.fixture, files: files, using: parser)
        } catch {
            thrown = error
        }
        if c.expected.error != nil {
            #expect(thrown != nil || !result.warnings.isEmpty, "expected an error or a warning, got neither")
            if let thrown { #expect("\(thrown)".contains(c.fixture), "error should name the file: \(thrown)") }
            if thrown != nil { return }
        } else if let thrown {
            Issue.record("unexpected error: \(thrown)")
            return
        }
        guard c.expected.packagesChecked else { return }
        var expected = c.expected.packages ?? []
        let deviation = Self.deviations["\(c.format) \(c.fixture)"]
        if let deviation { expected = deviation.apply(to: expected) }
        // Hex checksums (mix.lock) and Julia tree hashes are not commits.
        if c.format.hasSuffix("/mixlock") || c.format == "julia/manifesttoml" {
            for i in expected.indices where !expected[i].version.isEmpty { expected[i].commit = nil }
        }
        var actual = result.packages
        if c.expected.config?["excludeIndirect"] == true { actual.removeAll { $0.direct == false } }
        var unmatched = actual
        var missing: [String] = []
        for want in expected {
            if let i = unmatched.firstIndex(where: { want.matches($0, fixture: c.fixture, checkLines: c.expected.lineNumbersChecked) }) {
                unmatched.remove(at: i)
            } else {
                missing.append(want.summary)
            }
        }
        if !missing.isEmpty {
            Issue.record("missing: \(missing.joined(separator: "; "))\n got: \(actual.map(CorpusCase.summary).joined(separator: "; "))")
        }
        unmatched.removeAll { deviation?.allowExtra.contains($0.name) ?? false }
        if !unmatched.isEmpty {
            Issue.record("unexpected: \(unmatched.map(CorpusCase.summary).joined(separator: "; "))")
        }
        for not in c.expected.notPackages ?? [] {
            #expect(!actual.contains { $0.name == not.name && ($0.version ?? "") == not.version }, "must not report \(not.summary)")
        }
    }

    @Test(arguments: CorpusCase.fileNameRows)
    func fileNameClaims(_ row: FileNameRow) throws {
        let parser = try #require(LockfileRegistry.standard.parser(named: Self.formats[row.format] ?? ""))
        #expect(parser.matches(path: row.path) == row.required, "\(row.format): '\(row.path)'")
    }
}

struct Deviation: Sendable {
    var reason: String
    var version: [String: String] = [:]
    var groups: [String: [String]] = [:]
    var line: [String: Int] = [:]
    var file: [String: String] = [:]
    var dropExpected: [String] = []
    var allowExtra: [String] = []

    func apply(to packages: [ExpectedPackage]) -> [ExpectedPackage] {
        packages.filter { !dropExpected.contains($0.name) }.map { p in
            var p = p
            if let v = version[p.name] { p.version = v }
            if let g = groups[p.name] { p.depGroups = g }
            if let l = line[p.name] { p.location?.line = l }
            if let f = file[p.name] { p.location?.path = f; p.location?.related = nil }
            return p
        }
    }
}

struct FileNameRow: Sendable, CustomTestStringConvertible {
    var format: String
    var path: String
    var required: Bool
    var testDescription: String { "\(format): \(path.isEmpty ? "<empty>" : path) → \(required)" }
}

struct CorpusCase: Sendable, CustomTestStringConvertible {
    var format: String
    var fixture: String
    var index: Int
    var expected: ExpectedCase

    var testDescription: String { "\(format) \(fixture) [\(expected.caseName)]" }

    /// `../shared/corpora/lockfiles` (or `$PICKET_SHARED_DIR/corpora/lockfiles`).
    static let corpusRoot: String = TestEnvironment.sharedRoot + "/corpora/lockfiles"

    static func load(_ folder: String) -> ExpectedFile? {
        guard let data = FileManager.default.contents(atPath: corpusRoot + "/" + folder + "/expected.json") else { return nil }
        return try? JSONDecoder().decode(ExpectedFile.self, from: data)
    }

    static let all: [CorpusCase] = {
        var out: [CorpusCase] = []
        for folder in LockfilesCorpusTests.formats.keys.sorted() {
            guard let file = load(folder) else { continue }
            for fixture in file.fixtures.keys.sorted() {
                for (i, c) in (file.fixtures[fixture] ?? []).enumerated() {
                    out.append(CorpusCase(format: folder, fixture: fixture, index: i, expected: c))
                }
            }
        }
        return out
    }()

    static let fileNameRows: [FileNameRow] = {
        LockfilesCorpusTests.formats.keys.sorted().flatMap { folder in
            (load(folder)?.fileRequired ?? []).map { FileNameRow(format: folder, path: $0.path, required: $0.required) }
        }
    }()

    static func summary(_ p: PackageRef) -> String {
        var s = "\(p.name)@\(p.version ?? "")"
        if let l = p.line { s += " L\(l)" }
        if let c = p.commit { s += " #\(c.prefix(12))" }
        if !p.groups.isEmpty { s += " [\(p.groups.joined(separator: ","))]" }
        if p.file.hasSuffix(".sum") { s += " (\(p.file))" }
        return s
    }
}

struct ExpectedFile: Decodable {
    var fixtures: [String: [ExpectedCase]]
    var fileRequired: [Row]?
    struct Row: Decodable { var path: String; var required: Bool }
    enum CodingKeys: String, CodingKey { case fixtures; case fileRequired = "file_required" }
}

struct ExpectedCase: Decodable, Sendable {
    var caseName: String
    var error: [String: AnyCodableValue]?
    var config: [String: Bool]?
    var packagesChecked: Bool
    var lineNumbersChecked: Bool
    var packages: [ExpectedPackage]?
    var notPackages: [ExpectedPackage]?

    enum CodingKeys: String, CodingKey {
        case caseName = "case", error, config, packages
        case packagesChecked = "packages_checked", lineNumbersChecked = "line_numbers_checked", notPackages = "not_packages"
    }
}

/// Error descriptions hold strings or booleans; their content is not compared (Go error texts).
enum AnyCodableValue: Decodable, Sendable {
    case string(String), bool(Bool)
    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b) } else { self = .string(try c.decode(String.self)) }
    }
}

struct ExpectedPackage: Decodable, Sendable {
    var name: String
    var version: String
    var ecosystem: String?
    var depGroups: [String]?
    var commit: String?
    var location: Location?
    struct Location: Decodable, Sendable {
        var path: String
        var line: Int?
        /// Other places the package is written (a `-r` include); a match on one of them is a match.
        var related: [Place]?
    }
    struct Place: Decodable, Sendable { var path: String; var line: Int? }

    enum CodingKeys: String, CodingKey {
        case name, version, ecosystem, commit, location
        case depGroups = "dep_groups"
    }

    var summary: String {
        var s = "\(name)@\(version)"
        if let l = location?.line { s += " L\(l)" }
        if let c = commit { s += " #\(c.prefix(12))" }
        if let g = depGroups, !g.isEmpty { s += " [\(g.joined(separator: ","))]" }
        if let p = location?.path, p.hasSuffix(".sum") { s += " (\(p))" }
        return s
    }

    func matches(_ p: PackageRef, fixture: String, checkLines: Bool) -> Bool {
        guard p.name == name, (p.version ?? "") == version else { return false }
        if let ecosystem, p.ecosystem.rawValue != ecosystem { return false }
        if let commit, p.commit != commit { return false }
        if let depGroups, Set(depGroups) != Set(p.groups) { return false }
        guard let location else { return true }
        let places = [Place(path: location.path, line: location.line)] + (location.related ?? [])
        return places.contains { place in
            guard p.file == place.path else { return false }
            guard checkLines, let line = place.line, line != 0 else { return true }
            return p.line == line
        }
    }
}
