import Foundation
import PicketCore
import PicketTestSupport
import Testing
@testable import PicketDeps

/// The dependency scanner end to end in-process: real files walked by `FileWalker`, real lockfile parsers,
/// the real advisory database imported from the shared OSV dumps (PyPI, Go, crates.io).
@Suite("Dependency scanner", .serialized)
struct DependencyScannerTests {
    static let dumps = ["PyPI", "Go", "crates.io"].map { SharedCorpus.path("corpora/osv-dumps/\($0)/all.zip") }

    /// One data folder with the corpus imported, shared by the read-only tests of this suite.
    static let data: String? = {
        guard let dir = try? TestEnvironment.makeTemporaryDirectory("picket-deps-scan"),
              let sources = try? dumps.map(AdvisorySource.resolve),
              (try? AdvisoryImporter(dataDirectory: DataDirectory(path: dir)).run(sources)) != nil else { return nil }
        return dir
    }()

    static let vulnerableRepo: [String: String] = [
        "services/api/requirements.txt": "# pinned\njinja2==2.10\nrequests==2.31.0\n",
        "services/api/node_modules/left/requirements.txt": "urllib3==1.0\n",
        "tools/cli/Cargo.lock": """
            version = 3

            [[package]]
            name = "cookie"
            version = "0.7.5"
            source = "registry+https://index.example/crates"

            [[package]]
            name = "serde"
            version = "1.0.200"
            source = "registry+https://index.example/crates"
            """,
        "go.mod": "module example.com/app\n\ngo 1.22\n\nrequire golang.org/x/text v0.3.0\n",
    ]

