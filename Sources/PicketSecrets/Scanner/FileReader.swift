#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PicketCore

/// Reads one file into a reusable buffer, defensively: no following a symlink swapped in after the walk, no
/// blocking on a FIFO, nothing beyond the size limit, and a clear reason when the file cannot be read.
struct FileReader {
    enum Outcome {
        case read(Int)
        case skipped(ScanDiagnostic.Level, String)
    }

    private(set) var buffer: UnsafeMutableRawBufferPointer
    let limit: Int

    init(limit: Int) {
        self.limit = limit
        buffer = .allocate(byteCount: 1 << 20, alignment: 16)
    }

    func deallocate() { buffer.deallocate() }

    var bytes: UnsafePointer<UInt8> { UnsafePointer(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)) }

    mutating func read(_ path: String) -> Outcome {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let err = errno
            if err == ENOENT { return .skipped(.warning, "vanished during the scan") }
            if err == ELOOP { return .skipped(.notice, "skipped: became a symlink during the scan") }
            return .skipped(.warning, "cannot open: \(String(cString: strerror(err)))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .skipped(.warning, "cannot stat: \(String(cString: strerror(errno)))") }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return .skipped(.notice, "skipped: not a regular file") }
        let size = Int(st.st_size)
        guard size <= limit else { return .skipped(.notice, "skipped: \(ByteCount.format(size)) is over the \(ByteCount.format(limit)) limit") }
        if size + 1 > buffer.count {
            buffer.deallocate()
            buffer = .allocate(byteCount: max(size + 1, buffer.count * 2), alignment: 16)
        }
        var total = 0
        // Read until EOF: the file may have grown or shrunk since the walk; never past the limit.
        while total < buffer.count {
            let n = Glibc.read(fd, buffer.baseAddress! + total, buffer.count - total)
            if n < 0 {
                if errno == EINTR { continue }
                return .skipped(.warning, "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            total += n
            if total == buffer.count {
                guard total <= limit else { return .skipped(.notice, "skipped: grew over the \(ByteCount.format(limit)) limit during the scan") }
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
                bigger.copyMemory(from: UnsafeRawBufferPointer(buffer))
                buffer.deallocate()
                buffer = bigger
            }
        }
        return .read(total)
    }
}

enum BinaryDetector {
    /// NUL bytes in the first 8 KB mean binary, as git decides; UTF-16 text (with a BOM) is transcoded instead.
    static func isBinary(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
        let n = min(count, 8000)
        return memchr(base, 0, n) != nil
    }

    /// UTF-16 with a byte-order mark, transcoded to UTF-8 so its secrets are found; nil when not UTF-16.
    static func utf16Text(_ base: UnsafePointer<UInt8>, count: Int) -> [UInt8]? {
        guard count >= 2 else { return nil }
        let le = base[0] == 0xFF && base[1] == 0xFE, be = base[0] == 0xFE && base[1] == 0xFF
        guard le || be else { return nil }
        let data = Data(bytes: base, count: count)
        guard let s = String(data: data, encoding: le ? .utf16LittleEndian : .utf16BigEndian) else { return nil }
        return Array(s.utf8)
    }
}
