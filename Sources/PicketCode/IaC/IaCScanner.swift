import PicketCore

/// IaC: Checkov over Terraform, CloudFormation, Kubernetes, Dockerfiles (and Helm charts where `helm` exists),
/// plus Picket's own IaC rules (`IaCRules.all`) for what Checkov does not check. The native rules always run;
/// a missing Checkov is a warning by default and a failure when `iac` was asked for by name.
public struct IaCScanner: PicketCore.Scanner {
    public let id = "iac"
    public let displayName = "Picket IaC"
    public var locator: EngineLocator
    public var required: Bool

    public init(locator: EngineLocator = EngineLocator(), required: Bool = false) {
        self.locator = locator
        self.required = required
    }

    public func validate(config: PicketConfig) throws { _ = try IaCSettings(config: config) }

    static let maxFileBytes = 4 << 20
    static let checkovFrameworks = ["terraform", "cloudformation", "kubernetes", "dockerfile"]

    public func scan(_ target: ScanTarget, context: ScanContext) async throws -> ScannerOutput {
        let settings = try IaCSettings(config: target.config)
        var diagnostics: [ScanDiagnostic] = []
        var findings: [Finding] = []
        let exclude = GlobSet(settings.exclude + SASTTargetSelector.defaultExclusions.map(\.glob))
        var excluded = 0
        var files: [SourceFile] = []
        for f in target.inventory.files {
            if exclude.matches(f.path) { excluded += 1 } else { files.append(f) }
        }
        if excluded > 0 {
            diagnostics.append(ScanDiagnostic(.notice, scanner: id, "\(excluded) files not analysed for IaC: iac.exclude and Picket's default exclusions (third-party, caches, minified)"))
        }

        // Native rules.
        var ruleHits = 0
        var iacFiles: [String] = []
        var charts: [String] = []
        for f in files where f.path == "Chart.yaml" || f.path.hasSuffix("/Chart.yaml") {
            charts.append(f.path == "Chart.yaml" ? "." : String(f.path.dropLast("/Chart.yaml".count)))
        }
        for f in files {
            let inChartTemplates = charts.contains { c in f.path.hasPrefix((c == "." ? "" : c + "/") + "templates/") }
            let rules = settings.picketRules ? IaCRules.all.filter { $0.applies(to: f.path) } : []
            let candidate = !inChartTemplates && IaCFileKind.isCheckovCandidate(f.path)
            guard !rules.isEmpty || candidate else { continue }
            if f.size > Self.maxFileBytes {
                diagnostics.append(ScanDiagnostic(.warning, scanner: id, path: f.path, "not analysed for IaC: \(ByteCount.format(f.size)) is over \(ByteCount.format(Self.maxFileBytes))"))
                continue
            }
            guard let data = SafeFile.read(root: target.root, relative: f.path, limit: Self.maxFileBytes) else { continue }
            let file = IaCFile(path: f.path, bytes: [UInt8](data))
            for r in rules {
                let hits = r.check(file)
                ruleHits += hits.count
                findings += hits
            }
            if candidate && IaCFileKind.sniff(file) {
                // Checkov drops YAML it cannot parse without a word; Picket checks first and says so.
                if f.path.hasSuffix(".yaml") || f.path.hasSuffix(".yml") {
                    do { _ = try YAMLDocuments.compose(String(decoding: file.bytes, as: UTF8.self)) } catch {
                        diagnostics.append(ScanDiagnostic(.warning, scanner: id, path: f.path, "not valid YAML (\(YAMLDocuments.summary(error))); its IaC checks did not run"))
                        continue
                    }
                }
                iacFiles.append(f.path)
            }
        }

        // Checkov.
        var stats = ["files": iacFiles.count, "picket-rule-findings": ruleHits]
        if settings.checkov && (!iacFiles.isEmpty || !charts.isEmpty) {
            switch locator.locate("checkov", variable: "PICKET_CHECKOV") {
            case .found(let exe):
                let helm = ProcessRunner.locate("helm", path: locator.environment["PATH"] ?? "") != nil
                if !charts.isEmpty && !helm {
                    diagnostics.append(ScanDiagnostic(.warning, scanner: id, "\(charts.count) Helm chart(s) not analysed by Checkov (e.g. \(charts[0])): the helm binary is not installed; their templates/ are left out"))
                }
                var runner = CheckovRunner(executable: exe.path, frameworks: Self.checkovFrameworks, wallClock: .seconds(settings.timeoutSeconds))
                runner.skipChecks = settings.skipChecks
                context.progress.setPhase("IaC (checkov, \(iacFiles.count) files)")
                let out: CheckovRunner.Output
                do {
                    out = try await runner.run(files: iacFiles, chartFolders: helm ? charts : [], root: target.root)
                } catch let f as ScannerFailure {
                    throw ScannerFailure(f.message, diagnostics: diagnostics + f.diagnostics)
                }
                for r in out.reports {
                    if r.parsingErrorCount > r.parsingErrors.count {
                        diagnostics.append(ScanDiagnostic(.warning, scanner: id, "checkov could not parse \(r.parsingErrorCount - r.parsingErrors.count) \(r.checkType) file(s); their checks did not run"))
                    }
                    for p in r.parsingErrors {
                        let rel = CheckovRunner.relativePath(CheckovReport.FailedCheck(checkID: "", filePath: p, fileAbsPath: p), root: target.root) ?? p
                        diagnostics.append(ScanDiagnostic(.warning, scanner: id, path: rel, "checkov could not parse this \(r.checkType) file; its checks did not run"))
                    }
                }
                let mapped = CheckovFindings.map(out.reports, root: target.root)
                findings += mapped
                stats["checkov-findings"] = mapped.count
                stats["batches"] = out.batches
            case .badOverride(let v, let p):
                throw ScannerFailure(SASTEngineFailure.badOverride(variable: v, path: p).description, diagnostics: diagnostics)
            case .notFound:
                let msg = "checkov is not installed; \(CheckovRunner.installHint)"
                if required { throw ScannerFailure(msg, diagnostics: diagnostics) }
                diagnostics.append(ScanDiagnostic(.warning, scanner: id, "Checkov skipped (\(iacFiles.count) IaC files had only Picket's own rules): \(msg)"))
            }
        }
        context.progress.findings.add(findings.count, ordering: .relaxed)
        stats["findings"] = findings.count
        return ScannerOutput(findings: findings, diagnostics: diagnostics, stats: stats)
    }
}