    func scan(_ files: [String: Data], config: String? = nil, required: Bool = false, data: String? = Self.data,
              mode: ScanTarget.Mode = .workingTree) async throws -> ScannerOutput {
        let dir = try TempDir()
        for (path, content) in files { try dir.write(path, content) }
        var cfg = PicketConfig()
        if let config { cfg = try PicketConfig.parse(yaml: config, file: ".picket.yml") }
        let target = try await ScanRunner.makeTarget(path: dir.path, mode: mode, config: cfg)
        let context = ScanContext(dataDirectory: DataDirectory(path: try #require(data, "importing the corpus failed")))
        return try await DependencyScanner(required: required).scan(target, context: context)
    }

    func scan(_ files: [String: String], config: String? = nil, required: Bool = false, data: String? = Self.data) async throws -> ScannerOutput {
        try await scan(files.mapValues { Data($0.utf8) }, config: config, required: required, data: data)
    }

    @Test func findsVulnerablePackagesInEveryFolder() async throws {
        let out = try await scan(Self.vulnerableRepo)
        #expect(out.stats["lockfiles"] == 3, "node_modules is skipped: \(out.stats)")
        #expect(out.diagnostics.contains { $0.path == "services/api/node_modules/left/requirements.txt" && $0.level == .notice })

        // crates.io: one record with a CVSS 3 vector; the GHSA alias is the rule id.
        let cookie = try #require(out.findings.first { $0.dependency?.name == "cookie" })
        #expect(cookie.ruleID == "GHSA-vjrq-cg9x-rfjp")
        #expect(cookie.kind == .dependency)
        #expect(cookie.severity == .high)
        #expect(cookie.location.path == "tools/cli/Cargo.lock")
        #expect(cookie.location.startLine == 4)
        let dep = try #require(cookie.dependency)
        #expect(dep.ecosystem == "crates.io" && dep.version == "0.7.5")
        #expect(dep.aliases == ["CVE-2017-18589", "RUSTSEC-2017-0005"])
        #expect(dep.fixedVersions == ["0.7.6"])
        #expect(dep.recommendedVersion == "0.7.6")
        #expect(dep.cvssVectors.first?.hasPrefix("CVSS:3.") == true)
        #expect(dep.purl == "pkg:cargo/cookie@0.7.5")
        #expect(Set(cookie.identifiers.map(\.type)) == ["ghsa", "cve", "osv"])
        #expect(cookie.identifiers.first { $0.type == "osv" }?.url == "https://osv.dev/vulnerability/RUSTSEC-2017-0005")
        #expect(cookie.message.contains("Fixed in: 0.7.6."))
        #expect(cookie.message.contains("Severity from CVSS 3.1 base score 7.5") || cookie.message.contains("Severity from CVSS 3.0 base score 7.5"))

        // PyPI: two vulnerabilities of jinja2 2.10; both name the smallest upgrade fixing both.
        let jinja = out.findings.filter { $0.dependency?.name == "jinja2" }
        #expect(Set(jinja.map(\.ruleID)) == ["GHSA-462w-v97r-4m45", "GHSA-g3rq-g295-4j3m"])
        for f in jinja {
            #expect(f.dependency?.recommendedVersion == "2.11.3")
            #expect(f.message.contains("Upgrade jinja2 to 2.11.3: the smallest version that fixes all 2 known vulnerabilities"))
            #expect(f.location == Location(path: "services/api/requirements.txt", startLine: 2))
        }
        #expect(jinja.first { $0.ruleID == "GHSA-462w-v97r-4m45" }?.dependency?.fixedVersions == ["2.10.1"])
        #expect(!out.findings.contains { $0.dependency?.name == "requests" }, "2.31.0 is fixed")

        // Go: four advisories for golang.org/x/text v0.3.0, no severity rating → medium.
        let text = out.findings.filter { $0.dependency?.name == "golang.org/x/text" }
        #expect(text.count == 4)
        #expect(text.allSatisfy { $0.dependency?.recommendedVersion == "0.39.0" })
        #expect(text.allSatisfy { $0.severity == DependencyFindings.unratedSeverity })
        #expect(text.contains { $0.ruleID == "GHSA-5rcv-m4m3-hfh7" && $0.dependency?.fixedVersions.first == "0.3.3" })
        #expect(text.contains { $0.ruleID == "CVE-2026-56852" }, "no GHSA alias: the CVE is the rule id")
        // go.mod's `go 1.22` line names the standard library at that version, as osv-scanner reads it.
        let stdlib = out.findings.filter { $0.dependency?.name == "stdlib" }
        #expect(!stdlib.isEmpty && stdlib.allSatisfy { $0.dependency?.version == "1.22" && $0.location.path == "go.mod" })
        #expect(out.stats["vulnerable-packages"] == 4, "cookie, jinja2, golang.org/x/text, stdlib")
        #expect(out.stats["findings"] == out.findings.count)
    }

    @Test func fingerprintsIgnoreLinesAndFollowPackageIdentity() async throws {
        let first = try await scan(["requirements.txt": "jinja2==2.10\n"])
        let moved = try await scan(["requirements.txt": "# a comment\n\nJinja2==2.10\n"])
        let upgraded = try await scan(["requirements.txt": "jinja2==2.10.1\n"])
        let a = try #require(first.findings.first { $0.ruleID == "GHSA-g3rq-g295-4j3m" })
        let b = try #require(moved.findings.first { $0.ruleID == "GHSA-g3rq-g295-4j3m" })
        let c = try #require(upgraded.findings.first { $0.ruleID == "GHSA-g3rq-g295-4j3m" })
        #expect(a.location.startLine == 1 && b.location.startLine == 3)
        #expect(a.fingerprint == b.fingerprint, "line moves and name spelling keep the fingerprint")
        #expect(a.fingerprint != c.fingerprint, "another version is another finding")
        #expect(a.fingerprint == DependencyFindings.fingerprint(kind: .dependency, rule: "GHSA-g3rq-g295-4j3m",
            package: PackageRef(ecosystem: .pypi, name: "JINJA2", version: " 2.10", file: "requirements.txt")))
    }

    @Test func versionNoComparatorUnderstandsIsReportedNotMatched() async throws {
        let out = try await scan(["requirements.txt": "jinja2==2.10\nurllib3==1.26.x-banana\n"])
        #expect(!out.findings.contains { $0.dependency?.name == "urllib3" })
        let d = try #require(out.diagnostics.first { $0.message.contains("urllib3") })
        #expect(d.level == .warning)
        #expect(d.path == "requirements.txt")
        #expect(d.message.contains("line 2: urllib3 1.26.x-banana (PyPI) was not checked against PYSEC-"))
        #expect(out.stats["unmatched-versions"] == 1)
        #expect(out.findings.contains { $0.dependency?.name == "jinja2" }, "the rest of the scan completes")
    }

