import Testing
import PicketCore
@testable import PicketDeps

@Suite struct LockfilesNpmTests {
    @Test func packageLockV3WithWorkspaces() throws {
        let r = try LockfileFixture.parse("npm-workspaces", "package-lock.json")
        let types = try #require(r.package("@types/node"))
        #expect(types.version == "20.11.5")
        #expect(types.purl == "pkg:npm/%40types/node@20.11.5")
        #expect(types.scope == "dev" && types.groups == ["dev"])
        #expect(types.direct == true)
        #expect(types.license == "MIT")
        #expect(types.line == 19)
        #expect(types.file == "package-lock.json")

        #expect(r.package("express")?.direct == true)
        // qs is installed twice: nested under express (production) and hoisted (dev): one entry, production.
        let qs = r.all("qs")
        #expect(qs.count == 1)
        #expect(qs.first?.groups == [] && qs.first?.scope == "runtime" && qs.first?.direct == false)
        #expect(r.package("fsevents")?.groups == ["optional"])
        // An alias is reported under the real name.
        #expect(r.package("string-width")?.version == "4.2.3")
        #expect(r.package("string-width-cjs") == nil)
        // The workspace link is not a package; a workspace's hoisted dependency is direct.
        #expect(r.package("web")?.version == "0.1.0")
        #expect(r.packages.filter { $0.name == "web" }.count == 1)
        #expect(r.package("lodash")?.direct == true)
        let git = try #require(r.package("private-tool"))
        #expect(git.commit == "0123456789abcdef0123456789abcdef01234567")
        #expect(git.version == "1.0.0")
    }

    /// Through which direct dependency each transitive package came in, resolved as Node resolves `require`
    /// (nearest node_modules walking up), shortest path, workspace links followed.
    @Test func packageLockV3IntroducedThrough() throws {
        let r = try LockfileFixture.parse("npm-paths", "package-lock.json")
        #expect(r.package("express")?.introducedThrough == nil, "direct")
        #expect(r.package("body-parser")?.introducedThrough == ["express@4.18.2"])
        #expect(r.package("raw-body")?.introducedThrough == ["express@4.18.2", "body-parser@1.20.1"])
        #expect(r.package("iconv-lite")?.introducedThrough == ["express@4.18.2", "body-parser@1.20.1", "raw-body@2.5.1"])
        // qs 6.11.0 is installed twice (under express and under body-parser): one package, the shorter way in.
        let nested = try #require(r.package("qs", "6.11.0"))
        #expect(nested.introducedThrough == ["express@4.18.2"])
        // The hoisted qs 6.12.0 is the root's own direct dependency; side-channel resolves to the hoisted copy
        // from each qs, and the shortest path is through the direct qs.
        #expect(r.package("qs", "6.12.0")?.direct == true)
        #expect(r.package("qs", "6.12.0")?.introducedThrough == nil)
        #expect(r.package("side-channel")?.introducedThrough == ["qs@6.12.0"])
        // Dev dependencies of the root count as ways in.
        #expect(r.package("minimist")?.introducedThrough == ["jest@29.7.0"])
        // A workspace's dependency is direct; what it pulls in names it.
        #expect(r.package("tar")?.direct == true)
        #expect(r.package("minipass")?.introducedThrough == ["tar@6.1.0"])
        // Nothing requires the orphan: no path is guessed.
        #expect(r.package("orphan")?.introducedThrough == nil)
    }

    @Test func shrinkwrapV1Nested() throws {
        let r = try LockfileFixture.parse("npm-v1", "npm-shrinkwrap.json")
        #expect(r.all("ms").compactMap(\.version).sorted() == ["2.0.0", "2.1.3"])
        #expect(r.package("ms", "2.1.3")?.scope == "dev")
        #expect(r.package("ms", "2.0.0")?.line == 10)
        let local = try #require(r.package("left-pad"))
        #expect(local.version == nil)
        #expect(local.unresolvedReason?.contains("local dependency") == true)
    }

    @Test func packageLockBesideShrinkwrapIsSuperseded() throws {
        let r = try LockfileFixture.parse("npm-v1", "package-lock.json")
        #expect(r.packages.isEmpty)
        #expect(r.warnings.first?.message.contains("npm-shrinkwrap.json") == true)
    }

    @Test func yarnClassic() throws {
        let r = try LockfileFixture.parse("yarn-classic", "yarn.lock")
        let frame = try #require(r.package("@babel/code-frame"))
        #expect(frame.version == "7.22.13" && frame.line == 5 && frame.commit == nil)
        #expect(r.package("strip-ansi")?.version == "6.0.1")
        #expect(r.package("my-fork")?.commit == "6c9ba8c8a9bcc8f8e4b4ff0b6e1b7d6f5a6b7c8d")
        #expect(r.package("chalk")?.commit == nil, "a registry tarball's #sha1 is a checksum, not a commit")
        #expect(r.packages.count == 4)
        // Directness from the package.json beside the lockfile.
        #expect(frame.direct == true)
        #expect(r.package("strip-ansi")?.direct == true)
        #expect(r.package("chalk")?.direct == false)
    }

    @Test func yarnBerry() throws {
        let r = try LockfileFixture.parse("yarn-berry", "yarn.lock")
        #expect(r.package("app") == nil, "the root workspace is the project, not a dependency")
        #expect(r.package("lib")?.version == "1.0.0")
        // The patch: entry is the same typescript release.
        #expect(r.all("typescript").count == 2)
        #expect(r.all("typescript").allSatisfy { $0.version == "5.3.3" })
        #expect(r.package("@scope/tool")?.purl == "pkg:npm/%40scope/tool@1.0.0")
        #expect(r.package("@scope/tool")?.direct == nil, "no package.json beside it: unknown")
    }

    @Test func pnpmV9DevOnlyAndDirect() throws {
        let r = try LockfileFixture.parse("pnpm-v9", "pnpm-lock.yaml")
        #expect(r.packages.count == 6)
        #expect(r.package("react-dom")?.direct == true)
        #expect(r.package("react")?.direct == true, "a workspace importer's dependency is direct")
        #expect(r.package("vitest")?.groups == ["dev"])
        #expect(r.package("tinypool")?.groups == ["dev"], "reachable only from devDependencies")
        #expect(r.package("js-tokens")?.groups == [], "reachable from production too")
        #expect(r.package("loose-envify")?.direct == false)
        #expect(r.package("react-dom")?.line == 34)
    }

    @Test func pnpmV6Flags() throws {
        let r = try LockfileFixture.parse("pnpm-v6", "pnpm-lock.yaml")
        #expect(r.package("@types/ms")?.groups == ["dev"])
        #expect(r.package("@types/ms")?.direct == true)
        #expect(r.package("ms")?.groups == [])
        #expect(r.package("fsevents")?.groups == ["optional"])
        #expect(r.package("fsevents")?.direct == false)
    }

    @Test func bunJSONC() throws {
        let r = try LockfileFixture.parse("bun", "bun.lock")
        #expect(r.package("zod", "3.22.4")?.direct == true)
        #expect(r.package("zod", "3.20.0")?.direct == false)
        let local = try #require(r.package("local-lib"))
        #expect(local.version == nil && local.unresolvedReason?.contains("local") == true)
        #expect(r.package("zod", "3.22.4")?.line == 14)
    }
}
