/// One pass over a buffer that finds maximal runs of the base64 alphabet (standard, `+/`, at least 24 bytes)
/// and of hex digits (at least 32), for the decoders to try. Standard alphabet only: with `-` and `_` every
/// long identifier would be a candidate.
enum EncodedRunFinder {
    struct Run {
        var start: Int
        var end: Int
        var isHex: Bool
    }

    static let minBase64 = 24
    static let minHex = 32

    /// Bit 0: base64 alphabet; bit 1: hex digit (hex digits are all in the base64 alphabet).
    private static let table: [UInt8] = (0..<256).map { b -> UInt8 in
        let c = UInt8(b)
        var bits: UInt8 = 0
        if (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2B || c == 0x2F { bits |= 1 }
        if (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66) { bits |= 2 }
        return bits
    }

    /// Finds runs by probing the last byte of each 24-byte window and scanning backwards to the nearest
    /// separator, then jumping past it: in text where separators are frequent most bytes are never looked at.
    static func runs(_ base: UnsafePointer<UInt8>, count: Int) -> [Run] {
        var out: [Run] = []
        let window = minBase64
        table.withUnsafeBufferPointer { t in
            let t = t.baseAddress!
            var i = 0
            while i + window <= count {
                var k = i + window - 1
                while k >= i && t[Int(base[k])] & 1 != 0 { k -= 1 }
                if k >= i {
                    i = k + 1
                    continue
                }
                // base[i..<i+window] is all alphabet: find the whole run.
                var start = i
                while start > 0 && t[Int(base[start - 1])] & 1 != 0 { start -= 1 }
                var end = i + window
                while end < count && t[Int(base[end])] & 1 != 0 { end += 1 }
                var hex: UInt8 = 2
                var j = start
                while j < end && hex != 0 { hex &= t[Int(base[j])]; j += 1 }
                if hex != 0 && end - start >= minHex {
                    out.append(Run(start: start, end: end, isHex: true))
                } else if hex == 0 {
                    // Padding belongs to the run.
                    var padded = end
                    while padded < count && padded - end < 2 && base[padded] == UInt8(ascii: "=") { padded += 1 }
                    out.append(Run(start: start, end: padded, isHex: false))
                }
                i = end + 1
            }
        }
        return out
    }
}
