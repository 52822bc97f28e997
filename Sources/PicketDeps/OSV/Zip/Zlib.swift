import CZlib

/// The few zlib calls Picket needs: raw inflate for zip entries, zlib-format compress/uncompress for record
/// bodies kept in the advisory database, and CRC-32.
enum Zlib {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buf in
            UInt32(CZlib.crc32(0, buf.baseAddress, uInt(buf.count)))
        }
    }

    /// Inflates a raw DEFLATE stream (zip method 8) that must produce exactly `expectedSize` bytes.
    static func inflateRaw(_ input: [UInt8], expectedSize: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        var rc = inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else { throw Failure(description: "cannot start inflate (zlib error \(rc))") }
        defer { inflateEnd(&stream) }
        // One spare byte so that data longer than declared is noticed instead of silently cut.
        var output = [UInt8](repeating: 0, count: expectedSize + 1)
        var input = input
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                rc = inflate(&stream, Z_FINISH)
                return outBuf.count - Int(stream.avail_out)
            }
        }
        switch rc {
        case Z_STREAM_END:
            guard produced == expectedSize else {
                throw Failure(description: "inflated to \(produced) bytes, the archive says \(expectedSize)")
            }
            output.removeLast()
            return output
        case Z_BUF_ERROR where produced > expectedSize:
            throw Failure(description: "inflates to more than the \(expectedSize) bytes the archive declares")
        case Z_BUF_ERROR:
            throw Failure(description: "compressed data ends early (truncated)")
        default:
            let msg = stream.msg.map { String(cString: $0) } ?? "zlib error \(rc)"
            throw Failure(description: "corrupt compressed data (\(msg))")
        }
    }

    /// zlib-format compression (level 6) for storage.
    static func compress(_ input: [UInt8]) -> [UInt8] {
        var destLen = compressBound(uLong(input.count))
        var out = [UInt8](repeating: 0, count: Int(destLen))
        let rc = out.withUnsafeMutableBufferPointer { o in
            input.withUnsafeBufferPointer { i in
                compress2(o.baseAddress, &destLen, i.baseAddress, uLong(i.count), 6)
            }
        }
        // compress2 only fails on a too-small buffer or no memory; compressBound rules out the first.
        precondition(rc == Z_OK, "zlib compress2 failed with \(rc)")
        out.removeSubrange(Int(destLen)...)
        return out
    }

    static func uncompress(_ input: [UInt8], size: Int) throws(Failure) -> [UInt8] {
        var destLen = uLongf(size)
        var out = [UInt8](repeating: 0, count: max(size, 1))
        let rc = out.withUnsafeMutableBufferPointer { o in
            input.withUnsafeBufferPointer { i in
                CZlib.uncompress(o.baseAddress, &destLen, i.baseAddress, uLong(i.count))
            }
        }
        guard rc == Z_OK, Int(destLen) == size else { throw Failure(description: "stored record is damaged (zlib error \(rc))") }
        if size == 0 { return [] }
        return out
    }
}
