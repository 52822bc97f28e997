import Foundation
import Testing
import PicketTestSupport
@testable import PicketDeps

@Suite struct SBOMWriterTests {
    static let document = SBOMDocument(name: "demo app", version: "1.2.0", packages: [
        PackageRef(ecosystem: .npm, name: "@babel/core", version: "7.24.0", purl: "pkg:npm/%40babel/core@7.24.0", direct: true,
                   scope: "dev", file: "web/package-lock.json", line: 12, license: "MIT"),
        PackageRef(ecosystem: .npm, name: "lodash", version: "4.17.21", purl: "pkg:npm/lodash@4.17.21", direct: false,
                   file: "web/package-lock.json", license: "MIT OR Apache-2.0"),
        PackageRef(ecosystem: .npm, name: "lodash", version: "4.17.21", purl: "pkg:npm/lodash@4.17.21", direct: true,
                   file: "api/package-lock.json"),
        PackageRef(ecosystem: .maven, name: "org.apache.logging.log4j:log4j-core", version: "2.14.1",
                   purl: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", direct: true, file: "pom.xml", license: "Apache License, Version 2.0"),
        PackageRef(ecosystem: .pypi, name: "requests", version: nil, file: "requirements.txt", unresolvedReason: "range >=2.0 is not pinned"),
    ])

    func validate(_ writer: any SBOMWriter, schema: String) async throws -> [String: Any] {
        let data = try writer.render(Self.document)
        let dir = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(dir) }
        try data.write(to: URL(fileURLWithPath: dir + "/sbom.json"))
        let problems = try await TestEnvironment.validateJSON(schema: schema, document: dir + "/sbom.json")
        #expect(problems == nil, "\(problems ?? "")")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func cycloneDXValidates() async throws {
        let bom = try await validate(CycloneDXWriter(), schema: "cyclonedx")
        let components = try #require(bom["components"] as? [[String: Any]])
        #expect(components.count == 4, "lodash appears once though two lockfiles name it")
        let babel = try #require(components.first { $0["name"] as? String == "core" })
        #expect(babel["group"] as? String == "@babel")
        #expect(babel["scope"] as? String == "excluded")
        let log4j = try #require(components.first { $0["name"] as? String == "log4j-core" })
        #expect(log4j["group"] as? String == "org.apache.logging.log4j")
        #expect((log4j["licenses"] as? [[String: Any]])?.first?["license"] != nil, "free-text licence kept as a name")
        let lodash = try #require(components.first { $0["name"] as? String == "lodash" })
        #expect((lodash["licenses"] as? [[String: Any]])?.first?["expression"] as? String == "MIT OR Apache-2.0")
    }

    @Test func spdxValidates() async throws {
        let doc = try await validate(SPDXWriter(), schema: "spdx")
        let packages = try #require(doc["packages"] as? [[String: Any]])
        #expect(packages.count == 5, "root plus four distinct packages")
        #expect((doc["hasExtractedLicensingInfos"] as? [[String: Any]])?.count == 1)
    }

    @Test(arguments: [("MIT", true), ("Apache-2.0 OR MIT", true), ("(MIT AND BSD-3-Clause) OR GPL-2.0-only WITH Classpath-exception-2.0", true),
                      ("BSD style", false), ("Apache License, Version 2.0", false), ("", false), ("MIT OR", false)])
    func licenseExpressions(text: String, expected: Bool) {
        #expect(SPDXLicense.isExpression(text) == expected)
    }
}
