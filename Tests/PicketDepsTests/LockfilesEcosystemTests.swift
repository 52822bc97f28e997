import Testing
import PicketCore
@testable import PicketDeps

/// Cargo, Go, RubyGems, Packagist, NuGet, Pub, Hex, SwiftPM and Conan fixtures.
@Suite struct LockfilesEcosystemTests {
    @Test func cargoLock() throws {
        let r = try LockfileFixture.parse("cargo", "Cargo.lock")
        #expect(r.package("serde")?.direct == true)
        #expect(r.package("tokio", "1.35.1")?.direct == true)
        #expect(r.package("tokio", "0.2.25")?.direct == false, "only the listed version is direct")
        #expect(r.package("my-git-crate")?.commit == "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678")
        #expect(r.package("serde")?.purl == "pkg:cargo/serde@1.0.193")
        #expect(r.package("serde")?.line == 20)
    }

    @Test func goMod() throws {
        let r = try LockfileFixture.parse("gomod", "go.mod")
        let gin = try #require(r.package("github.com/gin-gonic/gin"))
        #expect(gin.version == "1.9.1" && gin.direct == true && gin.line == 8)
        #expect(gin.purl == "pkg:golang/github.com/gin-gonic/gin@v1.9.1")
        #expect(r.package("github.com/old/thing") == nil, "excluded")
        #expect(r.package("github.com/pkg/errors") == nil, "replaced")
        let fork = try #require(r.package("github.com/acme/errors"))
        #expect(fork.version == "0.9.2" && fork.direct == false && fork.line == 18)
        let local = try #require(r.package("../crypto"))
        #expect(local.version == nil && local.unresolvedReason?.contains("local folder") == true)
        #expect(r.package("github.com/stretchr/testify")?.version == "1.8.4")
        let stdlib = try #require(r.package("stdlib"))
        #expect(stdlib.version == "1.21.5" && stdlib.line == 5)
    }

    @Test func gemfileLock() throws {
        let r = try LockfileFixture.parse("gemfile", "Gemfile.lock")
        #expect(r.package("widget")?.commit == "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432")
        #expect(r.package("widget")?.direct == true)
        #expect(r.package("billing")?.version == "1.0.0")
        #expect(r.package("nokogiri")?.version == "1.15.4", "platform suffix dropped")
        #expect(r.package("racc")?.direct == false)
        #expect(r.package("rails")?.line == 20)
        #expect(r.packages.count == 6)
    }

    @Test func composerLock() throws {
        let r = try LockfileFixture.parse("composer", "composer.lock")
        let monolog = try #require(r.package("monolog/monolog"))
        #expect(monolog.license == "MIT" && monolog.line == 6)
        #expect(monolog.commit == "c915e2634718dbc8a4a15c61b0e62e7a44e14448")
        #expect(r.package("acme/dual")?.license == "(GPL-2.0-only OR MIT)")
        #expect(r.package("phpunit/phpunit")?.scope == "dev")
        #expect(r.package("phpunit/phpunit")?.purl == "pkg:composer/phpunit/phpunit@10.5.3")
    }

    @Test func nugetPackagesLock() throws {
        let r = try LockfileFixture.parse("nuget", "packages.lock.json")
        #expect(r.all("Newtonsoft.Json").count == 1)
        #expect(r.package("Newtonsoft.Json")?.direct == true)
        #expect(r.all("System.Text.Encodings.Web").compactMap(\.version).sorted() == ["4.7.2", "8.0.0"])
        #expect(r.package("Acme.Shared") == nil, "project references are not packages")
    }

    @Test func pubspecLock() throws {
        let r = try LockfileFixture.parse("pub", "pubspec.lock")
        #expect(r.package("http")?.direct == true && r.package("http")?.line == 4)
        #expect(r.package("lints")?.scope == "dev")
        #expect(r.package("meta")?.direct == false)
        #expect(r.package("my_fork")?.commit == "4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e")
    }

    @Test func mixLock() throws {
        let r = try LockfileFixture.parse("mix", "mix.lock")
        #expect(r.package("jason", "1.4.1")?.line == 2)
        #expect(r.package("jason", "1.2.0") != nil, "an aliased key reports the Hex package name")
        let git = try #require(r.package("phoenix"))
        #expect(git.version == nil && git.commit == "2b8d41e0b2ad0a4d6a3e4f2b1c0d9e8f7a6b5c4d")
    }

    @Test func packageResolvedV1AndV3() throws {
        let v1 = try LockfileFixture.parse("swiftpm-v1", "Package.resolved")
        #expect(v1.package("github.com/apple/swift-argument-parser")?.version == "0.5.0")
        let v3 = try LockfileFixture.parse("swiftpm-v3", "Package.resolved")
        let nio = try #require(v3.package("github.com/apple/swift-nio"))
        #expect(nio.version == "2.62.0" && nio.purl == "pkg:swift/github.com/apple/swift-nio@2.62.0" && nio.line == 5)
        let yams = try #require(v3.package("github.com/jpsim/Yams"))
        #expect(yams.version == nil && yams.unresolvedReason == "pinned to branch 'main'")
        #expect(yams.commit == "0d9ee7ea8c4ebd4a489ad7a73d5c6cad55d6fed3")
    }

    @Test func conanLockV2() throws {
        let r = try LockfileFixture.parse("conan", "conan.lock")
        #expect(r.package("openssl")?.version == "3.1.4")
        #expect(r.package("cmake")?.scope == "build")
        #expect(r.package("zlib")?.purl == "pkg:conan/zlib@1.3")
    }
}
