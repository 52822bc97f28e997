import Foundation
import PicketCore

/// Finds the lockfiles and manifests of a target in every folder (monorepos have many), using the file
/// inventory the walker already built.
///
/// Skipped: installed or vendored dependencies and build output, whose lockfiles describe other projects
/// (`skippedDirectories`, matched on any path component), and files another one supersedes (a manifest next
/// to its lockfile, `package-lock.json` next to `npm-shrinkwrap.json`), so no package is reported twice.
public struct LockfileDiscovery: Sendable {
    /// Folder names never searched: installed packages, virtual environments, vendored copies, VCS metadata,
    /// build output and tool caches.
    public static let skippedDirectories: Set<String> = [
        // JavaScript
        "node_modules", "bower_components", "jspm_packages", ".yarn", ".pnpm-store", ".next", ".nuxt",
        // Python
        ".venv", "venv", "virtualenv", ".virtualenv", "site-packages", "dist-packages", "__pycache__", ".tox", ".nox",
        ".eggs", ".mypy_cache",
        // Go, PHP, Ruby vendoring
        "vendor",
        // VCS
        ".git", ".hg", ".svn",
        // Build output and caches
        "target", "build", ".build", ".gradle", ".m2", ".cargo", "DerivedData", ".dart_tool", ".pub-cache",
        "_build", "Pods", "Carthage", ".terraform",
    ]

    public struct Found: Sendable, Hashable {
        public var path: String
        public var formatName: String
    }

    public struct Skipped: Sendable, Hashable {
        public var path: String
        public var reason: String
    }

    public struct Result: Sendable {
        public var lockfiles: [Found] = []
        public var skipped: [Skipped] = []
    }

    public var registry: LockfileRegistry

    public init(registry: LockfileRegistry = .standard) {
        self.registry = registry
    }

    /// Lockfiles over the walker's size limit (a 100 MB `package-lock.json`) are in `inventory.oversized` and
    /// are still read: `LockfileFiles` applies its own bound (256 MB by default).
    public func discover(_ target: ScanTarget) -> Result {
        discover(paths: (target.inventory.files + target.inventory.oversized).map(\.path))
    }

    /// `paths` are relative, `/`-separated (a `FileInventory`'s paths).
    public func discover(paths: [String]) -> Result {
        var result = Result()
        var candidates: [(String, any LockfileParser)] = []
        for path in paths {
            guard let parser = registry.parser(for: path) else { continue }
            if let dir = skippedComponent(path, parser: parser) {
                result.skipped.append(Skipped(path: path, reason: "inside '\(dir)' (installed, vendored or generated files)"))
                continue
            }
            candidates.append((path, parser))
        }
        let present = Set(candidates.map(\.0))
        for (path, parser) in candidates {
            if let winner = parser.supersededBy(path: path).first(where: present.contains) {
                result.skipped.append(Skipped(path: path, reason: "superseded by \(winner)"))
                continue
            }
            result.lockfiles.append(Found(path: path, formatName: parser.formatName))
        }
        result.lockfiles.sort { $0.path < $1.path }
        return result
    }

    /// The first skipped folder on the path, if any. A format that lives in such a folder by design (Go's
    /// `vendor/modules.txt`) names it in `homeDirectory`, which is allowed as the file's own folder.
    func skippedComponent(_ path: String, parser: any LockfileParser) -> String? {
        let dirs = path.split(separator: "/").dropLast()
        for (i, d) in dirs.enumerated() where Self.skippedDirectories.contains(String(d)) {
            if i == dirs.count - 1, let home = parser.homeDirectory, home == d { continue }
            return String(d)
        }
        return nil
    }

    /// Parses every discovered file under `root`. A file that fails becomes a warning naming it; the others
    /// are still read. Identical entries reached from two files (an `-r` include that is also a lockfile of its
    /// own, a parent POM) are reported once.
    public func parseAll(_ found: [Found], files: LockfileFiles) -> LockfileResult {
        var packages: [PackageRef] = []
        var seen = Set<PackageRef>()
        var warnings: [LockfileWarning] = []
        for f in found {
            guard let parser = registry.parser(named: f.formatName) else { continue }
            do {
                let r = try registry.parse(path: f.path, files: files, using: parser)
                for p in r.packages where seen.insert(p).inserted { packages.append(p) }
                warnings += r.warnings
            } catch {
                warnings.append(LockfileWarning(file: f.path, message: "\(error)"))
            }
        }
        return LockfileResult(packages: packages, warnings: warnings)
    }
}
