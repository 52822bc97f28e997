import Foundation
import Testing
import PicketCore
@testable import PicketDeps

/// Hostile and broken lockfiles: each gives a clear error naming the file (and line where possible), or a
/// warning for the bad part, and never crashes or reads outside the scan root.
@Suite struct LockfilesBadInputTests {
    private func parse(_ dir: TempDir, _ path: String) throws -> LockfileResult {
        try LockfileRegistry.standard.parse(path: path, files: dir.files)
    }

    private func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test func truncatedJSON() throws {
        let dir = try TempDir()
        let full = try Data(contentsOf: URL(fileURLWithPath: LockfileFixture.root + "/npm-workspaces/package-lock.json"))
        try dir.write("app/package-lock.json", full.prefix(full.count / 2))
        let m = try #require(message { _ = try parse(dir, "app/package-lock.json") })
        #expect(m.hasPrefix("app/package-lock.json: line "))
        #expect(m.contains("truncated"))
    }

    @Test func deeplyNestedJSONIsAnErrorNotACrash() throws {
        let dir = try TempDir()
        try dir.write("composer.lock", String(repeating: "[", count: 200_000))
        let m = try #require(message { _ = try parse(dir, "composer.lock") })
        #expect(m.contains("composer.lock") && m.contains("nesting deeper than"))
    }

