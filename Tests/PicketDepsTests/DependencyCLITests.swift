import Foundation
import PicketCore
import PicketTestSupport
import Testing
@testable import PicketDeps

/// `picket db import`, `picket scan` and `picket sbom` as users run them: the built binary, a fixture repository
/// with vulnerable PyPI, Go and crates.io lockfiles, the shared OSV dumps, every output format validated
/// against its official schema.
@Suite("picket scan/sbom with dependencies (CLI)", .serialized)
struct DependencyCLITests {
    /// A data folder with the three corpus dumps imported through `picket db import`, made once for the suite.
    actor ImportedData {
        static let shared = ImportedData()
        private var result: Result<String, PicketError>?

        func directory() async throws -> String {
            if let result { return try result.get() }
            let made: Result<String, PicketError>
            do {
                let dir = try TestEnvironment.makeTemporaryDirectory("picket-cli-deps")
                let r = try await TestEnvironment.runPicket(["db", "import"] + DependencyScannerTests.dumps + ["--data-dir", dir])
                made = r.status == 0 ? .success(dir) : .failure(.runtime("db import exited \(r.status): \(r.stderrText)"))
            } catch {
                made = .failure(.runtime("db import: \(error)"))
            }
            result = made
            return try made.get()
        }
    }

    func dataDir() async throws -> String { try await ImportedData.shared.directory() }

    func repo(_ files: [String: String] = DependencyScannerTests.vulnerableRepo) async throws -> String {
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-deps-repo")
        try TestEnvironment.write(files, under: dir)
        try await TestEnvironment.git(["init", "-q", "-b", "main"], in: dir)
        try await TestEnvironment.git(["add", "-A"], in: dir)
        try await TestEnvironment.git(["commit", "-q", "-m", "lockfiles"], in: dir)
        return dir
    }

    func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    @Test func scanReportsVulnerabilitiesInEveryFormat() async throws {
        let data = try await dataDir()
        let dir = try await repo()
        let out = try TestEnvironment.makeTemporaryDirectory("picket-deps-out")
        defer { TestEnvironment.remove(dir); TestEnvironment.remove(out) }

        let r = try await TestEnvironment.runPicket([
            "scan", dir, "--scanners", "deps", "--data-dir", data, "--format", "json", "--output", out + "/r.json",
            "--report", "sarif=\(out)/r.sarif", "--report", "gitlab-dependency-scanning=\(out)/ds.json",
            "--report", "gitlab=\(out)/gl.json", "--report", "table=\(out)/r.txt",
        ])
        #expect(r.status == 1, "\(r.stderrText)")
        for (schema, file) in [("sarif", "r.sarif"), ("gitlab-dependency-scanning", "ds.json"), ("gitlab-dependency-scanning", "gl.json")] {
            let problems = try await TestEnvironment.validateJSON(schema: schema, document: out + "/" + file)
            #expect(problems == nil, "\(file): \(problems ?? "")")
        }

        let report = try json(out + "/r.json")
        let findings = try #require(report["findings"] as? [[String: Any]])
        let cookie = try #require(findings.first { ($0["dependency"] as? [String: Any])?["name"] as? String == "cookie" })
        #expect(cookie["rule_id"] as? String == "GHSA-vjrq-cg9x-rfjp")
        #expect(cookie["severity"] as? String == "high")
        let dep = try #require(cookie["dependency"] as? [String: Any])
        #expect(dep["fixed_versions"] as? [String] == ["0.7.6"])
        #expect(dep["recommended_version"] as? String == "0.7.6")
        let jinja = findings.filter { ($0["dependency"] as? [String: Any])?["name"] as? String == "jinja2" }
        #expect(Set(jinja.compactMap { $0["rule_id"] as? String }) == ["GHSA-462w-v97r-4m45", "GHSA-g3rq-g295-4j3m"])
        #expect(jinja.allSatisfy { ($0["dependency"] as? [String: Any])?["recommended_version"] as? String == "2.11.3" })
        #expect(findings.filter { ($0["dependency"] as? [String: Any])?["name"] as? String == "golang.org/x/text" }.count == 4)

        // GitLab: one vulnerability per finding, the advisory as primary identifier, the upgrade as solution.
        let ds = try json(out + "/ds.json")
        let vulns = try #require(ds["vulnerabilities"] as? [[String: Any]])
        #expect(vulns.count == findings.count)
        let gl = try #require(vulns.first { (($0["location"] as? [String: Any])?["dependency"] as? [String: Any]).flatMap { ($0["package"] as? [String: Any])?["name"] as? String } == "cookie" })
        #expect((gl["identifiers"] as? [[String: Any]])?.first?["value"] as? String == "GHSA-vjrq-cg9x-rfjp")
        #expect(gl["solution"] as? String == "Upgrade cookie to 0.7.6 or later.")
        #expect((gl["location"] as? [String: Any])?["file"] as? String == "tools/cli/Cargo.lock")
        #expect(try json(out + "/gl.json")["vulnerabilities"] as? [[String: Any]] != nil, "--format gitlab picks dependency_scanning when only deps ran")

        let table = try String(contentsOfFile: out + "/r.txt", encoding: .utf8)
        #expect(table.contains("tools/cli/Cargo.lock"))
        #expect(table.contains("GHSA-vjrq-cg9x-rfjp"))
        #expect(table.contains("cookie@0.7.5 → 0.7.6"))
    }

