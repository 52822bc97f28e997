import Testing
@testable import PicketCore

@Suite struct ConfigTests {
    @Test func parsesEverySharedSetting() throws {
        let c = try PicketConfig.parse(yaml: """
        version: 1
        scanners: [secrets, deps]
        fail-on: high
        max-file-size: 2MB
        ignore:
          paths: ["vendor/**", "*.min.js"]
          rules: [generic-api-key]
          findings:
            - fingerprint: abc123
              reason: test fixture
        severity:
          generic-*: low
        secrets:
          disable: [jwt]
        """, file: ".picket.yml")
        #expect(c.scanners == ["secrets", "deps"])
        #expect(c.failOn == .high)
        #expect(c.maxFileSize == 2 << 20)
        #expect(c.ignorePaths.matches("vendor/x/y.go"))
        #expect(c.ignorePaths.matches("web/app.min.js"))
        #expect(c.disabledRules == ["generic-api-key"])
        #expect(c.ignoredFindings["abc123"]?.reason == "test fixture")
        #expect(c.severityOverrides.first?.rule.matches("generic-password") == true)
        #expect(try c.section("secrets")?.optional("disable")?.strings() == ["jwt"])
    }

    @Test func syntaxErrorNamesFileAndLine() {
        #expect {
            _ = try PicketConfig.parse(yaml: "ignore:\n  paths: [a, b\nscanners: x\n", file: ".picket.yml")
        } throws: { e in
            guard case let PicketError.config(file, line, _, message) = e else { return false }
            return file == ".picket.yml" && line != nil && message.contains("invalid YAML")
        }
    }

    @Test func unknownKeyNamesKeyAndLine() throws {
        let yaml = "version: 1\nignore:\n  pathz: [a]\n"
        #expect(throws: PicketError.config(file: ".picket.yml", line: 3, key: "ignore.pathz",
                                           message: "unknown key; expected one of: findings, paths, rules, vulnerabilities")) {
            _ = try PicketConfig.parse(yaml: yaml, file: ".picket.yml")
        }
    }

    @Test func badSeverityIsExplained() {
        #expect {
            _ = try PicketConfig.parse(yaml: "severity:\n  my-rule: urgent\n", file: "cfg.yml")
        } throws: { e in
            "\(e)".contains("cfg.yml:2: 'severity.my-rule': unknown severity 'urgent'")
        }
    }

    @Test func yamlBombIsRejected() {
        var yaml = "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
        var prev = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "\(name): &\(name) [*\(prev),*\(prev),*\(prev),*\(prev),*\(prev),*\(prev),*\(prev),*\(prev),*\(prev)]\n"
            prev = name
        }
        #expect(throws: PicketError.self) { _ = try PicketConfig.parse(yaml: yaml, file: "bomb.yml") }
    }

    @Test func duplicateKeyIsAnError() {
        #expect { _ = try PicketConfig.parse(yaml: "fail-on: low\nfail-on: high\n", file: "d.yml") } throws: { e in
            "\(e)".contains("d.yml") && "\(e)".contains("duplicate")
        }
    }

    @Test func emptyFileMeansDefaults() throws {
        let c = try PicketConfig.parse(yaml: "", file: ".picket.yml")
        #expect(c.scanners == nil && c.ignorePaths.isEmpty)
    }

    @Test(arguments: [("10MB", 10 << 20), ("512 KB", 512 << 10), ("1GiB", 1 << 30), ("2048", 2048)])
    func byteSizes(text: String, value: Int) { #expect(ByteSize.parse(text) == value) }
}
