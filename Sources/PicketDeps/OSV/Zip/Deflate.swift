import CDeflate

/// DEFLATE through libdeflate: raw streams of zip entries (method 8), zlib-format records in the advisory
/// database, CRC-32. Whole buffers only (entries and records are small), which is what makes libdeflate several
/// times faster than zlib's streaming inflate: the scan spent a fifth of its time there.
enum Deflate {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One libdeflate decompressor; not thread-safe, so one per thread (a scan worker, an archive reader).
    final class Decompressor {
        fileprivate let handle: OpaquePointer

        init() {
            // Allocation fails only without memory.
            guard let h = libdeflate_alloc_decompressor() else { fatalError("libdeflate: out of memory") }
            handle = h
        }

        deinit { libdeflate_free_decompressor(handle) }

        /// Inflates a raw DEFLATE stream (zip method 8) that must produce exactly `expectedSize` bytes.
        func inflateRaw(_ input: [UInt8], expectedSize: Int) throws(Failure) -> [UInt8] {
            // One spare byte so that data longer than declared is noticed instead of silently cut.
            var output = [UInt8](repeating: 0, count: expectedSize + 1)
            var produced = 0
            let rc = output.withUnsafeMutableBytes { out in
                input.withUnsafeBytes { inp in
                    libdeflate_deflate_decompress(handle, inp.baseAddress, inp.count, out.baseAddress, out.count, &produced)
                }
            }
            switch rc {
            case LIBDEFLATE_SUCCESS where produced == expectedSize:
                output.removeLast()
                return output
            case LIBDEFLATE_SUCCESS where produced > expectedSize, LIBDEFLATE_INSUFFICIENT_SPACE:
                throw Failure(description: "inflates to more than the \(expectedSize) bytes the archive declares")
            case LIBDEFLATE_SUCCESS:
                throw Failure(description: "inflated to \(produced) bytes, the archive says \(expectedSize)")
            default:
                // libdeflate does not tell a cut stream from a damaged one.
                throw Failure(description: "corrupt compressed data (damaged or truncated)")
            }
        }

        /// A zlib-format buffer that must inflate to exactly `size` bytes (a stored advisory record).
        func zlibUncompress(_ input: [UInt8], size: Int) throws(Failure) -> [UInt8] {
            var rc = LIBDEFLATE_SUCCESS
            var produced = 0
            // Uninitialised: every byte is written by the decompressor, or the buffer is dropped.
            let output = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { out, count in
                input.withUnsafeBytes { inp in
                    rc = libdeflate_zlib_decompress(handle, inp.baseAddress, inp.count, out.baseAddress, size, &produced)
                }
                count = rc == LIBDEFLATE_SUCCESS && produced == size ? size : 0
            }
            guard rc == LIBDEFLATE_SUCCESS, produced == size else {
                throw Failure(description: "stored record is damaged (libdeflate result \(rc.rawValue))")
            }
            return output
        }
    }

    /// One libdeflate compressor at a level; not thread-safe. Allocating one costs far more than compressing a
    /// record, so an import keeps one.
    final class Compressor {
        private let handle: OpaquePointer

        init(level: Int32 = 6) {
            guard let h = libdeflate_alloc_compressor(level) else { fatalError("libdeflate: out of memory") }
            handle = h
        }

        deinit { libdeflate_free_compressor(handle) }

        /// zlib-format compression, for storage.
        func zlib(_ input: [UInt8]) -> [UInt8] {
            let bound = libdeflate_zlib_compress_bound(handle, input.count)
            var out = [UInt8](repeating: 0, count: bound)
            let n = out.withUnsafeMutableBytes { o in
                input.withUnsafeBytes { i in libdeflate_zlib_compress(handle, i.baseAddress, i.count, o.baseAddress, o.count) }
            }
            // Fails only when the output does not fit, which the bound rules out.
            precondition(n > 0 || input.isEmpty, "libdeflate: zlib compression did not fit its bound")
            out.removeSubrange(n...)
            return out
        }
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { libdeflate_crc32(0, $0.baseAddress, $0.count) }
    }
}
