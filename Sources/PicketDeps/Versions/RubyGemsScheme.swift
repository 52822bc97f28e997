/// A RubyGems version ordered as `Gem::Version#<=>`: segments are runs of digits or letters (`1.0.a10` →
/// 1, 0, "a", 10), `-` means `.pre.`, any letter makes a pre-release (`1.2.4.beta` < `1.2.4`), and trailing
/// zeros are dropped from the release part and from the pre-release part separately.
public struct RubyGemsVersion: SchemeVersion {
    enum Segment: Hashable, Sendable {
        case number(VersionNumber)
        case text(String)
    }

    let canonical: [Segment]
    public let isPrerelease: Bool

    public func compare(to other: RubyGemsVersion) -> Int {
        let a = canonical, b = other.canonical
        for i in 0..<max(a.count, b.count) {
            let l = i < a.count ? a[i] : .number(.zero)
            let r = i < b.count ? b[i] : .number(.zero)
            switch (l, r) {
            case let (.number(x), .number(y)):
                let c = x.compare(to: y)
                if c != 0 { return c }
            case (.text, .number): return -1
            case (.number, .text): return 1
            case let (.text(x), .text(y)):
                if x != y { return VersionBytes.compare(x.utf8, y.utf8) }
            }
        }
        return 0
    }
}

public struct RubyGemsScheme: VersionScheme {
    public let name = "RubyGems"
    public init() {}

    public func parse(_ text: String) throws(VersionParseError) -> RubyGemsVersion {
        let t = text.trimmingSpaces
        // Gem::Version reads an empty string as "0"; a lockfile never has one, so treat it as an error.
        guard let first = t.utf8.first else { throw VersionParseError(text, scheme: name, reason: "empty string") }
        guard VersionBytes.isDigit(first) else {
            throw VersionParseError(text, scheme: name, reason: "must start with a number")
        }
        guard t.utf8.allSatisfy({ VersionBytes.isAlnum($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }) else {
            throw VersionParseError(text, scheme: name, reason: "may hold only letters, digits, '.' and '-'")
        }
        guard !t.contains("..") else { throw VersionParseError(text, scheme: name, reason: "empty segment between dots") }
        let bytes = Array(t.utf8)
        var segments: [RubyGemsVersion.Segment] = []
        var i = 0
        while i < bytes.count {
            let start = i
            if VersionBytes.isDigit(bytes[i]) {
                while i < bytes.count, VersionBytes.isDigit(bytes[i]) { i += 1 }
                segments.append(.number(VersionNumber(digits: VersionBytes.string(bytes[start..<i]))))
            } else if VersionBytes.isLetter(bytes[i]) {
                while i < bytes.count, VersionBytes.isLetter(bytes[i]) { i += 1 }
                segments.append(.text(VersionBytes.string(bytes[start..<i])))
            } else {
                // `-` is `.pre.`: a "pre" text segment.
                if bytes[i] == UInt8(ascii: "-") { segments.append(.text("pre")) }
                i += 1
            }
        }
        // Split at the first text segment; drop trailing zeros of each part.
        let split = segments.firstIndex { if case .text = $0 { return true } else { return false } } ?? segments.count
        func trimZeros(_ s: ArraySlice<RubyGemsVersion.Segment>) -> [RubyGemsVersion.Segment] {
            var a = Array(s)
            while let last = a.last, case .number(let n) = last, n.isZero { a.removeLast() }
            return a
        }
        let canonical = trimZeros(segments[..<split]) + trimZeros(segments[split...])
        return RubyGemsVersion(canonical: canonical, isPrerelease: split < segments.count)
    }
}
