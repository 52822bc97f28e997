import Foundation
import PicketCore
import PicketTestSupport
import Testing
@testable import PicketDeps

@Suite("Licence policy")
struct LicensePolicyTests {
    @Test func parsesExpressionsWithSPDXPrecedence() {
        #expect(SPDXExpression.parse("MIT") == .license(id: "MIT", exception: nil))
        #expect(SPDXExpression.parse("MIT OR Apache-2.0 AND BSD-3-Clause").description == "(MIT OR (Apache-2.0 AND BSD-3-Clause))")
        #expect(SPDXExpression.parse("(MIT or Apache-2.0) and BSD-3-Clause").description == "((MIT OR Apache-2.0) AND BSD-3-Clause)")
        #expect(SPDXExpression.parse("GPL-2.0-only WITH Classpath-exception-2.0")
                == .license(id: "GPL-2.0-only", exception: "Classpath-exception-2.0"))
        // Not an expression: kept whole.
        #expect(SPDXExpression.parse("BSD style") == .license(id: "BSD style", exception: nil))
        #expect(SPDXExpression.parse("(MIT OR") == .license(id: "(MIT OR", exception: nil))
        #expect(SPDXExpression.parse("SEE LICENSE IN LICENSE.md") == .license(id: "SEE LICENSE IN LICENSE.md", exception: nil))
    }

    @Test func orNeedsOneSideAndNeedsBoth() {
        let deny = LicensePolicy(deny: ["GPL-3.0-only"])
        #expect(deny.evaluate("MIT") == .complies)
        #expect(deny.evaluate("gpl-3.0-only") == .denied(offending: ["gpl-3.0-only"]))
        #expect(deny.evaluate("MIT OR GPL-3.0-only") == .complies, "the user may choose MIT")
        #expect(deny.evaluate("MIT AND GPL-3.0-only") == .denied(offending: ["GPL-3.0-only"]))
        #expect(deny.evaluate("GPL-3.0-only WITH GCC-exception-3.1") == .denied(offending: ["GPL-3.0-only WITH GCC-exception-3.1"]))

        let allow = LicensePolicy(allow: ["MIT", "Apache-2.0", "GPL-2.0-only WITH Classpath-exception-2.0"])
        #expect(allow.evaluate("Apache-2.0 OR GPL-3.0-only") == .complies)
        #expect(allow.evaluate("Apache-2.0 AND ISC") == .notAllowed(offending: ["ISC"]))
        #expect(allow.evaluate("ISC OR 0BSD") == .notAllowed(offending: ["ISC", "0BSD"]))
        #expect(allow.evaluate("GPL-2.0-only WITH Classpath-exception-2.0") == .complies)
        #expect(allow.evaluate("GPL-2.0-only") == .notAllowed(offending: ["GPL-2.0-only"]))
        #expect(allow.evaluate("BSD style") == .notAllowed(offending: ["BSD style"]))

        let plus = LicensePolicy(deny: ["GPL-2.0"])
        #expect(plus.evaluate("GPL-2.0+") == .denied(offending: ["GPL-2.0+"]))
        let both = LicensePolicy(deny: ["AGPL-3.0-only"], allow: ["MIT"])
        #expect(both.evaluate("AGPL-3.0-only AND ISC") == .denied(offending: ["AGPL-3.0-only", "ISC"]))
    }

    @Test func configErrorsNameFileLineAndKey() throws {
        func error(_ yaml: String) -> String? {
            do {
                _ = try DependencyScanner().validate(config: PicketConfig.parse(yaml: yaml, file: ".picket.yml"))
                return nil
            } catch { return "\(error)" }
        }
        #expect(error("licenses:\n  deny: [GPL-3.0-only]\n  allow: [MIT]\n") == nil)
        #expect(error("licenses:\n  deny: [GPL-3.0-only]\n  alow: [MIT]\n")?.hasPrefix(".picket.yml:3: 'licenses.alow': unknown key") == true)
        #expect(error("licenses:\n  allow:\n    - MIT\n    - MIT OR ISC\n")?.hasPrefix(".picket.yml:4: 'licenses.allow[1]': 'MIT OR ISC' is not one SPDX licence id") == true)
        #expect(error("licenses:\n  deny: [MIT]\n  allow: [mit]\n")?.contains("'licenses.allow[0]': 'mit' is in both licenses.deny and licenses.allow") == true)
        #expect(error("licenses:\n  deny: {a: b}\n")?.hasPrefix(".picket.yml:2: 'licenses.deny': expected a list") == true)
        #expect(error("deps:\n  ignore-scopes: [devel]\n")?.hasPrefix(".picket.yml:2: 'deps.ignore-scopes[0]': unknown scope 'devel'") == true)
        #expect(error("deps:\n  scopes: [dev]\n")?.contains("'deps.scopes': unknown key") == true)
    }

    @Test func violationsBecomeLicenseFindingsAndLandInTheSBOM() async throws {
        let dir = try TempDir()
        try dir.write("web/package-lock.json", """
            {
              "name": "web",
              "lockfileVersion": 3,
              "packages": {
                "": { "name": "web", "dependencies": { "left": "^1.0.0", "right": "^1.0.0", "dual": "^1.0.0" } },
                "node_modules/left": { "version": "1.0.0", "license": "MIT" },
                "node_modules/right": { "version": "2.1.0", "license": "AGPL-3.0-only" },
                "node_modules/dual": { "version": "3.0.0", "license": "(ISC OR GPL-3.0-only)" },
                "node_modules/nolicense": { "version": "1.0.0" }
              }
            }
            """)
        try dir.write(".picket.yml", "licenses:\n  deny: [AGPL-3.0-only]\n  allow: [MIT, Apache-2.0]\n")
        let cfg = try PicketConfig.load(root: dir.path, explicit: nil)
        let target = try await ScanRunner.makeTarget(path: dir.path, mode: .workingTree, config: cfg)
        let data = try TestEnvironment.makeTemporaryDirectory("picket-no-db")
        defer { TestEnvironment.remove(data) }
        let out = try await DependencyScanner().scan(target, context: ScanContext(dataDirectory: DataDirectory(path: data)))
        let byName = Dictionary(uniqueKeysWithValues: out.findings.map { ($0.dependency?.name ?? "", $0) })
        #expect(Set(byName.keys) == ["right", "dual"], "MIT complies; a package without licence data is not judged")
        let right = try #require(byName["right"])
        #expect(right.kind == .license && right.ruleID == "license-denied" && right.severity == .high)
        #expect(right.location.path == "web/package-lock.json" && right.location.startLine == 7)
        #expect(right.dependency?.license == "AGPL-3.0-only")
        #expect(right.identifiers.first?.url == "https://spdx.org/licenses/AGPL-3.0-only.html")
        let dual = try #require(byName["dual"])
        #expect(dual.ruleID == "license-not-allowed" && dual.severity == .medium)
        #expect(dual.message.contains("ISC, GPL-3.0-only are not on the allow list"))

        // The same packages, licences included, in both SBOM formats.
        let inventory = DependencyInventory.collect(target)
        let doc = SBOMDocument(name: "web", packages: inventory.packages)
        let cdx = try #require(try JSONSerialization.jsonObject(with: CycloneDXWriter().render(doc)) as? [String: Any])
        let components = try #require(cdx["components"] as? [[String: Any]])
        let rightC = try #require(components.first { $0["name"] as? String == "right" })
        #expect((rightC["licenses"] as? [[String: Any]])?.first?["expression"] as? String == "AGPL-3.0-only")
        let spdx = try #require(try JSONSerialization.jsonObject(with: SPDXWriter().render(doc)) as? [String: Any])
        let dualP = try #require((spdx["packages"] as? [[String: Any]])?.first { $0["name"] as? String == "dual" })
        #expect(dualP["licenseDeclared"] as? String == "(ISC OR GPL-3.0-only)")
    }
}
