import Testing
import PicketCore
@testable import PicketDeps

/// Manifests (read when no lockfile is there) and the smaller formats.
@Suite struct LockfilesManifestTests {
    @Test func packageJSONWithoutLockfile() throws {
        let r = try LockfileFixture.parse("manifests/js", "package.json")
        #expect(r.package("express")?.version == "4.18.2")
        let lodash = try #require(r.package("lodash"))
        #expect(lodash.version == nil && lodash.unresolvedReason?.contains("^4.17.21") == true)
        #expect(r.package("left-pad")?.version == "1.3.0", "an npm: alias is the real package")
        #expect(r.package("tool")?.unresolvedReason?.contains("not a registry version") == true)
        #expect(r.package("jest")?.version == "29.7.0" && r.package("jest")?.scope == "dev")
        #expect(r.package("express")?.line == 5)
    }

    @Test func packageJSONIsSupersededByAnyLockfileUpTheTree() {
        let found = LockfileDiscovery().discover(paths: [
            "package.json", "yarn.lock", "packages/a/package.json", "tools/b/package.json", "tools/b/pnpm-lock.yaml",
        ])
        #expect(found.lockfiles.map(\.path) == ["tools/b/pnpm-lock.yaml", "yarn.lock"])
        let alone = LockfileDiscovery().discover(paths: ["web/package.json", "api/go.mod"])
        #expect(alone.lockfiles.map(\.path) == ["api/go.mod", "web/package.json"])
    }

    @Test func pyprojectWithoutLockfile() throws {
        let r = try LockfileFixture.parse("manifests/py", "pyproject.toml")
        #expect(r.package("fastapi")?.version == "0.109.0")
        #expect(r.package("pydantic")?.version == nil)
        #expect(r.package("redis")?.groups == ["optional"])
        #expect(r.package("pytest")?.scope == "dev")
        #expect(r.package("httpx")?.version == "0.26.0", "Poetry's bare version is exact")
        #expect(r.package("rich")?.version == nil)
        #expect(r.package("python") == nil)
        let found = LockfileDiscovery().discover(paths: ["a/pyproject.toml", "a/uv.lock", "b/pyproject.toml"])
        #expect(found.lockfiles.map(\.path) == ["a/uv.lock", "b/pyproject.toml"])
    }

    @Test func cargoTomlWithoutLockfile() throws {
        let r = try LockfileFixture.parse("manifests/rust", "Cargo.toml")
        #expect(r.package("serde")?.version == nil, "\"1.0\" is a caret range")
        #expect(r.package("log")?.version == "0.4.20")
        #expect(r.package("serde_yaml")?.version == "0.9.30")
        #expect(r.package("local")?.unresolvedReason == "local path dependency")
        #expect(r.package("fork")?.commit == "a1b2c3d")
        #expect(r.package("criterion")?.scope == "dev")
        #expect(r.package("libc")?.version == "0.2.152")
        #expect(r.package("cli")?.version == "0.1.0" && r.package("cli")?.direct == nil, "the crate itself")
        let found = LockfileDiscovery().discover(paths: ["Cargo.lock", "Cargo.toml", "crates/x/Cargo.toml"])
        #expect(found.lockfiles.map(\.path) == ["Cargo.lock"])
    }

    @Test func msbuildPackageReferences() throws {
        let r = try LockfileFixture.parse("dotnet", "App/App.csproj")
        #expect(r.package("Serilog")?.version == "3.1.1" && r.package("Serilog")?.line == 4)
        #expect(r.package("Polly")?.version == "8.2.1")
        #expect(r.package("Floating")?.unresolvedReason?.contains("floating") == true)
        #expect(r.package("Ranged")?.version == nil)
        #expect(r.package("Central") == nil, "versioned centrally: reported from Directory.Packages.props")
        let central = try LockfileFixture.parse("dotnet", "Directory.Packages.props")
        #expect(central.package("Central")?.version == "2.0.0")
        let found = LockfileDiscovery().discover(paths: ["App/App.csproj", "App/packages.lock.json", "Lib/Lib.csproj"])
        #expect(found.lockfiles.map(\.path) == ["App/packages.lock.json", "Lib/Lib.csproj"])
    }

    @Test func vendorModulesAreSupersededByGoMod() throws {
        let r = try LockfileFixture.parse("govendor", "vendor/modules.txt")
        #expect(r.packages.isEmpty && r.warnings.first?.message.contains("go.mod") == true)
        let solo = try LockfileRegistry.standard.parser(for: "vendor/modules.txt")?
            .parse(data: "# github.com/pkg/errors v0.9.1\n## explicit\ngithub.com/pkg/errors\n".data(using: .utf8) ?? .init(), path: "vendor/modules.txt")
        #expect(solo?.packages.first?.purl == "pkg:golang/github.com/pkg/errors@v0.9.1")
        let found = LockfileDiscovery().discover(paths: ["svc/vendor/modules.txt", "lib/vendor/modules.txt", "lib/go.mod"])
        #expect(found.lockfiles.map(\.path) == ["lib/go.mod", "svc/vendor/modules.txt"])
    }

    @Test func cabalFreezeAndRenv() throws {
        let cabal = try LockfileFixture.parse("misc", "cabal.project.freeze")
        #expect(cabal.packages.map(\.name) == ["aeson", "base"])
        #expect(cabal.package("base")?.line == 4 && cabal.package("aeson")?.purl == "pkg:hackage/aeson@2.2.1.0")
        let renv = try LockfileFixture.parse("misc", "renv.lock")
        #expect(renv.packages.map(\.name) == ["jsonlite"])
        #expect(renv.package("jsonlite")?.ecosystem == .cran)
    }
}
