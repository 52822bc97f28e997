#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum ByteSearch {
    /// Offset of the first occurrence of `needle` in `hay`, using memchr to jump between candidates.
    public static func find(_ needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first, let base = hay.baseAddress, hay.count >= needle.count else { return needle.isEmpty ? 0 : nil }
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            guard let p = memchr(base + i, Int32(first), last - i + 1) else { return nil }
            let at = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + at, needle, needle.count) == 0 { return at }
            i = at + 1
        }
        return nil
    }
}

public enum CString {
    /// A NUL-terminated C buffer as a String, without the deprecated `String(cString:)` on arrays.
    public static func string(_ buf: [CChar]) -> String {
        let end = buf.firstIndex(of: 0) ?? buf.count
        return String(decoding: buf[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
