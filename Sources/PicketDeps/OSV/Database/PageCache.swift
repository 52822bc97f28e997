import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The kernel's page cache as seen from one file. A large scan of a database that is not in memory (first scan
/// after a boot, or after other work pushed it out) does thousands of scattered 4 KB reads; reading the file
/// once from start to end first is several times faster. `posix_fadvise(WILLNEED)` does not do it: Linux caps
/// that readahead at the device's window (128 KB here).
enum PageCache {
    /// The share of the file's pages in memory now (0...1), nil when it cannot be told. Maps the file without
    /// touching it, so the check itself reads nothing and adds nothing to the process's resident memory.
    static func residentShare(path: String) -> Double? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 0 else { return nil }
        let size = Int(st.st_size)
        guard let map = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0), map != MAP_FAILED else { return nil }
        defer { munmap(map, size) }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let pages = (size + page - 1) / page
        var vec = [UInt8](repeating: 0, count: pages)
        guard mincore(map, size, &vec) == 0 else { return nil }
        var resident = 0
        for v in vec where v & 1 == 1 { resident += 1 }
        return Double(resident) / Double(pages)
    }

    /// Reads the whole file once, sequentially, so that later random reads find it in memory. Errors are
    /// ignored: this only makes later reads faster, and they report their own failures.
    static func readThrough(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        let size = 4 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 4096)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer, size)
            if n > 0 { continue }
            if n < 0 && errno == EINTR { continue }
            return
        }
    }

    /// Reads the file through when most of it is out of memory.
    @discardableResult
    static func warm(path: String, belowShare threshold: Double = 0.5) -> Bool {
        guard let share = residentShare(path: path), share < threshold else { return false }
        readThrough(path: path)
        return true
    }
}
