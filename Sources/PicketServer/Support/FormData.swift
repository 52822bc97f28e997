import Foundation

/// A decoded `application/x-www-form-urlencoded` body (or query string): names in order, repeated names kept
/// (`id=1&id=2` for bulk actions).
public struct FormData: Sendable {
    public private(set) var pairs: [(String, String)]

    public init(pairs: [(String, String)] = []) { self.pairs = pairs }

    public init(urlEncoded text: String) {
        pairs = []
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = FormData.decode(kv[0])
            let value = kv.count > 1 ? FormData.decode(kv[1]) : ""
            pairs.append((name, value))
        }
    }

    public subscript(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    public func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    /// Trimmed, nil when empty.
    public func text(_ name: String) -> String? {
        guard let v = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
        return v
    }

    /// `+` is a space; `%XX` is a byte; invalid escapes are kept as written; bytes decode as UTF-8 (invalid
    /// sequences become U+FFFD).
    static func decode(_ s: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var it = Array(s.utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if b == UInt8(ascii: "%"), it.count >= 2, let h = hex(it[it.startIndex]), let l = hex(it[it.startIndex + 1]) {
                bytes.append(h << 4 | l)
                it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    /// Percent-encodes a query value.
    public static func encode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += "%" + String(b, radix: 16, uppercase: true).leftPad(2)
            }
        }
        return out
    }

    /// `a=1&b=2` from pairs (values encoded; empty values left out).
    public static func query(_ items: [(String, String?)]) -> String {
        items.compactMap { k, v in v.flatMap { $0.isEmpty ? nil : "\(encode(k))=\(encode($0))" } }.joined(separator: "&")
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
