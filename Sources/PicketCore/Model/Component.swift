/// A package a scan found in the repository's lockfiles or manifests: the inventory behind SBOMs and the
/// platform's dependency list, whether or not anything is wrong with it.
public struct Component: Sendable, Hashable, Codable {
    /// OSV ecosystem name (`npm`, `PyPI`, `Maven`...).
    public var ecosystem: String
    public var name: String
    /// Nil when the file names no exact version (a range in a manifest).
    public var version: String?
    public var purl: String?
    /// `runtime`, `dev`, `test`, `optional`...; nil when the format does not say.
    public var scope: String?
    /// True for a direct dependency, false for a transitive one, nil when the format does not say.
    public var direct: Bool?
    /// SPDX expression or the file's own licence text.
    public var license: String?
    /// The lockfile or manifest, relative to the scan root.
    public var file: String
    public var line: Int?

    public init(ecosystem: String, name: String, version: String?, purl: String? = nil, scope: String? = nil,
                direct: Bool? = nil, license: String? = nil, file: String, line: Int? = nil) {
        self.ecosystem = ecosystem
        self.name = name
        self.version = version
        self.purl = purl
        self.scope = scope
        self.direct = direct
        self.license = license
        self.file = file
        self.line = line
    }
}
