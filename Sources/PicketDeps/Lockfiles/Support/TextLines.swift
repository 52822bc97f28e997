import Foundation

/// Decoding and line splitting for the text lockfiles (yarn.lock, Gemfile.lock, go.mod, requirements...).
public enum TextLines {
    /// Decodes UTF-8 (with or without a byte order mark) and UTF-16 with a byte order mark (pip writes UTF-16
    /// requirements on Windows). Throws a message for anything else.
    public static func decode(_ data: Data) throws -> String {
        let b = [UInt8](data.prefix(3))
        if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE {
            guard let s = String(data: data.dropFirst(2), encoding: .utf16LittleEndian) else { throw DecodeError() }
            return s
        }
        if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF {
            guard let s = String(data: data.dropFirst(2), encoding: .utf16BigEndian) else { throw DecodeError() }
            return s
        }
        let body = (b.count == 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) ? data.dropFirst(3) : data[...]
        guard let s = String(data: body, encoding: .utf8) else { throw DecodeError() }
        return s
    }

    public struct DecodeError: Error, CustomStringConvertible {
        public var description: String { "not a text file (neither UTF-8 nor UTF-16 with a byte order mark)" }
    }

    /// Lines without their terminators (`\n`, `\r\n`); element k is line k+1.
    public static func split(_ text: String) -> [String] {
        var lines: [String] = []
        var utf8 = text.utf8[...]
        while !utf8.isEmpty {
            if let nl = utf8.firstIndex(of: 0x0A) {
                var line = utf8[..<nl]
                if line.last == 0x0D { line = line.dropLast() }
                lines.append(String(Substring(line)))
                utf8 = utf8[utf8.index(after: nl)...]
            } else {
                var line = utf8
                if line.last == 0x0D { line = line.dropLast() }
                lines.append(String(Substring(line)))
                break
            }
        }
        return lines
    }

    public static func lines(_ data: Data) throws -> [String] { split(try decode(data)) }
}

extension String {
    /// Leading/trailing spaces and tabs removed (cheaper than `trimmingCharacters(in:)` on hot paths).
    var trimmedSpaces: String {
        var u = utf8[...]
        while let f = u.first, f == 0x20 || f == 0x09 || f == 0x0D { u = u.dropFirst() }
        while let l = u.last, l == 0x20 || l == 0x09 || l == 0x0D { u = u.dropLast() }
        return String(Substring(u))
    }

    /// Byte-level substring search (Foundation's `range(of:)`/`contains(_:)` bridge to NSString and dominate
    /// profiles when they run once per package).
    func byteRange(of needle: String) -> Range<String.Index>? {
        let n = Array(needle.utf8)
        guard let first = n.first else { return nil }
        let u = utf8
        var i = u.startIndex
        while let hit = u[i...].firstIndex(of: first) {
            var a = hit
            var k = 0
            while k < n.count, a < u.endIndex, u[a] == n[k] { a = u.index(after: a); k += 1 }
            if k == n.count { return hit..<a }
            i = u.index(after: hit)
        }
        return nil
    }

    func containsBytes(_ needle: String) -> Bool { byteRange(of: needle) != nil }

    /// Number of leading spaces.
    var indentation: Int {
        var n = 0
        for c in utf8 { if c == 0x20 { n += 1 } else { break } }
        return n
    }

    /// The text with one pair of surrounding double or single quotes removed.
    var unquoted: String {
        let u = utf8
        guard u.count >= 2, let f = u.first, let l = u.last, f == l, f == UInt8(ascii: "\"") || f == UInt8(ascii: "'") else { return self }
        return String(Substring(u.dropFirst().dropLast()))
    }
}
