import Foundation
import Testing
@testable import PicketCode
import PicketCore

/// Each GitLab CI check against its positive and negative fixture (`Fixtures/pipeline/<check>.{positive,negative}.yml`).
@Suite struct PipelineCheckTests {
    func scan(_ yaml: String, extra: [String: String] = [:]) async throws -> ScannerOutput {
        let repo = try TempRepo(extra.merging([".gitlab-ci.yml": yaml]) { a, _ in a })
        return try await PipelineScanner().scan(try await TestSupport.target(repo.path), context: TestSupport.context())
    }

    func fixture(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture("pipeline/\(name).yml"))), as: UTF8.self)
    }

    /// (check file stem, rule id, expected lines of the positive fixture)
    static let cases: [(String, String, [Int])] = [
        ("include-unpinned", "picket.pipeline.include-unpinned", [2, 3, 5, 8, 9]),
        ("image-unpinned", "picket.pipeline.image-unpinned", [1, 4, 6, 10, 15]),
        ("curl-pipe-shell", "picket.pipeline.curl-pipe-shell", [3, 4, 5, 6]),
        ("literal-secret-variable", "picket.pipeline.literal-secret-variable", [2, 8]),
        ("secret-echoed", "picket.pipeline.secret-echoed", [3, 4, 5, 6, 10]),
        ("security-job-allow-failure", "picket.pipeline.security-job-allow-failure", [5, 9, 13]),
        ("fork-mr-credentials", "picket.pipeline.fork-mr-credentials", [2, 8]),
    ]

    @Test(arguments: cases.map(\.0))
    func positiveFixtureFires(_ stem: String) async throws {
        let (_, rule, lines) = try #require(Self.cases.first { $0.0 == stem })
        let out = try await scan(try fixture("\(stem).positive"))
        let hits = out.findings.filter { $0.ruleID == rule }
        #expect(hits.map(\.location.startLine).sorted() == lines, "\(hits.map { "\($0.location.startLine): \($0.message)" })")
        for f in hits {
            #expect(f.kind == .pipeline)
            #expect(f.location.path == ".gitlab-ci.yml")
            #expect(f.code?.engine == "picket")
        }
    }

    @Test(arguments: cases.map(\.0))
    func negativeFixtureIsQuiet(_ stem: String) async throws {
        let (_, rule, _) = try #require(Self.cases.first { $0.0 == stem })
        let out = try await scan(try fixture("\(stem).negative"))
        let hits = out.findings.filter { $0.ruleID == rule }
        #expect(hits.isEmpty, "\(hits.map { "\($0.location.startLine): \($0.message)" })")
    }

    @Test func everyRegisteredCheckHasFixtures() throws {
        let ids = Set(PipelineChecks.all.map(\.id))
        #expect(ids == Set(Self.cases.map(\.1)))
        for (stem, _, _) in Self.cases {
            #expect(FileManager.default.fileExists(atPath: TestSupport.fixture("pipeline/\(stem).positive.yml")))
            #expect(FileManager.default.fileExists(atPath: TestSupport.fixture("pipeline/\(stem).negative.yml")))
        }
    }

    @Test func severitiesAndSecretHandling() async throws {
        let out = try await scan(try fixture("literal-secret-variable.positive"))
        let f = try #require(out.findings.first { $0.ruleID == "picket.pipeline.literal-secret-variable" && $0.location.startLine == 2 })
        #expect(f.severity == .high)
        #expect(f.evidence.preview == "Wi… (16 chars)")
        // The value itself appears nowhere in the finding.
        let encoded = String(decoding: try JSONEncoder().encode(f), as: UTF8.self)
        #expect(!encoded.contains("Wint3r-Is-C0ming"))
        let img = try await scan(try fixture("image-unpinned.positive"))
        #expect(img.findings.first { $0.location.startLine == 4 }?.severity == .medium)
        #expect(img.findings.first { $0.location.startLine == 6 }?.severity == .low)
        let inc = try await scan(try fixture("include-unpinned.positive"))
        #expect(inc.findings.first { $0.location.startLine == 9 }?.severity == .info)
    }

    @Test func localIncludesExtendsAndAnchorsPointAtTheirFiles() async throws {
        let main = """
        include:
          - local: ci/jobs.yml
          - ci/templates/*.yml
        stages: [build]
        .defaults: &defaults
          image: alpine:3.20
          allow_failure: true
        secret_detection:
          <<: *defaults
          extends: .scanner
        """
        let jobs = """
        include:
          - local: /ci/nested.yml
        deploy:
          script:
            - !reference [.fetch, script]
            - ./deploy
        """
        let nested = """
        include: /.gitlab-ci.yml
        .fetch:
          script:
            - curl -s https://get.example.com/x.sh | bash
        """
        let template = """
        .scanner:
          image: scanner:latest
          script: [scan]
        """
        let out = try await scan(main, extra: ["ci/jobs.yml": jobs, "ci/nested.yml": nested, "ci/templates/scanner.yml": template])
        let curl = try #require(out.findings.first { $0.ruleID == "picket.pipeline.curl-pipe-shell" })
        #expect(curl.location.path == "ci/nested.yml" && curl.location.startLine == 4)
        #expect(curl.code?.resource == "deploy")
        // The job's own anchor merge wins over `extends`: image alpine:3.20 (tag, no digest) from line 6.
        let image = out.findings.filter { $0.ruleID == "picket.pipeline.image-unpinned" }
        #expect(image.contains { $0.location.path == ".gitlab-ci.yml" && $0.location.startLine == 6 })
        #expect(image.contains { $0.location.path == "ci/templates/scanner.yml" && $0.location.startLine == 2 })
        let af = try #require(out.findings.first { $0.ruleID == "picket.pipeline.security-job-allow-failure" })
        #expect(af.location.startLine == 7 && af.code?.resource == "secret_detection")
        // The include cycle (nested.yml includes the root file) is reported, not followed.
        #expect(out.diagnostics.contains { $0.message.contains("include cycle") })
        #expect(out.stats["files"] == 4)
    }

    @Test func includesStayInsideTheRepository() async throws {
        let out = try await scan("include:\n  - local: ../../etc/passwd.yml\n  - local: /missing.yml\nbuild:\n  script: [make]\n")
        #expect(out.diagnostics.filter { $0.message.contains("'missing.yml' is not a file inside the repository") }.count == 1)
        #expect(out.diagnostics.filter { $0.message.contains("'../../etc/passwd.yml' leaves the repository") }.count == 1)
        #expect(out.stats["files"] == 1)
    }

    @Test func includeDepthIsLimited() async throws {
        var files: [String: String] = [:]
        for i in 0..<15 { files["ci/\(i).yml"] = "include: ci/\(i + 1).yml\njob\(i):\n  image: alpine\n  script: [x]\n" }
        let out = try await scan("include: ci/0.yml\n", extra: files)
        #expect(out.diagnostics.contains { $0.message.contains("deeper than \(CIConfigLoader.maxDepth) levels") })
        #expect(out.stats["files"] == CIConfigLoader.maxDepth + 1)
    }

    @Test func hostileYAMLIsAWarningNotACrash() async throws {
        let bomb = """
        a: &a ["x","x","x","x","x","x","x","x","x","x"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]
        """
        let out = try await scan(bomb)
        #expect(out.diagnostics.contains { $0.message.contains("alias bomb") })
        let broken = try await scan("build:\n  script: [make\n")
        #expect(broken.diagnostics.contains { $0.path == ".gitlab-ci.yml" && $0.message.contains("invalid YAML") })
        #expect(broken.findings.isEmpty)
    }

    @Test func fingerprintsIgnoreLineMoves() async throws {
        let a = try await scan(try fixture("curl-pipe-shell.positive"))
        let b = try await scan("# moved\n\n" + (try fixture("curl-pipe-shell.positive")))
        #expect(Set(a.findings.map(\.fingerprint)) == Set(b.findings.map(\.fingerprint)))
        #expect(a.findings.map(\.location.startLine) != b.findings.map(\.location.startLine))
    }
}