/// Which files go to Checkov: by name, then by content for YAML/JSON (a Kubernetes manifest or a
/// CloudFormation template), so arbitrary YAML is not handed to it.
enum IaCFileKind {
    static func isCheckovCandidate(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if IaCRules.isDockerfile(name) { return true }
        return path.hasSuffix(".tf") || path.hasSuffix(".tf.json") || path.hasSuffix(".yaml") || path.hasSuffix(".yml")
            || path.hasSuffix(".json") || path.hasSuffix(".template")
    }

    static func sniff(_ f: IaCFile) -> Bool {
        if IaCRules.isDockerfile(f.name) || f.path.hasSuffix(".tf") || f.path.hasSuffix(".tf.json") { return true }
        if f.contains("AWSTemplateFormatVersion") || (f.contains("Resources") && f.contains("AWS::")) { return true }
        return f.contains("apiVersion") && f.contains("kind")
    }
}

/// Checkov failed checks as Picket findings. Identity = check + resource, so a moved block keeps its fingerprint.
enum CheckovFindings {
    static func map(_ reports: [CheckovReport], root: String) -> [Finding] {
        var out: [Finding] = []
        var seen = Set<String>()
        for r in reports {
            for c in r.failed {
                guard let path = CheckovRunner.relativePath(c, root: root) else { continue }
                let range = c.fileLineRange ?? [1, 1]
                let start = max(1, range.first ?? 1), end = max(start, range.count > 1 ? range[1] : start)
                let resource = c.resource ?? "\(path):\(start)"
                let key = "\(c.checkID)|\(path)|\(resource)"
                guard seen.insert(key).inserted else { continue }
                let name = c.checkName ?? c.checkID
                out.append(Finding(
                    kind: .iac, ruleID: c.checkID, title: name,
                    message: "\(name) (Checkov \(c.checkID), \(r.checkType), resource \(resource)).",
                    severity: CheckovSeverity.severity(id: c.checkID, name: c.checkName, given: c.severity), confidence: .high,
                    location: Location(path: path, startLine: start, endLine: end),
                    fingerprint: Fingerprint(kind: .iac, rule: c.checkID, path: path, identity: resource),
                    identifiers: [Identifier(type: "checkov", name: c.checkID, value: c.checkID, url: c.guideline)],
                    code: CodeDetails(engine: "checkov", resource: resource, fix: nil, references: c.guideline.map { [$0] } ?? [])))
            }
        }
        return out
    }
}
