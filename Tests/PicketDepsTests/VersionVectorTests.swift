import Foundation
import Testing
@testable import PicketDeps

/// Every comparison line of the shared version-ordering corpus, per file and ecosystem, in both directions.
@Suite("Version ordering corpus")
struct VersionVectorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let ecosystem: String
        var testDescription: String { "\(file) as \(ecosystem)" }
    }

    static let cases: [Case] = [
        ("semver-versions.txt", ["npm", "Go", "crates.io", "Hex", "SwiftURL"]),
        ("pypi-versions.txt", ["PyPI"]), ("pypi-versions-generated.txt", ["PyPI"]),
        ("maven-versions.txt", ["Maven"]), ("maven-versions-generated.txt", ["Maven"]),
        ("rubygems-versions.txt", ["RubyGems"]), ("rubygems-versions-generated.txt", ["RubyGems"]),
        ("packagist-versions.txt", ["Packagist"]), ("packagist-versions-generated.txt", ["Packagist"]),
        ("nuget-versions.txt", ["NuGet"]),
        ("pub-versions.txt", ["Pub"]),
        ("debian-versions.txt", ["Debian"]), ("debian-versions-generated.txt", ["Debian"]),
        ("redhat-versions.txt", ["Red Hat"]),
        ("cran-versions.txt", ["CRAN"]), ("cran-versions-generated.txt", ["CRAN"]),
        ("hackage-versions.txt", ["Hackage"]),
        ("alpine-versions.txt", ["Alpine"]), ("alpine-versions-generated.txt", ["Alpine"]),
    ].flatMap { file, ecosystems in ecosystems.map { Case(file: file, ecosystem: $0) } }

    @Test(arguments: cases)
    func corpusFile(_ c: Case) throws {
        let path = SharedCorpus.path("corpora/versions/\(c.file)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let scheme = try #require(VersionSchemes.scheme(for: c.ecosystem), "no scheme for \(c.ecosystem)")
        var passed = 0
        var failures: [String] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("# ") || line.hasPrefix("// ") { continue }
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 3, let expected = ["<": -1, "=": 0, ">": 1][String(parts[1])] else {
                failures.append("line \(n + 1): malformed '\(line)'")
                continue
            }
            do {
                let a = try scheme.parse(String(parts[0])), b = try scheme.parse(String(parts[2]))
                let forward = a.compare(to: b), backward = b.compare(to: a)
                if forward == expected && backward == -expected {
                    passed += 1
                } else {
                    failures.append("line \(n + 1): \(line) (got \(forward), reverse \(backward))")
                }
            } catch {
                failures.append("line \(n + 1): \(line): \(error)")
            }
        }
        print("version corpus \(c.file) [\(c.ecosystem)]: \(passed) passed, \(failures.count) failed")
        #expect(passed > 0)
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(15).joined(separator: "\n"))")
    }
}
