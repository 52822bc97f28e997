import Foundation
import Testing
import PicketCore
@testable import PicketDeps

@Suite struct LockfilesSupportTests {
    @Test func jsonKeepsOrderLinesAndEscapes() throws {
        let text = "{\n  \"b\": 1,\n  \"a\": {\"x\": \"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\"\"},\n  \"c\": [true, false, null, -1.5e3]\n}"
        let v = try JSONParser.parse(text)
        let o = try #require(v.object)
        #expect(o.keys == ["b", "a", "c"])
        #expect(o.line(of: "a") == 3 && o.line(of: "c") == 4)
        #expect(o.object("a")?.string("x") == "café 😀 \"q\"")
        #expect(o["c"]?.array?.count == 4)
        #expect(o["b"]?.int == 1)
    }

    @Test(arguments: ["{\"a\":1,}", "[1,]", "{\"a\":1 // c\n}", "{'a':1}", "{\"a\":01x}", "\"\\x\"", "{\"a\":1}}", ""])
    func strictJSONRejects(_ text: String) {
        #expect(throws: JSONParser.ParseError.self) { _ = try JSONParser.parse(text) }
    }

    @Test func jsoncAcceptsCommentsAndTrailingCommas() throws {
        let v = try JSONParser.parse("// head\n{\"a\": [1, 2,], /* x */ \"b\": {\"c\": 3,},}\n", options: .init(jsonc: true))
        #expect(v.object?.keys == ["a", "b"])
        #expect(v.object?.line(of: "a") == 2)
    }

