/// A SemVer 2.0 version as registries write them in practice: an optional leading `v`, one to three numeric
/// components (missing ones are zero), a pre-release after `-` (or glued on, as in `1.36.0rc1`) and build
/// metadata after `+`. Components past the third are kept out of the order, like build metadata.
public struct SemVerVersion: SchemeVersion {
    public var core: [VersionNumber]
    public var prerelease: String?
    public var build: String?
    var prereleaseIDs: IdentifierList?
    var buildIDs: IdentifierList?
    /// Pub orders build metadata (`1.0.0 < 1.0.0+1`); SemVer ignores it.
    var ordersBuild: Bool

    public var isPrerelease: Bool { prerelease != nil }

    public func compare(to other: SemVerVersion) -> Int {
        var i = 0
        while i < core.count && i < other.core.count {
            let r = core[i].compare(to: other.core[i])
            if r != 0 { return r }
            i += 1
        }
        switch (prereleaseIDs, other.prereleaseIDs) {
        case (nil, nil): break
        case (nil, _): return 1
        case (_, nil): return -1
        case let (a?, b?):
            let r = a.compare(to: b)
            if r != 0 { return r }
        }
        guard ordersBuild else { return 0 }
        switch (buildIDs, other.buildIDs) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (a?, b?): return a.compare(to: b)
        }
    }

    /// Parses the lenient SemVer syntax; `schemeName` names the ecosystem in errors.
    static func parse(_ raw: String, schemeName: String, ordersBuild: Bool = false,
                      caseInsensitive: Bool = false, coreCount: Int = 3) throws(VersionParseError) -> SemVerVersion {
        func fail(_ reason: String) -> VersionParseError { VersionParseError(raw, scheme: schemeName, reason: reason) }
        let text = raw.trimmingSpaces
        var bytes = Substring(text).utf8[...]
        if let f = bytes.first, f == UInt8(ascii: "v") || f == UInt8(ascii: "V") { bytes = bytes.dropFirst() }
        guard let first = bytes.first, VersionBytes.isDigit(first) else {
            throw fail(text.isEmpty ? "empty string" : "expected a number (after an optional 'v')")
        }
        var components: [VersionNumber] = []
        var i = bytes.startIndex
        while true {
            let start = i
            while i < bytes.endIndex, VersionBytes.isDigit(bytes[i]) { i = bytes.index(after: i) }
            components.append(VersionNumber(digits: VersionBytes.string(bytes[start..<i])))
            // Another component only when a dot is followed by a digit.
            guard i < bytes.endIndex, bytes[i] == UInt8(ascii: "."),
                  bytes.index(after: i) < bytes.endIndex, VersionBytes.isDigit(bytes[bytes.index(after: i)]) else { break }
            i = bytes.index(after: i)
        }
        var rest = bytes[i...]
        var prerelease: Substring.UTF8View.SubSequence?
        var build: Substring.UTF8View.SubSequence?
        if let plus = rest.firstIndex(of: UInt8(ascii: "+")) {
            build = rest[rest.index(after: plus)...]
            rest = rest[..<plus]
        }
        if let f = rest.first {
            if f == UInt8(ascii: "-") {
                prerelease = rest.dropFirst()
            } else if f == UInt8(ascii: ".") || VersionBytes.isLetter(f) {
                // `1.2.3.beta`, `1.36.0rc1`: a pre-release glued on without the dash.
                prerelease = f == UInt8(ascii: ".") ? rest.dropFirst() : rest
            } else {
                throw fail("unexpected '\(VersionBytes.string(rest.prefix(1)))' after the version numbers")
            }
        }
        if let p = prerelease {
            guard !p.isEmpty else { throw fail("empty pre-release after '-'") }
            guard !p.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).contains(where: \.isEmpty) else {
                throw fail("empty pre-release identifier")
            }
            guard p.allSatisfy(Self.isIdentifierByte) else { throw fail("pre-release may hold only letters, digits, '-' and '.'") }
        }
        if let b = build {
            guard !b.isEmpty else { throw fail("empty build metadata after '+'") }
            guard b.allSatisfy({ Self.isIdentifierByte($0) || $0 == UInt8(ascii: "+") }) else {
                throw fail("build metadata may hold only letters, digits, '-' and '.'")
            }
        }
        // Components past the third go to the build metadata (ignored by SemVer order).
        if components.count > coreCount {
            let extra = components[coreCount...].map(\.digits).joined(separator: ".")
            build = build.map { Substring(extra + "." + VersionBytes.string($0)).utf8[...] } ?? Substring(extra).utf8[...]
            components.removeSubrange(coreCount...)
        }
        while components.count < coreCount { components.append(.zero) }
        let pre = prerelease.map { VersionBytes.string($0) }
        let bld = build.map { VersionBytes.string($0) }
        return SemVerVersion(core: components, prerelease: pre, build: bld,
                             prereleaseIDs: pre.map { IdentifierList(Substring($0), caseInsensitive: caseInsensitive) },
                             buildIDs: bld.map { IdentifierList(Substring($0), caseInsensitive: caseInsensitive) },
                             ordersBuild: ordersBuild)
    }

    static func isIdentifierByte(_ b: UInt8) -> Bool {
        VersionBytes.isAlnum(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_")
    }
}

