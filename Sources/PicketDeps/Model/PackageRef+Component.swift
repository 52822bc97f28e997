import PicketCore

extension PackageRef {
    /// The package as the platform keeps it (core model, no ecosystem-specific fields).
    public var component: Component {
        Component(ecosystem: ecosystem.rawValue, name: name, version: version, purl: purl, scope: scope, direct: direct,
                  license: license, file: file, line: line)
    }

    /// A stored component back as a package, for SBOMs written from the platform's inventory.
    public init(_ c: Component) {
        self.init(ecosystem: Ecosystem(c.ecosystem), name: c.name, version: c.version, purl: c.purl, direct: c.direct,
                  scope: c.scope, file: c.file, line: c.line, license: c.license)
    }
}