    @Test func jsonErrorsGiveLineAndColumn() {
        do {
            _ = try JSONParser.parse("{\n  \"a\": 1\n  \"b\": 2\n}")
            Issue.record("should fail")
        } catch let e as JSONParser.ParseError {
            #expect(e.line == 3 && e.column == 3)
            #expect(e.message.contains("expected ',' or '}'"))
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func largeObjectsAreIndexed() throws {
        var text = "{"
        for i in 0..<1000 { text += "\"k\(i)\": \(i)," }
        text += "\"k0\": -1}"
        let o = try #require(try JSONParser.parse(text).object)
        #expect(o["k999"]?.int == 999)
        #expect(o["k0"]?.int == -1, "the last duplicate wins")
    }

    @Test func yamlLinesAndScalars() throws {
        let v = try YAMLReader.parse("a: 1\nb:\n  c: true\n  d: ~\n  'e': \"x\"\nlist:\n  - one\n")
        let o = try #require(v.object)
        #expect(o.line(of: "b") == 2)
        #expect(o.object("b")?.line(of: "e") == 5)
        #expect(o.object("b")?["c"]?.bool == true)
        #expect(o.object("b")?["d"]?.isNull == true)
        #expect(o["a"]?.string == "1")
        #expect(o["list"]?.strings == ["one"])
    }

    @Test func yamlSmallAliasesAreFine() throws {
        let v = try YAMLReader.parse("base: &b {x: 1}\nuse: *b\n")
        #expect(v.object?.object("use")?["x"]?.string == "1")
    }

    @Test(arguments: [
        (Ecosystem.npm, "@Scope/Name", "1.0.0", "pkg:npm/%40scope/name@1.0.0"),
        (Ecosystem.pypi, "Django_Rest", "3.0", "pkg:pypi/django-rest@3.0"),
        (Ecosystem.maven, "org.apache:commons-lang3", "3.12.0", "pkg:maven/org.apache/commons-lang3@3.12.0"),
        (Ecosystem.go, "github.com/gin-gonic/gin", "v1.9.1", "pkg:golang/github.com/gin-gonic/gin@v1.9.1"),
        (Ecosystem.packagist, "Monolog/Monolog", "3.5.0", "pkg:composer/monolog/monolog@3.5.0"),
        (Ecosystem.nuget, "Newtonsoft.Json", "13.0.1", "pkg:nuget/Newtonsoft.Json@13.0.1"),
        (Ecosystem.cratesIO, "serde", "1.0.0+build", "pkg:cargo/serde@1.0.0%2Bbuild"),
        (Ecosystem.swiftURL, "github.com/apple/swift-nio", "2.62.0", "pkg:swift/github.com/apple/swift-nio@2.62.0"),
    ])
    func purls(ecosystem: Ecosystem, name: String, version: String, purl: String) {
        #expect(PackageURL.make(ecosystem: ecosystem, name: name, version: version) == purl)
    }

    @Test func pathsResolveInsideTheRootOnly() {
        #expect(LockfileFiles.resolve("b.txt", from: "a") == "a/b.txt")
        #expect(LockfileFiles.resolve("../b.txt", from: "a") == "b.txt")
        #expect(LockfileFiles.resolve("./x/../y.txt", from: "a") == "a/y.txt")
        #expect(LockfileFiles.resolve("../../b.txt", from: "a") == nil)
        #expect(LockfileFiles.resolve("/etc/passwd", from: "a") == nil)
        #expect(LockfileFiles.resolve("C:\\\\x", from: "") == nil)
        #expect(LockfileFiles.resolve("..\\..\\x", from: "a") == nil)
    }

    @Test func registryFindsEveryFormatByName() {
        let cases = ["package-lock.json", "a/yarn.lock", "pnpm-lock.yaml", "bun.lock", "requirements.txt", "requirements/prod.txt",
                     "dev-requirements.txt", "Pipfile.lock", "poetry.lock", "uv.lock", "pdm.lock", "pylock.toml", "Cargo.lock",
                     "go.mod", "Gemfile.lock", "gems.locked", "composer.lock", "pom.xml", "gradle.lockfile",
                     "gradle/verification-metadata.xml", "packages.lock.json", "pubspec.lock", "mix.lock",
                     "Package.resolved", "conan.lock"]
        for c in cases + ["package.json", "pyproject.toml", "Cargo.toml", "vendor/modules.txt", "App.csproj", "Directory.Packages.props",
                          "packages.config", "app.deps.json", "obj/project.assets.json", "paket.lock", "Podfile.lock",
                          "cabal.project.freeze", "stack.yaml.lock", "renv.lock", "Manifest.toml", "gradle/libs.versions.toml"] {
            let claims = LockfileRegistry.standard.parsers.filter { $0.matches(path: c) }.map(\.formatName)
            #expect(claims.count == 1, "\(c) is claimed by \(claims)")
        }
        #expect(LockfileRegistry.standard.parser(for: "README.md") == nil)
        #expect(LockfileRegistry.standard.parser(for: "notes.txt") == nil)
    }
}

/// The fast block-YAML reader must give exactly what Yams gives (values and lines) or step aside.
@Suite struct LockfilesBlockYAMLTests {
    static func yamlFixtures() -> [String] {
        let fm = FileManager.default
        var out: [String] = []
        let corpus = CorpusCase.corpusRoot
        for dir in ["javascript/pnpmlock/testdata", "dart/pubspec/testdata", "haskell/stacklock/testdata", "swift/podfilelock/testdata", "perl/cpan/testdata"] {
            for f in (try? fm.contentsOfDirectory(atPath: corpus + "/" + dir)) ?? [] { out.append(corpus + "/" + dir + "/" + f) }
        }
        for f in ["pnpm-v9/pnpm-lock.yaml", "pnpm-v6/pnpm-lock.yaml", "pub/pubspec.lock"] { out.append(LockfileFixture.root + "/" + f) }
        return out
    }

    @Test func agreesWithYamsOnEveryFixture() throws {
        var compared = 0
        for path in Self.yamlFixtures() {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { continue }
            let slow = try? YAMLReader.parse(text, fastPath: false)
            guard let quick = BlockYAMLReader.parse(text) else {
                // Every fixture Yams reads as a mapping (a lockfile) is plain block YAML and must take the fast path.
                #expect(slow?.object == nil || path.contains("/perl/cpan/"), "not read by the fast path: \(path)")
                continue
            }
            compared += 1
            #expect(slow == quick, "\(path)")
        }
        #expect(compared > 40)
    }

    @Test func generatedLockfileAgrees() throws {
        let text = String(decoding: GeneratedLockfile.pnpmLock(count: 500), as: UTF8.self)
        let quick = try #require(BlockYAMLReader.parse(text))
        #expect(try YAMLReader.parse(text, fastPath: false) == quick)
    }

    @Test(arguments: [
        "a: &x 1\nb: *x\n",            // anchors and aliases
        "a: |\n  text\n",              // block scalar
        "a: b\n  c\n",                 // multi-line plain scalar
        "a: [1,\n  2]\n",              // flow collection across lines
        "? a\n: b\n",                  // complex key
        "a: 1\n---\nb: 2\n",           // second document
        "\ta: 1\n",                    // tab indentation
        "a: 1\na: 2\n",                // duplicate key
        "a: \"\\u00e9\"\n",            // escapes left to Yams
        "a: !tag x\n",                 // tag
    ])
    func stepsAsideOutsideTheSubset(_ text: String) {
        #expect(BlockYAMLReader.parse(text) == nil)
    }

    @Test func readsTheSubset() throws {
        let text = """
        # comment
        lockfileVersion: '9.0'
        list:
        - a
        - 'b c' # trailing
        nested:
          - key: v
            other: {x: 1, y: [p, 'q'], z: null}
          -
          - plain: it's fine
        empty:
        quoted: "say \\"hi\\""
        """
        let v = try #require(BlockYAMLReader.parse(text))
        #expect(v == (try YAMLReader.parse(text, fastPath: false)))
        #expect(v["nested"]?.array?.count == 3)
        #expect(v["list"]?.strings == ["a", "b c"])
        #expect(v["empty"]?.isNull == true)
    }
}
