#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only zip archive: the central directory is read once (zip64 included), entries are read one at a
/// time with `pread`, so a dump of any size is never held in memory. Stored and DEFLATE entries only; CRC-32
/// and sizes are checked, so a damaged or truncated archive fails with the entry's name.
final class ZipArchive {
    struct Entry: Sendable {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
        var isDirectory: Bool { name.hasSuffix("/") }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Entries larger than this are refused (an OSV record is kilobytes; this stops zip bombs).
    static let maxEntrySize: UInt64 = 64 << 20

    let path: String
    let entries: [Entry]
    private let fd: Int32
    /// Entries are read one at a time (the archive is not shared between threads).
    private let decompressor = Deflate.Decompressor()
    private let fileSize: UInt64

    init(path: String) throws(Failure) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(description: "cannot open: \(String(cString: strerror(errno)))") }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            close(fd)
            throw Failure(description: "cannot read: \(String(cString: strerror(errno)))")
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw Failure(description: "not a regular file")
        }
        self.fd = fd
        fileSize = UInt64(st.st_size)
        do {
            entries = try Self.readCentralDirectory(fd: fd, fileSize: fileSize)
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(fd) }

    /// The uncompressed bytes of `entry`, verified against its size and CRC-32.
    func read(_ entry: Entry) throws(Failure) -> [UInt8] {
        func fail(_ m: String) -> Failure { Failure(description: "entry \(entry.name): \(m)") }
        guard entry.flags & 1 == 0 else { throw fail("is encrypted") }
        guard entry.uncompressedSize <= Self.maxEntrySize else {
            throw fail("is \(entry.uncompressedSize) bytes; entries over \(Self.maxEntrySize >> 20) MiB are refused")
        }
        let local: [UInt8]
        do { local = try Self.readBytes(fd, count: 30, at: entry.localHeaderOffset, fileSize: fileSize) } catch {
            throw fail("local header lies past the end of the file (truncated archive?)")
        }
        guard Self.u32(local, 0) == 0x0403_4b50 else { throw fail("local header is damaged") }
        let dataStart = entry.localHeaderOffset + 30 + UInt64(Self.u16(local, 26)) + UInt64(Self.u16(local, 28))
        let compressed: [UInt8]
        do { compressed = try Self.readBytes(fd, count: Int(entry.compressedSize), at: dataStart, fileSize: fileSize) } catch {
            throw fail("data extends past the end of the file (truncated archive?)")
        }
        let data: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else { throw fail("stored entry sizes disagree") }
            data = compressed
        case 8:
            do { data = try decompressor.inflateRaw(compressed, expectedSize: Int(entry.uncompressedSize)) } catch {
                throw fail(error.description)
            }
        default:
            throw fail("uses compression method \(entry.method); only stored (0) and deflate (8) are supported")
        }
        guard Deflate.crc32(data) == entry.crc32 else { throw fail("CRC-32 mismatch (the archive is corrupt)") }
        return data
    }

    // MARK: Central directory

    private static func readCentralDirectory(fd: Int32, fileSize: UInt64) throws(Failure) -> [Entry] {
        let notZip = Failure(description: "not a zip archive, or truncated: no end-of-central-directory record")
        guard fileSize >= 22 else { throw notZip }
        let tailSize = Int(min(fileSize, 22 + 65_535))
        let tail = try readBytes(fd, count: tailSize, at: fileSize - UInt64(tailSize), fileSize: fileSize)
        var eocd = -1
        var i = tail.count - 22
        while i >= 0 {
            if u32(tail, i) == 0x0605_4b50, i + 22 + Int(u16(tail, i + 20)) == tail.count { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { throw notZip }
        let eocdOffset = fileSize - UInt64(tail.count - eocd)
        var total = UInt64(u16(tail, eocd + 10))
        var cdSize = UInt64(u32(tail, eocd + 12))
        var cdOffset = UInt64(u32(tail, eocd + 16))
        guard u16(tail, eocd + 4) == 0 || u16(tail, eocd + 4) == 0xFFFF else {
            throw Failure(description: "multi-part (spanned) archives are not supported")
        }
        if total == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            // Zip64: the locator sits just before the end record.
            guard eocdOffset >= 20 else { throw notZip }
            let loc = try readBytes(fd, count: 20, at: eocdOffset - 20, fileSize: fileSize)
            guard u32(loc, 0) == 0x0706_4b50 else { throw Failure(description: "zip64 locator missing (damaged archive)") }
            let z64Offset = u64(loc, 8)
            let rec: [UInt8]
            do { rec = try readBytes(fd, count: 56, at: z64Offset, fileSize: fileSize) } catch {
                throw Failure(description: "zip64 end record lies past the end of the file (truncated archive?)")
            }
            guard u32(rec, 0) == 0x0606_4b50 else { throw Failure(description: "zip64 end record is damaged") }
            total = u64(rec, 32)
            cdSize = u64(rec, 40)
            cdOffset = u64(rec, 48)
        }
        guard cdOffset <= fileSize, cdSize <= fileSize - cdOffset else {
            throw Failure(description: "central directory lies past the end of the file (truncated archive?)")
        }
        guard cdSize <= 1 << 31 else { throw Failure(description: "central directory of \(cdSize) bytes is too large") }
        let cd = try readBytes(fd, count: Int(cdSize), at: cdOffset, fileSize: fileSize)
        var entries: [Entry] = []
        entries.reserveCapacity(Int(min(total, 1 << 22)))
        var p = 0
        while p + 46 <= cd.count, u32(cd, p) == 0x0201_4b50 {
            let nameLen = Int(u16(cd, p + 28)), extraLen = Int(u16(cd, p + 30)), commentLen = Int(u16(cd, p + 32))
            guard p + 46 + nameLen + extraLen + commentLen <= cd.count else {
                throw Failure(description: "central directory entry \(entries.count + 1) is damaged")
            }
            let name = String(decoding: cd[(p + 46)..<(p + 46 + nameLen)], as: UTF8.self)
            var entry = Entry(name: name, method: u16(cd, p + 10), flags: u16(cd, p + 8), crc32: u32(cd, p + 16),
                              compressedSize: UInt64(u32(cd, p + 20)), uncompressedSize: UInt64(u32(cd, p + 24)),
                              localHeaderOffset: UInt64(u32(cd, p + 42)))
            // Zip64 extended information: present fields appear in this order when their 32-bit slot is full.
            var e = p + 46 + nameLen
            let extraEnd = e + extraLen
            while e + 4 <= extraEnd {
                let id = u16(cd, e), size = Int(u16(cd, e + 2))
                if id == 0x0001 {
                    var q = e + 4
                    let end = min(q + size, extraEnd)
                    if entry.uncompressedSize == 0xFFFF_FFFF, q + 8 <= end { entry.uncompressedSize = u64(cd, q); q += 8 }
                    if entry.compressedSize == 0xFFFF_FFFF, q + 8 <= end { entry.compressedSize = u64(cd, q); q += 8 }
                    if entry.localHeaderOffset == 0xFFFF_FFFF, q + 8 <= end { entry.localHeaderOffset = u64(cd, q); q += 8 }
                }
                e += 4 + size
            }
            entries.append(entry)
            p += 46 + nameLen + extraLen + commentLen
        }
        guard UInt64(entries.count) == total else {
            throw Failure(description: "central directory lists \(entries.count) entries, the end record says \(total) (damaged archive)")
        }
        return entries
    }

    // MARK: Bytes

    private static func readBytes(_ fd: Int32, count: Int, at offset: UInt64, fileSize: UInt64) throws(Failure) -> [UInt8] {
        guard offset <= fileSize, UInt64(count) <= fileSize - offset else {
            throw Failure(description: "read past the end of the file (truncated archive?)")
        }
        var buf = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = buf.withUnsafeMutableBytes { b -> Int in
                guard let base = b.baseAddress else { return -1 }
                return pread(fd, base + done, count - done, off_t(offset) + off_t(done))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Failure(description: "read failed: \(n < 0 ? String(cString: strerror(errno)) : "unexpected end of file")") }
            done += n
        }
        return buf
    }

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
    static func u64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(u32(b, i)) | UInt64(u32(b, i + 4)) << 32 }
}