    @Test func brokenLockfilesAreDiagnosticsAndTheRestCompletes() async throws {
        var bomb = "lockfileVersion: '6.0'\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for i in 1..<names.count {
            bomb += "\(names[i]): &\(names[i]) [" + Array(repeating: "*\(names[i - 1])", count: 9).joined(separator: ",") + "]\n"
        }
        bomb += "packages:\n  /x@1.0.0:\n    resolution: *i\n"
        let full = String(decoding: GeneratedLockfile.packageLock(count: 20), as: UTF8.self)
        let out = try await scan([
            "web/package-lock.json": String(full.prefix(full.count / 2)),
            "ui/pnpm-lock.yaml": bomb,
            "rust/Cargo.lock": "version = 3\n\n[[package]]\nname = \"serde\nversion = \"1.0\"\n",
            "requirements.txt": "jinja2==2.10\n",
        ])
        let errors = out.diagnostics.filter { $0.level == .error }
        #expect(Set(errors.compactMap(\.path)) == ["web/package-lock.json", "ui/pnpm-lock.yaml", "rust/Cargo.lock"])
        #expect(errors.first { $0.path == "web/package-lock.json" }?.message.contains("truncated") == true)
        #expect(errors.first { $0.path == "ui/pnpm-lock.yaml" }?.message.contains("alias bomb") == true)
        #expect(errors.allSatisfy { $0.message.contains("its packages are not checked") })
        #expect(out.stats["unreadable-lockfiles"] == 3)
        #expect(out.findings.contains { $0.dependency?.name == "jinja2" })
    }

    /// An old database finds nothing published since: the scan says how old it is, from the database's own
    /// record of its last import, unless `.picket.yml` allows that age.
    @Test(arguments: [
        (0.0, nil as String?, false),              // just imported
        (6.5, nil, false),                         // within the default week
        (30.0, nil, true),                         // a month later
        (30.0, "database-max-age-days: 45", false),
        (30.0, "database-max-age-days: 0", false), // never warn
        (30.0, "database-max-age-days: 10", true),
    ])
    func oldDatabaseIsNamedInAWarning(daysLater: Double, setting: String?, warns: Bool) async throws {
        let data = try #require(Self.data, "importing the corpus failed")
        let dir = try TempDir()
        try dir.write("requirements.txt", "jinja2==2.10\n")
        let cfg = try PicketConfig.parse(yaml: setting.map { "deps:\n  \($0)\n" } ?? "", file: ".picket.yml")
        let target = try await ScanRunner.makeTarget(path: dir.path, mode: .workingTree, config: cfg)
        let lastImport = try #require(try AdvisoryDatabase.open(dataDirectory: DataDirectory(path: data)).lastUpdate())
        let scanner = DependencyScanner(now: lastImport + daysLater * 86_400)
        let out = try await scanner.scan(target, context: ScanContext(dataDirectory: DataDirectory(path: data)))
        let warning = out.diagnostics.first { $0.message.hasPrefix("the advisory database was last updated") }
        #expect((warning != nil) == warns, "\(out.diagnostics)")
        if let warning {
            #expect(warning.level == .warning)
            #expect(warning.message.contains("updated 30 days ago"))
            #expect(warning.message.contains("run `picket db update`"))
        }
        #expect(!out.findings.isEmpty, "the scan itself goes on")
    }

    @Test func negativeDatabaseAgeIsAConfigError() {
        #expect(throws: PicketError.config(file: ".picket.yml", line: 2, key: "deps.database-max-age-days",
                                           message: "expected a number of days, 0 or more (0: never warn)")) {
            _ = try DependencySettings(config: PicketConfig.parse(yaml: "deps:\n  database-max-age-days: -1\n", file: ".picket.yml"))
        }
    }

    @Test func noDatabaseWarnsByDefaultAndFailsWhenRequested() async throws {
        let empty = try TestEnvironment.makeTemporaryDirectory("picket-no-db")
        defer { TestEnvironment.remove(empty) }
        let files = ["requirements.txt": "jinja2==2.10\n", "go.mod": "module x\n\nrequire golang.org/x/text v0.3.0\n"]
        let out = try await scan(files, data: empty)
        let w = try #require(out.diagnostics.first { $0.level == .warning })
        #expect(w.message.contains("no advisory database at \(empty)/osv/osv.sqlite"))
        #expect(w.message.contains("`picket db update --ecosystem Go --ecosystem PyPI`"))
        #expect(w.message.contains("`picket db import PATH`"))
        #expect(out.findings.isEmpty && out.stats["skipped"] == 1)

        await #expect {
            _ = try await scan(files, required: true, data: empty)
        } throws: { e in
            (e as? ScannerFailure)?.message.contains("no advisory database at") == true
        }
        // Nothing to check: no database needed, no warning.
        let none = try await scan(["README.md": "hi\n"], required: true, data: empty)
        #expect(none.diagnostics.isEmpty && none.findings.isEmpty)
    }

    @Test func ecosystemMissingFromTheDatabaseIsSaid() async throws {
        let out = try await scan(["Gemfile.lock": "GEM\n  remote: https://index.example/\n  specs:\n    rack (2.0.0)\n\nDEPENDENCIES\n  rack\n"])
        #expect(out.diagnostics.contains { $0.level == .warning && $0.message.contains("no RubyGems advisories, so 1 RubyGems package was not checked") })
    }

    @Test func unknownEcosystemRecordInTheDatabase() async throws {
        let data = try TestEnvironment.makeTemporaryDirectory("picket-edge-db")
        defer { TestEnvironment.remove(data) }
        let sources = try ([SharedCorpus.fixtures + "/osv/edge"] + Self.dumps).map(AdvisorySource.resolve)
        let report = try AdvisoryImporter(dataDirectory: DataDirectory(path: data)).run(sources)
        #expect(report.unknownEcosystems["FooBarOS"] == 1)
        let out = try await scan(["requirements.txt": "jinja2==2.10\n"], data: data)
        #expect(out.findings.filter { $0.dependency?.name == "jinja2" }.count == 2)
    }

    @Test func ignoredScopesAreNotChecked() async throws {
        let lock = """
            [[package]]
            name = "jinja2"
            version = "2.10"
            optional = false
            python-versions = "*"

            [package.extras]

            [metadata]
            lock-version = "2.0"
            """
        let pyproject = "[tool.poetry]\nname = \"x\"\n\n[tool.poetry.group.dev.dependencies]\njinja2 = \"2.10\"\n"
        let all = try await scan(["poetry.lock": lock, "pyproject.toml": pyproject])
        #expect(!all.findings.isEmpty)
        let dev = all.findings.first?.dependency?.scope
        let cfg = "deps:\n  ignore-scopes: [\(dev ?? "runtime")]\n"
        let ignored = try await scan(["poetry.lock": lock, "pyproject.toml": pyproject], config: cfg)
        #expect(ignored.findings.isEmpty)
        #expect(ignored.stats["ignored-by-scope"] == 1)
    }

    /// Packages named in `ignore-packages` stay in the inventory (SBOM, dependency list) but are not checked:
    /// the Go toolchain's `stdlib`, and a PyPI name matched whatever its case.
    @Test func ignoredPackagesAreListedButNotChecked() async throws {
        let files = ["requirements.txt": "Jinja2==2.10\nurllib3==1.0\n",
                     "go.mod": "module example.com/app\n\ngo 1.22\n\nrequire golang.org/x/text v0.3.0\n"]
        let all = try await scan(files)
        let names = Set(all.findings.compactMap { $0.dependency?.name })
        #expect(names.isSuperset(of: ["Jinja2", "stdlib", "golang.org/x/text", "urllib3"]), "\(names)")
        let cfg = """
            deps:
              ignore-packages:
                - name: stdlib
                  ecosystem: Go
                  reason: the go line is a minimum, CI builds with the current toolchain
                - name: JINJA*
                - name: "golang.org/x/*"
                  ecosystem: npm
            """
        let ignored = try await scan(files, config: cfg)
        let left = Set(ignored.findings.compactMap { $0.dependency?.name })
        #expect(left == ["golang.org/x/text", "urllib3"], "an ecosystem narrows the entry: \(left)")
        #expect(ignored.stats["ignored-by-name"] == 2)
        #expect(Set(ignored.components.map(\.name)) == Set(all.components.map(\.name)), "still in the inventory")
        #expect(ignored.components.contains { $0.name == "stdlib" && $0.ecosystem == "Go" })
    }

    @Test(arguments: [
        ("@acme/*", "@acme/ui", true), ("@acme/*", "@acme", false), ("*", "", true), ("a*b*c", "aXbYbZc", true),
        ("a*b*c", "aXbYbZ", false), ("??x", "abx", true), ("??x", "ax", false), ("github.com/acme/*", "github.com/acme/a/b", true),
        ("*-internal", "billing-internal", true), ("lodash", "lodash-es", false),
    ])
    func wildcards(pattern: String, name: String, matches: Bool) {
        #expect(PackageIgnore.wildcard(Array(pattern.utf8), Array(name.utf8)) == matches)
    }

    @Test func wildcardsStayLinearOnHostilePatterns() {
        let pattern = Array(String(repeating: "*a", count: 200).utf8) + Array("b".utf8)
        let text = Array(String(repeating: "a", count: 5_000).utf8)
        let t0 = ContinuousClock.now
        #expect(!PackageIgnore.wildcard(pattern, text))
        #expect(ContinuousClock.now - t0 < .seconds(5), "no exponential backtracking")
    }

    @Test func badIgnorePackagesEntriesNameTheKey() {
        #expect(throws: PicketError.config(file: ".picket.yml", line: 3, key: "deps.ignore-packages[0].nam",
                                           message: "unknown key; expected one of: ecosystem, name, reason")) {
            _ = try DependencySettings(config: PicketConfig.parse(yaml: "deps:\n  ignore-packages:\n    - nam: x\n", file: ".picket.yml"))
        }
        #expect(throws: PicketError.self) {
            _ = try DependencySettings(config: PicketConfig.parse(yaml: "deps:\n  ignore-packages:\n    - name: ' '\n", file: ".picket.yml"))
        }
    }

    @Test func lockfilesOverTheWalkerLimitAreDiscovered() throws {
        let dir = try TempDir()
        try dir.write("a/requirements.txt", String(repeating: "# padding\n", count: 20) + "jinja2==2.10\n")
        try dir.write("notes.txt", String(repeating: "x", count: 1000))
        try dir.write("small/go.mod", "module x\n")
        let inventory = FileWalker(maxFileSize: 100).walk(root: dir.path)
        #expect(inventory.files.map(\.path) == ["small/go.mod"])
        #expect(inventory.oversized.map(\.path).sorted() == ["a/requirements.txt", "notes.txt"])
        let target = ScanTarget(root: dir.path, origin: ScanOrigin(), config: PicketConfig(), inventory: inventory)
        #expect(LockfileDiscovery().discover(target).lockfiles.map(\.path) == ["a/requirements.txt", "small/go.mod"])
        // Still bounded: LockfileFiles refuses files over its own limit, and the error names the file.
        let bounded = LockfileFiles(root: dir.path, maxFileSize: 100)
        #expect(throws: LockfileFiles.AccessError.tooLarge("a/requirements.txt", 100)) { _ = try bounded.read("a/requirements.txt") }
    }

    @Test func hundredMegabyteLockfileOverTheWalkerLimitIsRead() async throws {
        let big = GeneratedLockfile.packageLock(count: 100_000, padding: 640)
        #expect(big.count > 100_000_000)
        let out = try await scan(["app/package-lock.json": big, "requirements.txt": Data("jinja2==2.10\n".utf8)])
        #expect(out.stats["lockfiles"] == 2)
        #expect(out.stats["packages"] == 100_001)
        #expect(out.diagnostics.contains { $0.message.contains("no npm advisories, so 100000 npm packages were not checked") })
        #expect(out.findings.filter { $0.dependency?.name == "jinja2" }.count == 2)
    }

    @Test func hundredThousandPackages() async throws {
        var text = "jinja2==2.10\n"
        for i in 0..<100_000 { text += "generated-package-\(i)==1.\(i % 10).\(i % 7)\n" }
        text += "cookie-parser==not a version\n"
        let out = try await scan(["requirements.txt": text])
        #expect(out.stats["packages"] == 100_002)
        #expect(out.findings.filter { $0.dependency?.name == "jinja2" }.count == 2)
        #expect(out.stats["vulnerable-packages"] == 1)
    }

    @Test func historyModeSaysWhatItReads() async throws {
        let out = try await scan(["requirements.txt": Data("jinja2==2.10\n".utf8)], mode: .history)
        #expect(out.diagnostics.contains { $0.message.contains("reads the checked-out lockfiles") })
    }
}
