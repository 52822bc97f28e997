import Foundation

/// Builds package URLs (purl-spec): `pkg:type/namespace/name@version?qualifiers`, each segment
/// percent-encoded, with the per-type name rules the spec gives (npm and PyPI lower-case, PyPI `_` → `-`,
/// Composer lower-case, Maven `group/artifact`, Go and Swift module paths split into namespace segments).
public enum PackageURL {
    /// The purl type for an ecosystem; nil where the spec defines none.
    public static func type(for ecosystem: Ecosystem) -> String? {
        switch ecosystem.rawValue {
        case "npm": "npm"
        case "PyPI": "pypi"
        case "crates.io": "cargo"
        case "Go": "golang"
        case "RubyGems": "gem"
        case "Packagist": "composer"
        case "Maven": "maven"
        case "NuGet": "nuget"
        case "Pub": "pub"
        case "Hex": "hex"
        case "SwiftURL": "swift"
        case "ConanCenter": "conan"
        case "Hackage": "hackage"
        case "CRAN": "cran"
        case "Julia": "julia"
        case "opam": "opam"
        case "CocoaPods": "cocoapods"
        default: nil
        }
    }

    /// The purl of a package; nil when the ecosystem has no purl type or the name is empty.
    public static func make(ecosystem: Ecosystem, name: String, version: String?, qualifiers: [(String, String)] = []) -> String? {
        guard let type = type(for: ecosystem), !name.isEmpty else { return nil }
        var segments: [String]
        switch type {
        case "npm":
            let n = lower(name)
            segments = n.utf8.contains(UInt8(ascii: "/")) ? n.split(separator: "/", omittingEmptySubsequences: false).map(String.init) : [n]
        case "pypi":
            let n = lower(name)
            segments = [n.utf8.contains(UInt8(ascii: "_")) ? n.replacingAll("_", with: "-") : n]
        case "composer":
            segments = lower(name).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        case "maven":
            // group:artifact
            segments = name.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        case "golang", "swift":
            segments = name.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        case "hex", "pub":
            segments = [lower(name)]
        case "cocoapods":
            // Subspecs (`Firebase/Core`) are not part of the pod name.
            segments = [String(name.split(separator: "/").first ?? Substring(name))]
        default:
            segments = [name]
        }
        var purl = "pkg:" + type + "/" + segments.map { encode($0) }.joined(separator: "/")
        if let version, !version.isEmpty { purl += "@" + encode(version) }
        if !qualifiers.isEmpty {
            purl += "?" + qualifiers.sorted { $0.0 < $1.0 }.map { "\($0.0)=\(encode($0.1))" }.joined(separator: "&")
        }
        return purl
    }

    static func isUnreserved(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }

    /// Lower-cased only when needed (most names already are).
    static func lower(_ s: String) -> String {
        s.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") } ? s.lowercased() : s
    }

    /// Percent-encodes everything except RFC 3986 unreserved characters (and `:` which purl keeps readable).
    static func encode(_ s: String) -> String {
        if s.utf8.allSatisfy(isUnreserved) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: ":"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out.append("%")
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(b >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(b & 0xF)]))
            }
        }
        return out
    }
}
