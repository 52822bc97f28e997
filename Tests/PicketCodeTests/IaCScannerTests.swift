import Foundation
import Testing
@testable import PicketCode
import PicketCore

/// Picket's native IaC rules (positive and negative fixtures) and the Checkov adapter against the pinned Checkov.
@Suite struct IaCScannerTests {
    func file(_ fixture: String, as path: String) throws -> IaCFile {
        IaCFile(path: path, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture(fixture)))))
    }

    func run(_ rule: any IaCRule, _ fixture: String, as path: String) throws -> [Finding] {
        let f = try file(fixture, as: path)
        #expect(rule.applies(to: path))
        return rule.check(f)
    }

    @Test func terraformLiteralSecrets() throws {
        let rule = TerraformLiteralSecretRule()
        let hits = try run(rule, "iac/terraform/positive.tf", as: "infra/main.tf")
        #expect(hits.map(\.code?.resource) == ["var.db_password", "var.signing", "local.api_token", "local.service.client_secret",
                                               "module.database.admin_password"])
        #expect(hits.map(\.location.startLine) == [5, 10, 14, 17, 23])
        #expect(hits.allSatisfy { $0.kind == .iac && $0.severity == .high && $0.identifiers.contains { $0.name == "CWE-798" } })
        #expect(hits.allSatisfy { $0.evidence.snippet == nil && $0.evidence.preview?.contains("chars") == true })
        #expect(try run(rule, "iac/terraform/negative.tf", as: "infra/main.tf").isEmpty)
        let vars = try run(rule, "iac/terraform/positive.tfvars", as: "env/prod.tfvars")
        #expect(vars.map(\.code?.resource) == ["db_password"] && vars.first?.location.startLine == 2)
        #expect(try run(rule, "iac/terraform/negative.tfvars", as: "env/prod.tfvars").isEmpty)
    }

    @Test func kubernetesSecretLiterals() throws {
        let rule = KubernetesSecretLiteralRule()
        let hits = try run(rule, "iac/kubernetes/positive.yaml", as: "k8s/app.yaml")
        #expect(hits.map(\.code?.resource) == ["Secret/db-credentials", "Secret/db-credentials", "Secret/db-credentials"])
        #expect(hits.map(\.location.startLine) == [14, 15, 17])
        #expect(hits.last?.confidence == .medium) // base64 `data`
        #expect(try run(rule, "iac/kubernetes/negative.yaml", as: "k8s/app.yaml").isEmpty)
        // A Helm template is not a manifest yet.
        let tpl = IaCFile(path: "chart/templates/s.yaml", bytes: Array("apiVersion: v1\nkind: Secret\nstringData:\n  p: {{ .Values.p }}\n".utf8))
        #expect(rule.check(tpl).isEmpty)
    }

    @Test func dockerfileSecretsAndRemoteAdd() throws {
        let env = try run(DockerfileSecretEnvRule(), "iac/docker/Dockerfile.positive", as: "Dockerfile")
        #expect(env.map(\.code?.resource) == ["ARG PIP_INDEX_TOKEN", "ENV DATABASE_PASSWORD", "ENV API_KEY"])
        #expect(env.map(\.location.startLine) == [2, 3, 5])
        #expect(try run(DockerfileSecretEnvRule(), "iac/docker/Dockerfile.negative", as: "Dockerfile").isEmpty)

        let add = try run(DockerfileRemoteAddRule(), "iac/docker/Dockerfile.positive", as: "build/Dockerfile.web")
        #expect(add.map(\.location.startLine) == [6, 7])
        #expect(add.map(\.severity) == [.medium, .high])
        #expect(try run(DockerfileRemoteAddRule(), "iac/docker/Dockerfile.negative", as: "Dockerfile").isEmpty)
        #expect(DockerfileRemoteAddRule.withoutCredentials("https://u:p@h.example/x") == "https://…@h.example/x")
    }

    @Test func everyNativeRuleIsRegisteredWithUniqueIDs() {
        let ids = IaCRules.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("picket.iac.") })
    }

    @Test func checkovFindingsWithSeveritiesAndParseErrors() async throws {
        let checkov = try TestSupport.venvTool("checkov")
        let repo = try TempRepo()
        for f in ["main.tf", "Dockerfile", "pod.yaml", "broken-pod.yaml", "broken.yaml"] { try repo.copy(fixture: "iac/checkov/\(f)", to: "deploy/\(f)") }
        try repo.copy(fixture: "iac/docker/Dockerfile.positive", to: "deploy/Dockerfile.app")
        let scanner = IaCScanner(locator: TestSupport.locator(["PICKET_CHECKOV": checkov]), required: true)
        let out = try await scanner.scan(try await TestSupport.target(repo.path), context: TestSupport.context())
        let ck = out.findings.filter { $0.code?.engine == "checkov" }
        #expect(ck.contains { $0.ruleID == "CKV_DOCKER_7" && $0.location.path == "deploy/Dockerfile" && $0.severity == .low })
        #expect(ck.contains { $0.ruleID.hasPrefix("CKV_AWS_") && $0.location.path == "deploy/main.tf" && $0.code?.resource == "aws_s3_bucket.logs" })
        let priv = try #require(ck.first { $0.ruleID == "CKV_K8S_16" }) // privileged container
        #expect(priv.severity == .high && priv.location.path == "deploy/pod.yaml" && priv.location.startLine == 1)
        // Native rules ran too.
        #expect(out.findings.contains { $0.ruleID == "picket.iac.dockerfile.secret-env" })
        // The manifest that does not parse is reported, not dropped silently.
        #expect(out.diagnostics.contains { $0.path == "deploy/broken-pod.yaml" && $0.message.contains("not valid YAML") }, "\(out.diagnostics)")
        // broken.yaml is no IaC at all: not handed to Checkov.
        #expect(out.stats["files"] == 4)
        // Fingerprints do not depend on line numbers: Checkov identity is check + resource.
        let again = try await scanner.scan(try await TestSupport.target(repo.path), context: TestSupport.context())
        #expect(Set(again.findings.map(\.fingerprint)) == Set(out.findings.map(\.fingerprint)))
    }

    @Test func missingCheckovKeepsNativeRules() async throws {
        let repo = try TempRepo()
        try repo.copy(fixture: "iac/terraform/positive.tf", to: "main.tf")
        let lax = IaCScanner(locator: TestSupport.locator(), required: false)
        let out = try await lax.scan(try await TestSupport.target(repo.path), context: TestSupport.context())
        #expect(out.findings.count == 5)
        #expect(out.diagnostics.contains { $0.level == .warning && $0.message.contains("checkov is not installed") && $0.message.contains("make engines") })
        let strict = IaCScanner(locator: TestSupport.locator(), required: true)
        await #expect(throws: ScannerFailure.self) { _ = try await strict.scan(try await TestSupport.target(repo.path), context: TestSupport.context()) }
    }

    @Test func checkovCrashFailsTheScan() async throws {
        let repo = try TempRepo()
        try repo.copy(fixture: "iac/checkov/main.tf", to: "main.tf")
        let fake = try repo.script("fake/checkov", "exit 139")
        let s = IaCScanner(locator: TestSupport.locator(["PICKET_CHECKOV": fake]), required: false)
        await #expect(throws: ScannerFailure.self) { _ = try await s.scan(try await TestSupport.target(repo.path), context: TestSupport.context()) }
    }

    @Test(arguments: [
        ("CKV_SECRET_2", "AWS Access Key", Severity.high),
        ("CKV_AWS_20", "S3 Bucket has an ACL defined which allows public READ access.", .high),
        ("CKV_AWS_18", "Ensure the S3 bucket has access logging enabled", .low),
        ("CKV_AWS_145", "Ensure that S3 buckets are encrypted with KMS by default", .medium),
        ("CKV_K8S_16", "Container should not be privileged", .high),
        ("CKV_DOCKER_2", "Ensure that HEALTHCHECK instructions have been added to container images", .low),
        ("CKV_DOCKER_3", "Ensure that a user for the container has been created", .low),
        ("CKV_TF_1", "Ensure Terraform module sources use a commit hash", .low),
    ])
    func checkovSeverityMapping(id: String, name: String, expected: Severity) {
        #expect(CheckovSeverity.severity(id: id, name: name, given: nil) == expected)
    }
}
