import Foundation
import PicketCore

/// Dependency scanning: finds every lockfile and manifest (monorepos included; installed and vendored folders
/// skipped), reads the packages, matches them against the local OSV database and applies the licence policy.
///
/// Without an advisory database the scan says how to get one; it fails when `deps` was asked for by name
/// (`--scanners deps` or `scanners:` in .picket.yml) and warns otherwise, so the other scanners' results stand.
/// Lockfiles that cannot be read, entries that cannot be understood and versions no comparator can order are
/// diagnostics naming the file; the rest of the scan goes on. The database is never loaded whole: lookups go
/// through its package index (see `AdvisoryDatabase`).
public struct DependencyScanner: PicketCore.Scanner {
    public let id = "deps"
    public let displayName = "Picket dependencies"
    /// True when the user asked for this scanner by name: then a missing database fails the scan.
    public var required: Bool
    public var registry: LockfileRegistry
    /// The database file to use instead of `<data dir>/osv/osv.sqlite` (tests, benchmarks).
    public var databasePath: String?
    /// The moment the database's age is judged at (tests set it).
    public var now: Date?

    public init(required: Bool = false, registry: LockfileRegistry = .standard, databasePath: String? = nil, now: Date? = nil) {
        self.required = required
        self.registry = registry
        self.databasePath = databasePath
        self.now = now
    }