    @Test func failOnHighAndDefaultScanners() async throws {
        let data = try await dataDir()
        let high = try await repo()
        let medium = try await repo(["requirements.txt": "jinja2==2.10\n"])
        defer { TestEnvironment.remove(high); TestEnvironment.remove(medium) }
        // cookie 0.7.5 is high (CVSS 7.5).
        #expect(try await TestEnvironment.runPicket(["scan", high, "--data-dir", data, "--fail-on", "high"]).status == 1)
        // jinja2's advisories carry no rating: medium, below the gate.
        let m = try await TestEnvironment.runPicket(["scan", medium, "--scanners", "secrets,deps", "--data-dir", data, "--fail-on", "high"])
        #expect(m.status == 0, "\(m.stdoutText)\(m.stderrText)")
        #expect(m.stdoutText.contains("GHSA-462w-v97r-4m45"))
        // Deps runs by default beside secrets.
        let d = try await TestEnvironment.runPicket(["scan", medium, "--data-dir", data, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: d.stdout) as? [String: Any])
        let ids = (report["scanners"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(ids.contains("deps") && ids.contains("secrets"))
    }

    @Test func missingDatabase() async throws {
        let empty = try TestEnvironment.makeTemporaryDirectory("picket-empty-data")
        let dir = try await repo(["requirements.txt": "jinja2==2.10\n", "app.env": "GITLAB_TOKEN=glpat-3Fq9vR2xKp7LmN4tYw8Z\n"])
        defer { TestEnvironment.remove(empty); TestEnvironment.remove(dir) }
        // By default: a warning, and the secret scanner's finding still decides the exit code.
        let byDefault = try await TestEnvironment.runPicket(["scan", dir, "--data-dir", empty])
        #expect(byDefault.status == 1, "\(byDefault.stderrText)")
        #expect(byDefault.stdoutText.contains("warning: no advisory database at \(empty)/osv/osv.sqlite"))
        #expect(byDefault.stdoutText.contains("picket db import PATH"))
        // Asked for by name: the scan fails (exit 2) and says how to get a database.
        let asked = try await TestEnvironment.runPicket(["scan", dir, "--scanners", "deps", "--data-dir", empty, "--format", "json"])
        #expect(asked.status == 2)
        #expect(asked.stderrText.contains("scanner deps failed: no advisory database at"))
        #expect(asked.stderrText.contains("picket db update --ecosystem PyPI"))
        try TestEnvironment.write([".picket.yml": "scanners: [deps]\n"], under: dir)
        #expect(try await TestEnvironment.runPicket(["scan", dir, "--data-dir", empty]).status == 2, "scanners: in .picket.yml asks by name too")
    }

    /// `ignore.vulnerabilities` by an alias the report does not lead with (the rule id is the GHSA id), for one
    /// package, until a day: while it holds the gate passes and the report keeps the finding, marked; once the
    /// day is past the finding counts again and the scan says which entry expired.
    @Test func ignoredVulnerabilityHoldsUntilItsDay() async throws {
        let data = try await dataDir()
        let lock = try #require(DependencyScannerTests.vulnerableRepo["tools/cli/Cargo.lock"])
        func config(_ until: String) -> String {
            "ignore:\n  vulnerabilities:\n    - id: rustsec-2017-0005\n      package: cookie\n      until: \(until)\n      reason: only parses our own cookies\n"
        }
        let held = try await repo(["Cargo.lock": lock, ".picket.yml": config("2099-12-31")])
        let expired = try await repo(["Cargo.lock": lock, ".picket.yml": config("2020-01-31")])
        let otherPackage = try await repo(["Cargo.lock": lock, ".picket.yml": config("2099-12-31").replacingOccurrences(of: "package: cookie", with: "package: cookie-store")])
        defer { for d in [held, expired, otherPackage] { TestEnvironment.remove(d) } }

        let h = try await TestEnvironment.runPicket(["scan", held, "--scanners", "deps", "--data-dir", data, "--fail-on", "high", "--format", "json"])
        #expect(h.status == 0, "\(h.stderrText)")
        let report = try #require(try JSONSerialization.jsonObject(with: h.stdout) as? [String: Any])
        let cookie = try #require((report["findings"] as? [[String: Any]])?.first { $0["rule_id"] as? String == "GHSA-vjrq-cg9x-rfjp" })
        let suppression = try #require(cookie["suppression"] as? [String: Any])
        #expect(suppression["kind"] as? String == "config")
        #expect(suppression["reason"] as? String == "only parses our own cookies (until 2099-12-31)")

        let e = try await TestEnvironment.runPicket(["scan", expired, "--scanners", "deps", "--data-dir", data, "--fail-on", "high"])
        #expect(e.status == 1, "\(e.stderrText)")
        #expect(e.stdoutText.contains("the ignore of RUSTSEC-2017-0005 in cookie (.picket.yml:3) expired on 2020-01-31; its finding counts again"),
                "\(e.stdoutText)")

        let o = try await TestEnvironment.runPicket(["scan", otherPackage, "--scanners", "deps", "--data-dir", data, "--fail-on", "high"])
        #expect(o.status == 1, "an ignore for another package leaves cookie counted")
    }

    /// A transitive vulnerable package names the way it came in, in the message and in the JSON report.
    @Test func transitiveFindingsSayHowThePackageCameIn() async throws {
        let data = try TestEnvironment.makeTemporaryDirectory("picket-npm-data")
        let fixtures = TestEnvironment.packageRoot + "/Tests/PicketDepsTests/Fixtures"
        let dir = try await repo(["package-lock.json": try String(contentsOfFile: fixtures + "/lockfiles/npm-paths/package-lock.json", encoding: .utf8)])
        defer { TestEnvironment.remove(data); TestEnvironment.remove(dir) }
        let imported = try await TestEnvironment.runPicket(["db", "import", fixtures + "/osv-npm", "--data-dir", data])
        #expect(imported.status == 0, "\(imported.stderrText)")
        let r = try await TestEnvironment.runPicket(["scan", dir, "--scanners", "deps", "--data-dir", data, "--format", "json"])
        #expect(r.status == 1, "\(r.stderrText)")
        let report = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        // qs 6.11.0 (nested twice) is affected; the hoisted, direct qs 6.12.0 is not.
        #expect(findings.count == 1)
        let f = try #require(findings.first)
        let dep = try #require(f["dependency"] as? [String: Any])
        #expect(dep["version"] as? String == "6.11.0")
        #expect(dep["direct"] as? Bool == false)
        #expect(dep["introduced_through"] as? [String] == ["express@4.18.2"])
        #expect((f["message"] as? String)?.contains("Introduced through express@4.18.2 → qs@6.11.0.") == true, "\(f["message"] ?? "")")
    }

    @Test func badConfigIsAUsageError() async throws {
        let dir = try await repo(["requirements.txt": "jinja2==2.10\n", ".picket.yml": "licenses:\n  deny: [GPL-3.0-only OR MIT]\n"])
        defer { TestEnvironment.remove(dir) }
        let r = try await TestEnvironment.runPicket(["scan", dir, "--data-dir", try await dataDir()])
        #expect(r.status == 2)
        #expect(r.stderrText.contains(".picket.yml:2: 'licenses.deny[0]': 'GPL-3.0-only OR MIT' is not one SPDX licence id"))
    }

    @Test func sbomInBothFormatsValidates() async throws {
        var files = DependencyScannerTests.vulnerableRepo
        files["web/package-lock.json"] = """
            {"name": "web", "lockfileVersion": 3, "packages": {
              "": {"name": "web", "dependencies": {"left": "^1.0.0"}},
              "node_modules/left": {"version": "1.0.0", "license": "MIT"},
              "node_modules/@scope/right": {"version": "2.0.0", "license": "Apache-2.0 OR MIT", "dev": true}}}
            """
        files["broken/composer.lock"] = "{\"packages\": ["
        let dir = try await repo(files)
        let out = try TestEnvironment.makeTemporaryDirectory("picket-sbom")
        defer { TestEnvironment.remove(dir); TestEnvironment.remove(out) }
        for format in ["cyclonedx", "spdx"] {
            let file = out + "/sbom.\(format).json"
            let r = try await TestEnvironment.runPicket(["sbom", dir, "--format", format, "--output", file])
            #expect(r.status == 0, "\(r.stderrText)")
            #expect(r.stderrText.contains("broken/composer.lock"), "the unreadable lockfile is named")
            #expect(r.stderrText.contains("8 packages from 5 lockfiles written to \(file)"))
            let problems = try await TestEnvironment.validateJSON(schema: format, document: file)
            #expect(problems == nil, "\(format): \(problems ?? "")")
        }
        let cdx = try json(out + "/sbom.cyclonedx.json")
        let components = try #require(cdx["components"] as? [[String: Any]])
        #expect(Set(components.compactMap { $0["purl"] as? String }).isSuperset(of: [
            "pkg:cargo/cookie@0.7.5", "pkg:pypi/jinja2@2.10", "pkg:golang/golang.org/x/text@v0.3.0", "pkg:npm/%40scope/right@2.0.0"]))
        let right = try #require(components.first { $0["name"] as? String == "right" })
        #expect(right["group"] as? String == "@scope")
        #expect(right["scope"] as? String == "excluded")
        let spdx = try json(out + "/sbom.spdx.json")
        #expect((spdx["packages"] as? [[String: Any]])?.count == 9, "the root and 8 packages")
        // Standard output by default; an unknown format is a usage error.
        let stdout = try await TestEnvironment.runPicket(["sbom", dir])
        #expect(stdout.status == 0 && stdout.stdoutText.contains("\"bomFormat\" : \"CycloneDX\""))
        let bad = try await TestEnvironment.runPicket(["sbom", dir, "--format", "xml"])
        #expect(bad.status == 2 && bad.stderrText.contains("unknown SBOM format 'xml'"))
    }
}