/// SemVer 2.0 order (npm, crates.io, Hex, SwiftURL and the other SemVer ecosystems): build metadata ignored.
public struct SemVerScheme: VersionScheme {
    public let name: String
    public init(name: String = "SemVer") { self.name = name }
    public func parse(_ text: String) throws(VersionParseError) -> SemVerVersion {
        try SemVerVersion.parse(text, schemeName: name)
    }
}

/// NuGet: SemVer 2.0 plus the legacy fourth (revision) component, leading zeros allowed (`1.0.01` = `1.0.1.0`),
/// pre-release labels compared case-insensitively, build metadata ignored.
public struct NuGetScheme: VersionScheme {
    public let name = "NuGet"
    public init() {}
    public func parse(_ text: String) throws(VersionParseError) -> SemVerVersion {
        try SemVerVersion.parse(text, schemeName: name, caseInsensitive: true, coreCount: 4)
    }
}

/// Dart's pub_semver: SemVer, except that build metadata is ordered too (`1.0.0 < 1.0.0+1`).
public struct PubScheme: VersionScheme {
    public let name = "Pub"
    public init() {}
    public func parse(_ text: String) throws(VersionParseError) -> SemVerVersion {
        try SemVerVersion.parse(text, schemeName: name, ordersBuild: true)
    }
}

/// Go modules: SemVer with the mandatory `v` (optional here), pseudo-versions (pre-releases such as
/// `v0.0.0-20210101000000-abcdef123456`) and `+incompatible` (build metadata, ignored). Toolchain versions as
/// the `go` directive writes them (`go1.21.3`, `go1.22rc1`) are read too, for the `stdlib`/`toolchain` modules.
public struct GoScheme: VersionScheme {
    public let name = "Go"
    public init() {}
    public func parse(_ text: String) throws(VersionParseError) -> SemVerVersion {
        let trimmed = text.trimmingSpaces
        if trimmed.hasPrefix("go"), let converted = Self.toolchainToSemVer(trimmed.dropFirst(2)) {
            do { return try SemVerVersion.parse(converted, schemeName: name) } catch { throw VersionParseError(text, scheme: name, reason: error.reason) }
        }
        return try SemVerVersion.parse(text, schemeName: name)
    }

    /// `1.21` → `1.21.0`, `1.21rc2` → `1.21.0-rc.2`, `1.9beta1` → `1.9.0-beta.1`; nil when not of that shape.
    static func toolchainToSemVer(_ s: Substring) -> String? {
        guard let f = s.utf8.first, VersionBytes.isDigit(f) else { return nil }
        let numEnd = s.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? s.endIndex
        var nums = s[..<numEnd].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !nums.contains(where: \.isEmpty), nums.count <= 3 else { return nil }
        while nums.count < 3 { nums.append("0") }
        let tail = s[numEnd...]
        if tail.isEmpty { return nums.joined(separator: ".") }
        for tag in ["rc", "beta", "alpha"] where tail.hasPrefix(tag) {
            let n = tail.dropFirst(tag.count)
            guard VersionBytes.allDigits(n.utf8) else { return nil }
            return nums.joined(separator: ".") + "-" + tag + "." + n
        }
        return nil
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs and newlines.
    var trimmingSpaces: String {
        // Most strings have nothing to trim.
        if let f = utf8.first, let l = utf8.last, f > 0x20, l > 0x20 { return self }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let s = firstIndex(where: { !isSpace($0) }), let e = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[s...e])
    }
}