    /// The warning for a database last updated more than `maxDays` days before `now`, else nil.
    static func staleDatabaseWarning(lastUpdate: Date, now: Date, maxDays: Int) -> String? {
        let days = Int(now.timeIntervalSince(lastUpdate) / 86_400)
        guard days > maxDays else { return nil }
        let day = ISO8601DateFormatter.string(from: lastUpdate, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        return "the advisory database was last updated \(days) days ago (\(day)): vulnerabilities published since are not checked; "
            + "run `picket db update` (or import newer dumps), or raise deps.database-max-age-days in .picket.yml"
    }

    public func validate(config: PicketConfig) throws {
        _ = try DependencySettings(config: config)
    }

    public func scan(_ target: ScanTarget, context: ScanContext) async throws -> ScannerOutput {
        let settings = try DependencySettings(config: target.config)
        let now = self.now ?? Date()
        // Parsing and SQLite block: keep them off Swift's cooperative threads.
        let result: Result<ScannerOutput, ScannerFailure> = await withCheckedContinuation { cont in
            Thread.detachNewThread {
                do {
                    cont.resume(returning: .success(try self.run(target, context: context, settings: settings, now: now)))
                } catch let f as ScannerFailure {
                    cont.resume(returning: .failure(f))
                } catch {
                    cont.resume(returning: .failure(ScannerFailure("\(error)")))
                }
            }
        }
        return try result.get()
    }

    func run(_ target: ScanTarget, context: ScanContext, settings: DependencySettings, now: Date) throws -> ScannerOutput {
        var diagnostics: [ScanDiagnostic] = []
        if target.mode == .history {
            diagnostics.append(ScanDiagnostic(.notice, scanner: id, "dependency scanning reads the checked-out lockfiles, not every commit of the history"))
        }
        context.progress.setPhase("dependencies: reading lockfiles")
        let inventory = DependencyInventory.collect(target, registry: registry, parallelism: context.parallelism, scanner: id)
        diagnostics += inventory.diagnostics
        var stats = ["lockfiles": inventory.lockfiles.count, "packages": inventory.packages.count,
                     "unreadable-lockfiles": inventory.failedFiles]
        context.progress.advance(files: inventory.lockfiles.count, bytes: 0)

        var findings = inventory.packages.compactMap { DependencyFindings.license($0, policy: settings.licenses) }
        stats["license-findings"] = findings.count

        let inScope = inventory.packages.filter(settings.checks)
        stats["ignored-by-scope"] = inventory.packages.count - inScope.count
        let checked = inScope.filter { !settings.isIgnoredByName($0) }
        stats["ignored-by-name"] = inScope.count - checked.count
        guard !checked.isEmpty else {
            return finish(findings, diagnostics, stats, context, inventory)
        }

        let database: AdvisoryDatabase
        do {
            database = try databasePath.map(AdvisoryDatabase.open(path:)) ?? AdvisoryDatabase.open(dataDirectory: context.dataDirectory)
        } catch {
            let path = databasePath ?? context.dataDirectory.path + "/osv/osv.sqlite"
            let message = Self.noDatabaseMessage(path: path, error: error, packages: checked, lockfiles: inventory.lockfiles.count)
            if required { throw ScannerFailure(message, diagnostics: diagnostics) }
            diagnostics.append(ScanDiagnostic(.warning, scanner: id, message))
            stats["skipped"] = 1
            return finish(findings, diagnostics, stats, context, inventory)
        }

        // Advisories published after the last update are unknown to the scan: an old database looks clean.
        if let maxDays = settings.databaseMaxAgeDays, let last = try? database.lastUpdate(),
           let warning = Self.staleDatabaseWarning(lastUpdate: last, now: now, maxDays: maxDays) {
            diagnostics.append(ScanDiagnostic(.warning, scanner: id, warning))
        }

        // Ecosystems the database has nothing for would look clean: say so.
        let ecosystems = Set(checked.map { VersionSchemes.baseEcosystem($0.ecosystem.rawValue) })
        for eco in ecosystems.sorted() {
            guard try !database.hasRecords(ecosystem: eco) else { continue }
            let n = checked.filter { VersionSchemes.baseEcosystem($0.ecosystem.rawValue) == eco }.count
            diagnostics.append(ScanDiagnostic(.warning, scanner: id,
                "the advisory database has no \(eco) advisories, so \(n) \(eco) package\(n == 1 ? " was" : "s were") not checked: "
                + "run `picket db update --ecosystem \(eco)` or `picket db import` an \(eco) dump"))
        }

        context.progress.setPhase("dependencies: matching \(checked.count) packages")
        // Findings are made on the matching workers: one pass per package on every core.
        let scanner = id
        let outcomes: [PackageOutcome]
        do {
            outcomes = try database.matches(for: checked) { m in PackageOutcome(m, scanner: scanner) }
        } catch {
            throw ScannerFailure("advisory lookup failed: \(error)", diagnostics: diagnostics)
        }
        var advisoryWarnings = Set<String>()
        var vulnerable = 0, unmatched = 0
        for o in outcomes {
            if o.vulnerable { vulnerable += 1 }
            findings += o.findings
            if let d = o.unmatched {
                unmatched += 1
                diagnostics.append(d)
            }
            advisoryWarnings.formUnion(o.warnings)
        }
        for w in advisoryWarnings.sorted() {
            diagnostics.append(ScanDiagnostic(.notice, scanner: id, "advisory data: \(w)"))
        }
        stats["vulnerable-packages"] = vulnerable
        stats["unmatched-versions"] = unmatched
        return finish(findings, diagnostics, stats, context, inventory)
    }

    private func finish(_ findings: [Finding], _ diagnostics: [ScanDiagnostic], _ stats: [String: Int],
                        _ context: ScanContext, _ inventory: DependencyInventory) -> ScannerOutput {
        let merged = DependencyFindings.merged(findings)
        var stats = stats
        stats["findings"] = merged.count
        context.progress.findings.add(merged.count, ordering: .relaxed)
        return ScannerOutput(findings: merged, diagnostics: diagnostics, stats: stats,
                             components: inventory.packages.map(\.component))
    }

    /// What one package's match contributes to the scan.
    struct PackageOutcome: Sendable {
        var findings: [Finding]
        var vulnerable: Bool
        /// Set when some advisory could not be evaluated against the package's version.
        var unmatched: ScanDiagnostic?
        var warnings: [String]

        init(_ m: PackageMatch, scanner: String) {
            findings = DependencyFindings.vulnerabilities(m)
            vulnerable = m.isVulnerable
            warnings = m.warnings
            if let reason = m.unmatchedReason {
                let p = m.package
                let where_ = p.line.map { "line \($0): " } ?? ""
                unmatched = ScanDiagnostic(.warning, scanner: scanner, path: p.file,
                    "\(where_)\(p.name) \(p.version ?? "(no version)") (\(p.ecosystem.rawValue)) was not checked against "
                    + "\(m.unevaluatedAdvisories.joined(separator: ", ")): \(reason)")
            }
        }
    }

    static func noDatabaseMessage(path: String, error: any Error, packages: [PackageRef], lockfiles: Int) -> String {
        if let outdated = error as? AdvisoryStore.OutdatedSchema {
            return "\(packages.count) package\(packages.count == 1 ? "" : "s") in \(lockfiles) lockfile\(lockfiles == 1 ? "" : "s") "
                + "\(packages.count == 1 ? "was" : "were") not checked for vulnerabilities: \(outdated)"
        }
        let ecosystems = Set(packages.map { VersionSchemes.baseEcosystem($0.ecosystem.rawValue) }).sorted()
        let flags = ecosystems.map { "--ecosystem \($0)" }.joined(separator: " ")
        let missing = !FileManager.default.fileExists(atPath: path)
        let head = missing ? "no advisory database at \(path)" : "the advisory database cannot be used (\(error))"
        return "\(head), so \(packages.count) package\(packages.count == 1 ? "" : "s") in \(lockfiles) lockfile\(lockfiles == 1 ? "" : "s") "
            + "\(packages.count == 1 ? "was" : "were") not checked for vulnerabilities. Get one with `picket db update \(flags)` (online) "
            + "or `picket db import PATH` with OSV dumps (<Ecosystem>/all.zip) copied from a connected machine (offline)"
    }
}
