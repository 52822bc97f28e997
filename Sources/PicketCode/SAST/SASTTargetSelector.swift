import PicketCore

/// Decides which files the SAST engine sees. Picket, not the engine, owns this: the inventory walked once for
/// every scanner, minus Picket's own default exclusions (`defaultExclusions`, documented below), minus the
/// repository's `.semgrepignore` files and `sast.exclude`, plus `sast.include`, minus files over
/// `max-target-bytes`, restricted to the languages the rules cover. Every exclusion is counted and reported;
/// test and vendored code left out is reported as a warning, so it is never skipped silently.
struct SASTTargetSelector: Sendable {
    /// Picket's own exclusions: third-party and generated code where findings are not the repository's to fix.
    /// Tests are *not* excluded by default. Python environments are recognised by their `pyvenv.cfg` (not by a
    /// folder name: the standard library has a `venv` package).
    static let defaultExclusions: [(glob: String, reason: String)] = [
        ("node_modules", "third-party packages"), ("bower_components", "third-party packages"),
        ("vendor", "vendored third-party code"), ("third_party", "vendored third-party code"),
        ("third-party", "vendored third-party code"),
        ("site-packages", "installed packages"),
        ("__pycache__", "caches"), (".tox", "caches"), (".mypy_cache", "caches"), (".terraform", "downloaded modules"),
        ("*.min.js", "minified code"), ("*.min.css", "minified code"), ("*.map", "source maps"),
    ]

    static let testFolders: Set<String> = ["test", "tests", "__tests__", "spec", "specs", "testdata", "testing", "e2e"]
    static let vendorFolders: Set<String> = ["vendor", "node_modules", "third_party", "third-party", "bower_components"]

    var settings: SASTSettings
    var languages: Set<String>

    struct Selection: Sendable {
        var targets: [SourceFile] = []
        var diagnostics: [ScanDiagnostic] = []
        var excluded = 0
        var tooLarge = 0
        var otherLanguages = 0
    }

    func select(_ target: ScanTarget) -> Selection {
        var sel = Selection()
        let root = target.root
        let defaults = Self.defaultExclusions.map { (Glob($0.glob), $0.reason) }
        let configExclude = GlobSet(settings.exclude)
        let configInclude = GlobSet(settings.include)
        // Ignore files, shallowest first, so deeper ones can override.
        var ignoreDiags: [ScanDiagnostic] = []
        let ignores = target.inventory.files
            .filter { $0.path == IgnoreFile.fileName || $0.path.hasSuffix("/" + IgnoreFile.fileName) }
            .sorted { $0.path.split(separator: "/").count < $1.path.split(separator: "/").count }
            .map { IgnoreFile.load(root: root, path: $0.path, diagnostics: &ignoreDiags) }
        sel.diagnostics += ignoreDiags
        let languageMatch = LanguageFiles.matcher(for: languages)
        let environments = target.inventory.files.filter { $0.path == "pyvenv.cfg" || $0.path.hasSuffix("/pyvenv.cfg") }
            .map { String($0.path.dropLast("pyvenv.cfg".count)) }

        // reason -> (count, test files, vendor files, example)
        var groups: [String: (count: Int, tests: Int, vendor: Int, example: String)] = [:]
        func note(_ reason: String, _ path: String) {
            var g = groups[reason] ?? (0, 0, 0, path)
            g.count += 1
            if Self.isTest(path) { g.tests += 1 }
            if Self.isVendor(path) { g.vendor += 1 }
            groups[reason] = g
        }
        for f in target.inventory.files {
            let reason: String? = {
                if configInclude.matches(f.path) { return nil }
                if let g = configExclude.firstMatch(f.path) {
                    return "excluded by sast.exclude '\(g.pattern)' in \(settings.source ?? PicketConfig.fileName)"
                }
                var verdict: (ignored: Bool, pattern: String, file: String)?
                for ig in ignores {
                    if let v = ig.verdict(for: f.path) { verdict = v }
                }
                if let v = verdict, v.ignored { return "excluded by '\(v.pattern)' in \(v.file)" }
                if verdict == nil, let env = environments.first(where: { $0.isEmpty || f.path.hasPrefix($0) }) {
                    return "left out by Picket's default SAST exclusion of Python environments (\(env.isEmpty ? "." : env)pyvenv.cfg; re-include with sast.include)"
                }
                if verdict == nil, let d = defaults.first(where: { $0.0.matches(f.path) }) {
                    return "left out by Picket's default SAST exclusion '\(d.0.pattern)' (\(d.1); re-include with sast.include)"
                }
                return nil
            }()
            if let reason {
                sel.excluded += 1
                note(reason, f.path)
                continue
            }
            if let languageMatch, !languageMatch(f.path) {
                sel.otherLanguages += 1
                continue
            }
            if f.size > settings.maxTargetBytes {
                sel.tooLarge += 1
                sel.diagnostics.append(ScanDiagnostic(.warning, scanner: "sast", path: f.path,
                    "not analysed: \(ByteCount.format(f.size)) is over sast.max-target-bytes (\(ByteCount.format(settings.maxTargetBytes)))"))
                continue
            }
            sel.targets.append(f)
        }
        for (reason, g) in groups.sorted(by: { $0.key < $1.key }) {
            var parts: [String] = []
            if g.tests > 0 { parts.append("\(g.tests) test file\(g.tests == 1 ? "" : "s")") }
            if g.vendor > 0 { parts.append("\(g.vendor) vendored file\(g.vendor == 1 ? "" : "s")") }
            let level: ScanDiagnostic.Level = parts.isEmpty ? .notice : .warning
            let what = parts.isEmpty ? "" : " (including \(parts.joined(separator: " and ")))"
            sel.diagnostics.append(ScanDiagnostic(level, scanner: "sast",
                "\(g.count) file\(g.count == 1 ? "" : "s")\(what) not analysed: \(reason); e.g. \(g.example)"))
        }
        return sel
    }

    static func isTest(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        if parts.dropLast().contains(where: { testFolders.contains($0.lowercased()) }) { return true }
        let name = parts.last.map(String.init) ?? ""
        return name.hasPrefix("test_") || name.hasSuffix("_test.go") || name.hasSuffix("_test.py")
            || name.contains(".test.") || name.contains(".spec.") || name.hasSuffix("Test.java") || name.hasSuffix("Tests.swift")
    }

    static func isVendor(_ path: String) -> Bool {
        path.split(separator: "/").dropLast().contains { vendorFolders.contains(String($0)) }
    }
}