    @Test func yamlBillionLaughsInPnpmLock() throws {
        let dir = try TempDir()
        var bomb = "lockfileVersion: '6.0'\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].enumerated() {
            let prev = i == 0 ? "a" : ["b", "c", "d", "e", "f", "g", "h"][i - 1]
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(prev)", count: 9).joined(separator: ",") + "]\n"
        }
        bomb += "packages:\n  /x@1.0.0:\n    resolution: *i\n"
        try dir.write("pnpm-lock.yaml", bomb)
        let clock = ContinuousClock()
        var m: String?
        let t = clock.measure { m = message { _ = try parse(dir, "pnpm-lock.yaml") } }
        let text = try #require(m)
        #expect(text.hasPrefix("pnpm-lock.yaml: line "))
        #expect(text.contains("alias bomb"))
        #expect(t < .seconds(10))
    }

    @Test func yamlDeepFlowNesting() throws {
        let dir = try TempDir()
        try dir.write("pubspec.lock", "packages: " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000) + "\n")
        let m = try #require(message { _ = try parse(dir, "pubspec.lock") })
        #expect(m.contains("pubspec.lock: line 1") && m.contains("nested deeper"))
    }

    @Test func malformedTOML() throws {
        let dir = try TempDir()
        try dir.write("Cargo.lock", "version = 3\n\n[[package]]\nname = \"serde\nversion = \"1.0\"\n")
        let m = try #require(message { _ = try parse(dir, "Cargo.lock") })
        #expect(m.hasPrefix("Cargo.lock: line 4"))
    }

    @Test func malformedXML() throws {
        let dir = try TempDir()
        try dir.write("svc/pom.xml", "<project>\n  <dependencies>\n    <dependency>\n  </dependencies>\n</project>\n")
        let m = try #require(message { _ = try parse(dir, "svc/pom.xml") })
        #expect(m.hasPrefix("svc/pom.xml: line 4"))
        #expect(m.contains("invalid XML"))
    }

    @Test func pomWithExternalEntityIsRefusedUnread() throws {
        let dir = try TempDir()
        let secret = "TOP-SECRET-\(UUID().uuidString)"
        let secretFile = try dir.write("secret.txt", secret)
        let pom = """
        <?xml version="1.0"?>
        <!DOCTYPE project [
          <!ENTITY xxe SYSTEM "file://\(secretFile)">
        ]>
        <project>
          <dependencies>
            <dependency><groupId>a</groupId><artifactId>b</artifactId><version>&xxe;</version></dependency>
          </dependencies>
        </project>
        """
        try dir.write("pom.xml", pom)
        let m = try #require(message { _ = try parse(dir, "pom.xml") })
        #expect(m.hasPrefix("pom.xml: line 3"))
        #expect(m.contains("<!ENTITY"))
        #expect(!m.contains(secret))
    }

    @Test func xmlParserDoesNotResolveExternalEntitiesEvenWithoutTheGuard() throws {
        // Defence in depth: the entity guard aside, XMLTree's parser never expands an external entity.
        let dir = try TempDir()
        let secret = "SECRET-\(UUID().uuidString)"
        let secretFile = try dir.write("s.txt", secret)
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"file://\(secretFile)\"><r>&amp;</r>"
        let root = try? XMLTree.parse(Data(xml.utf8))
        #expect(root.map { !$0.text.contains(secret) } ?? true)
    }

    @Test func requirementsIncludeCycle() throws {
        let dir = try TempDir()
        try dir.write("requirements.txt", "-r deps/a.txt\nflask==3.0.0\n")
        try dir.write("deps/a.txt", "click==8.1.7\n-r b.txt\n")
        try dir.write("deps/b.txt", "itsdangerous==2.1.2\n-r a.txt\n-r ../requirements.txt\n")
        let r = try parse(dir, "requirements.txt")
        #expect(r.packages.map(\.name).sorted() == ["click", "flask", "itsdangerous"])
    }

    @Test func requirementsTraversalStaysInsideTheRoot() throws {
        let dir = try TempDir()
        try dir.write("app/requirements.txt", "-r ../../../../etc/passwd\n-r /etc/passwd\n-c ../../../etc/hosts\nrequests==2.31.0\n")
        let r = try LockfileRegistry.standard.parse(path: "requirements.txt", files: LockfileFiles(root: dir.path + "/app"))
        #expect(r.packages.map(\.name) == ["requests"])
        #expect(r.warnings.count == 3)
        #expect(r.warnings.allSatisfy { $0.file == "requirements.txt" && $0.message.contains("outside the scanned folder") })
        #expect(r.warnings.map(\.line) == [1, 2, 3])
    }

    @Test func requirementsSymlinkOutOfTheRootIsRefused() throws {
        let outside = try TempDir()
        try outside.write("evil.txt", "stolen==1.0\n")
        let dir = try TempDir()
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/linked.txt", withDestinationPath: outside.path + "/evil.txt")
        try dir.write("requirements.txt", "-r linked.txt\nok==1.0\n")
        let r = try parse(dir, "requirements.txt")
        #expect(r.packages.map(\.name) == ["ok"])
        #expect(r.warnings.first?.message.contains("outside the scanned folder") == true)
    }

    @Test func pomParentOutsideTheRootIsNotRead() throws {
        let outside = try TempDir()
        try outside.write("pom.xml", "<project><artifactId>p</artifactId><properties><v>6.6.6</v></properties></project>")
        let dir = try TempDir()
        try dir.write("pom.xml", """
        <project><parent><groupId>g</groupId><artifactId>p</artifactId><version>1</version>
        <relativePath>../../../../../../../../../..\(outside.path)/pom.xml</relativePath></parent>
        <dependencies><dependency><groupId>a</groupId><artifactId>b</artifactId><version>${v}</version></dependency></dependencies>
        </project>
        """)
        let r = try parse(dir, "pom.xml")
        #expect(r.package("a:b")?.version == nil)
    }

    @Test func utf16RequirementsAreRead() throws {
        let dir = try TempDir()
        var data = Data([0xFF, 0xFE])
        data.append("Django==4.2.7\r\n".data(using: .utf16LittleEndian) ?? Data())
        try dir.write("requirements.txt", data)
        #expect(try parse(dir, "requirements.txt").package("Django")?.version == "4.2.7")
    }

    @Test func binaryGarbageIsAnErrorForTextFormats() throws {
        let dir = try TempDir()
        try dir.write("yarn.lock", Data([0xC3, 0x28, 0x00, 0xFF, 0xFE, 0x80]))
        let m = try #require(message { _ = try parse(dir, "yarn.lock") })
        #expect(m.hasPrefix("yarn.lock: ") && m.contains("not a text file"))
    }

    @Test func missingFileNamesIt() throws {
        let dir = try TempDir()
        let m = try #require(message { _ = try parse(dir, "sub/Gemfile.lock") })
        #expect(m.hasPrefix("sub/Gemfile.lock: "))
    }

    /// Every fixture, cut at several points, through every parser: errors are fine, crashes are not.
    @Test func truncatedFixturesNeverCrashAnyParser() throws {
        let fm = FileManager.default
        var inputs: [Data] = []
        for root in [LockfileFixture.root, CorpusCase.corpusRoot] {
            guard let walker = fm.enumerator(atPath: root) else { continue }
            for case let rel as String in walker where !rel.hasSuffix("expected.json") {
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: root + "/" + rel, isDirectory: &isDir), !isDir.boolValue,
                      let data = fm.contents(atPath: root + "/" + rel), data.count < 200_000 else { continue }
                inputs.append(data)
            }
        }
        #expect(inputs.count > 300)
        var runs = 0
        for data in inputs {
            for cut in [data.count / 3, data.count * 2 / 3, data.count] {
                for parser in LockfileRegistry.standard.parsers {
                    _ = try? parser.parse(data: data.prefix(cut), path: "x/" + parser.formatName)
                    runs += 1
                }
            }
        }
        #expect(runs > 10_000)
    }
}
