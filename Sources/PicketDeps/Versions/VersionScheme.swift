/// Why a string is not a version of an ecosystem. Carries the string, the ecosystem and the rule it breaks.
public struct VersionParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var version: String
    public var scheme: String
    public var reason: String

    public init(_ version: String, scheme: String, reason: String) {
        self.version = version
        self.scheme = scheme
        self.reason = reason
    }

    public var description: String { "'\(version)' is not a valid \(scheme) version: \(reason)" }
}

/// A parsed version of one scheme. Only versions of the same scheme are compared.
public protocol SchemeVersion: Sendable {
    /// -1, 0 or 1: how `self` sorts against `other` in the ecosystem's order.
    func compare(to other: Self) -> Int
    /// True for pre-releases (the upgrade advisor prefers final releases).
    var isPrerelease: Bool { get }
    /// Set when the string parsed only through a legacy fallback (e.g. a pre-PEP 440 version): ordering is
    /// defined but the version is not one the ecosystem's current tools would accept.
    var nonStandardReason: String? { get }
}

extension SchemeVersion {
    public var isPrerelease: Bool { false }
    public var nonStandardReason: String? { nil }
}

/// One ecosystem's version syntax and order: `parse` turns a string into a comparable value or says why not.
public protocol VersionScheme: Sendable {
    associatedtype Version: SchemeVersion
    /// Human name used in errors ("PEP 440", "SemVer", "Maven").
    var name: String { get }
    func parse(_ text: String) throws(VersionParseError) -> Version
}

/// A parsed version whose scheme is known only at run time (the matcher works on any ecosystem).
public struct AnyVersion: Sendable, Comparable, CustomStringConvertible {
    public let text: String
    let base: any SchemeVersion

    init(text: String, base: any SchemeVersion) {
        self.text = text
        self.base = base
    }

    public var description: String { text }
    public var isPrerelease: Bool { base.isPrerelease }
    public var nonStandardReason: String? { base.nonStandardReason }

    public func compare(to other: AnyVersion) -> Int {
        func open<V: SchemeVersion>(_ lhs: V) -> Int? {
            guard let rhs = other.base as? V else { return nil }
            return lhs.compare(to: rhs)
        }
        // Versions of different schemes never meet in practice; order them by text to stay total.
        return open(base) ?? (text < other.text ? -1 : (text == other.text ? 0 : 1))
    }

    public static func < (lhs: AnyVersion, rhs: AnyVersion) -> Bool { lhs.compare(to: rhs) < 0 }
    public static func == (lhs: AnyVersion, rhs: AnyVersion) -> Bool { lhs.compare(to: rhs) == 0 }
}

/// A scheme behind a uniform interface, for registries keyed by ecosystem.
public struct AnyVersionScheme: Sendable {
    public let name: String
    private let parser: @Sendable (String) throws(VersionParseError) -> AnyVersion

    public init<S: VersionScheme>(_ scheme: S) {
        name = scheme.name
        parser = { (text: String) throws(VersionParseError) -> AnyVersion in
            AnyVersion(text: text, base: try scheme.parse(text))
        }
    }

    public func parse(_ text: String) throws(VersionParseError) -> AnyVersion { try parser(text) }

    /// Compares two version strings; throws when either is not a version of this scheme.
    public func compare(_ a: String, _ b: String) throws(VersionParseError) -> Int {
        try parse(a).compare(to: try parse(b))
    }
}
