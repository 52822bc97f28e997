import Testing
import PicketCore
@testable import PicketDeps

@Suite struct LockfilesPythonTests {
    @Test func requirementsPinsRangesIncludesAndConstraints() throws {
        let r = try LockfileFixture.parse("python-reqs", "requirements.txt")
        let django = try #require(r.package("Django"))
        #expect(django.version == "4.2.7" && django.line == 6)
        #expect(django.purl == "pkg:pypi/django@4.2.7")
        #expect(r.package("celery")?.version == "5.3.6")

        let requests = try #require(r.package("requests"))
        #expect(requests.version == nil, "a range is never guessed")
        #expect(requests.unresolvedReason?.contains(">=2.31") == true)
        #expect(r.package("numpy")?.version == nil)
        #expect(r.package("flask")?.unresolvedReason == "no version specifier")
        #expect(r.package("pyyaml")?.unresolvedReason?.contains("environment variable") == true)
        // Constrained by -c constraints.txt; constraint-only packages are not reported.
        #expect(r.package("gunicorn")?.version == "21.2.0")
        #expect(r.all("requests").count == 1)

        // Included files report at their own file and line; cycles end.
        let urllib3 = try #require(r.package("urllib3"))
        #expect(urllib3.file == "requirements/base.txt" && urllib3.line == 1)
        #expect(r.package("Jinja2")?.file == "sub/more.txt")
        #expect(r.all("Django").count == 1, "the include cycle back to requirements.txt read it only once")

        // -e, paths and URLs name no package.
        #expect(r.package("tool") == nil)
        #expect(r.packages.count == 9)

        let warnings = r.warnings.map(\.description).joined(separator: "\n")
        #expect(warnings.contains("requirements.txt:18: include '../../../../../../../../etc/passwd' points outside the scanned folder"))
        #expect(warnings.contains("missing-file.txt"))
    }

    @Test(arguments: [
        ("a==1.0", "a", "1.0"),
        ("A.b_c===2.0-rc1", "A.b_c", "2.0-rc1"),
        ("x[extra1, extra2]==3.0; sys_platform == 'linux'", "x", "3.0"),
        ("y >=1, ==1.5", "y", "1.5"),
        ("z~=1.4", "z", nil),
        ("w==1.*", "w", nil),
        ("v", "v", nil),
    ])
    func requirementLine(line: String, name: String, version: String?) {
        guard case let .package(n, v, _)? = RequirementsParser.parseRequirement(line) else {
            Issue.record("not parsed: \(line)")
            return
        }
        #expect(n == name)
        #expect(v == version)
    }

    @Test func pipfileLock() throws {
        let r = try LockfileFixture.parse("pipenv", "Pipfile.lock")
        #expect(r.package("requests")?.groups == [], "in default and develop: production")
        #expect(r.all("requests").count == 1)
        #expect(r.package("pytest")?.scope == "dev")
        #expect(r.package("localpkg") == nil)
        #expect(r.package("requests")?.line == 4)
    }

    @Test func poetryLock() throws {
        let r = try LockfileFixture.parse("poetry", "poetry.lock")
        #expect(r.package("certifi")?.line == 4)
        #expect(r.package("pytest")?.scope == "dev")
        let pillow = try #require(r.package("Pillow"))
        #expect(pillow.groups == ["optional"])
        #expect(pillow.commit == "7b3e9ac4d5e1c8f7a2b6e3c1d0f9a8b7c6d5e4f3")
        #expect(pillow.purl == "pkg:pypi/pillow@10.1.0")
    }

    @Test func uvLockWorkspace() throws {
        let r = try LockfileFixture.parse("uv", "uv.lock")
        #expect(r.package("app") == nil && r.package("lib") == nil, "workspace members are the project")
        #expect(r.package("httpx")?.direct == true)
        #expect(r.package("anyio")?.direct == true, "member lib depends on it")
        #expect(r.package("ruff")?.groups == ["dev"])
        #expect(r.packages.count == 3)
    }

    @Test func pdmLock() throws {
        let r = try LockfileFixture.parse("pdm", "pdm.lock")
        #expect(r.package("click")?.groups == [])
        #expect(r.package("pytest-cov")?.groups == ["optional"])
    }
}
