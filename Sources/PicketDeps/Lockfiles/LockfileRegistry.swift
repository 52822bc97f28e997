import Foundation
import PicketCore

/// The lockfile and manifest formats Picket reads. Adding a format = writing a `LockfileParser` and listing
/// it here; discovery and the scanner find it through `parser(for:)`.
public struct LockfileRegistry: Sendable {
    public var parsers: [any LockfileParser]

    public init(parsers: [any LockfileParser]) {
        self.parsers = parsers
    }

    public static let standard = LockfileRegistry(parsers: [
        // npm
        PackageLockParser(), YarnLockParser(), PnpmLockParser(), BunLockParser(), PackageJSONParser(),
        // PyPI
        RequirementsParser(), PipfileLockParser(), PoetryLockParser(), UvLockParser(), PdmLockParser(), PylockParser(),
        PyprojectTOMLParser(),
        // crates.io, Go, RubyGems, Packagist
        CargoLockParser(), CargoTOMLParser(), GoModParser(), VendorModulesParser(), GemfileLockParser(), ComposerLockParser(),
        // Maven
        PomXMLParser(), GradleLockfileParser(), GradleVerificationMetadataParser(), GradleVersionCatalogParser(),
        // NuGet, Pub, Hex, SwiftURL, CocoaPods, ConanCenter
        PackagesLockJSONParser(), MSBuildProjectParser(), PackagesConfigParser(), DotnetAssetsParser(), PaketLockParser(),
        PubspecLockParser(), MixLockParser(), PackageResolvedParser(), PodfileLockParser(), ConanLockParser(),
        // Hackage, CRAN/Bioconductor, Julia
        CabalFreezeParser(), StackLockParser(), RenvLockParser(), JuliaManifestParser(),
    ])

    /// The parser for a file, judged by its path; nil when no format claims it.
    public func parser(for path: String) -> (any LockfileParser)? {
        parsers.first { $0.matches(path: path) }
    }

    public func parser(named formatName: String) -> (any LockfileParser)? {
        parsers.first { $0.formatName == formatName }
    }

    /// Reads and parses `path` (relative to `files.root`) with the parser that claims it. A file superseded by
    /// a neighbour (see `LockfileParser.supersededBy`) yields no packages and a note saying which file wins.
    public func parse(path: String, files: LockfileFiles, using parser: (any LockfileParser)? = nil) throws -> LockfileResult {
        guard let parser = parser ?? self.parser(for: path) else {
            throw PicketError.input(file: path, message: "no lockfile parser handles this file name")
        }
        for other in parser.supersededBy(path: path) where files.exists(other) {
            return LockfileResult(warnings: [LockfileWarning(file: path, message: "not read: \(other) beside it takes precedence")])
        }
        let data: Data
        do { data = try files.read(path) } catch let e as LockfileFiles.AccessError {
            throw PicketError.input(file: path, message: "\(e)")
        }
        return try parser.parse(LockfileInput(path: path, data: data, files: files))
    }
}
