import Foundation
import PicketCore
import Synchronization

/// Every package the lockfiles and manifests of a target name, with what could not be read. Shared by the
/// dependency scanner and `picket sbom`, so both see the same packages.
public struct DependencyInventory: Sendable {
    public var lockfiles: [LockfileDiscovery.Found]
    public var packages: [PackageRef]
    /// Parser warnings and errors (one per file or entry, naming it), and the files skipped on purpose.
    public var diagnostics: [ScanDiagnostic]
    /// Lockfiles that could not be read at all.
    public var failedFiles: Int

    /// Discovers the lockfiles of `target` (its inventory, oversized files included) and parses each one.
    /// A file that fails (truncated JSON, a YAML bomb, a file over 256 MB) is an error diagnostic naming it; the
    /// other files are still read. Files are parsed in parallel on `parallelism` threads (callers run this off
    /// Swift's cooperative pool: parsing blocks on I/O and CPU).
    public static func collect(_ target: ScanTarget, registry: LockfileRegistry = .standard, parallelism: Int = 1,
                               scanner: String = "deps") -> DependencyInventory {
        let discovery = LockfileDiscovery(registry: registry)
        let found = discovery.discover(target)
        var diagnostics = found.skipped.map {
            ScanDiagnostic(.notice, scanner: scanner, path: $0.path, "lockfile not read: \($0.reason)")
        }
        let files = LockfileFiles(root: target.root)
        let results = parse(found.lockfiles, files: files, registry: registry, parallelism: parallelism)
        var packages: [PackageRef] = []
        var seen = Set<PackageRef>()
        var failed = 0
        for (file, result) in zip(found.lockfiles, results) {
            switch result {
            case .success(let r):
                for p in r.packages where seen.insert(p).inserted { packages.append(p) }
                for w in r.warnings {
                    let text = w.line.map { "line \($0): \(w.message)" } ?? w.message
                    diagnostics.append(ScanDiagnostic(.warning, scanner: scanner, path: w.file, text))
                }
            case .failure(let message):
                failed += 1
                diagnostics.append(ScanDiagnostic(.error, scanner: scanner, path: file.path,
                                                  "cannot read this \(file.formatName): \(message); its packages are not checked"))
            }
        }
        return DependencyInventory(lockfiles: found.lockfiles, packages: packages, diagnostics: diagnostics, failedFiles: failed)
    }

    enum Outcome: Sendable {
        case success(LockfileResult)
        case failure(String)
    }

    /// Parses each file (results in input order). Work is handed out one file at a time, so one huge lockfile
    /// does not hold up the others.
    static func parse(_ found: [LockfileDiscovery.Found], files: LockfileFiles, registry: LockfileRegistry,
                      parallelism: Int) -> [Outcome] {
        let one: @Sendable (LockfileDiscovery.Found) -> Outcome = { f in
            guard let parser = registry.parser(named: f.formatName) else { return .failure("no parser for \(f.formatName)") }
            do {
                return .success(try registry.parse(path: f.path, files: files, using: parser))
            } catch let e as PicketError {
                // The error names the file already; keep only what follows the path.
                if case .input(let file, let message) = e, file == f.path { return .failure(message) }
                return .failure(e.description)
            } catch {
                return .failure("\(error)")
            }
        }
        return parallelMap(found, workers: parallelism, one)
    }
}
