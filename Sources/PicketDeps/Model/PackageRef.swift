import PicketCore

/// The package ecosystems Picket reads, named as OSV names them (`npm`, `PyPI`, `crates.io`, `Go`...).
public struct Ecosystem: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ raw: String) { rawValue = raw }
    public var description: String { rawValue }

    public static let npm = Ecosystem("npm")
    public static let pypi = Ecosystem("PyPI")
    public static let cratesIO = Ecosystem("crates.io")
    public static let go = Ecosystem("Go")
    public static let rubyGems = Ecosystem("RubyGems")
    public static let packagist = Ecosystem("Packagist")
    public static let maven = Ecosystem("Maven")
    public static let nuget = Ecosystem("NuGet")
    public static let pub = Ecosystem("Pub")
    public static let hex = Ecosystem("Hex")
    public static let swiftURL = Ecosystem("SwiftURL")
    public static let conanCenter = Ecosystem("ConanCenter")
}

/// One package a lockfile or manifest names, where it names it.
public struct PackageRef: Sendable, Hashable, Codable {
    public var ecosystem: Ecosystem
    /// As the ecosystem writes it (`@scope/name`, `group:artifact`, `github.com/x/y`).
    public var name: String
    /// Exact version; nil when the file gives only a range or nothing resolvable (see `unresolvedReason`).
    public var version: String?
    public var purl: String?
    /// True for a dependency the project declares itself; nil when the format does not say.
    public var direct: Bool?
    /// `runtime` (default), `dev`, `optional`, `peer`, `test`...
    public var scope: String?
    /// Path of the lockfile relative to the scan root, and the 1-based line of the entry when known.
    public var file: String
    public var line: Int?
    /// SPDX expression when the file carries licence data.
    public var license: String?
    /// Why no exact version could be given (a range, an unresolvable `${property}`...).
    public var unresolvedReason: String?
    /// The VCS commit a git dependency is pinned to (OSV `GIT` ranges match on it).
    public var commit: String?
    /// The format's own dependency groups (`dev`, `optional`, `bundled`, Maven `test`, uv/pdm group names);
    /// empty for a production dependency or when the format does not say. `scope` is the summary of these.
    public var groups: [String]
    /// For a transitive package, the packages (`name@version`) it came in through, from the direct dependency
    /// down to its parent, along a shortest path; nil when direct or when the format does not say.
    public var introducedThrough: [String]?

    public init(ecosystem: Ecosystem, name: String, version: String?, purl: String? = nil, direct: Bool? = nil,
                scope: String? = nil, file: String, line: Int? = nil, license: String? = nil, unresolvedReason: String? = nil,
                commit: String? = nil, groups: [String] = []) {
        self.ecosystem = ecosystem
        self.name = name
        self.version = version
        self.purl = purl
        self.direct = direct
        self.scope = scope
        self.file = file
        self.line = line
        self.license = license
        self.unresolvedReason = unresolvedReason
        self.commit = commit
        self.groups = groups
    }
}
