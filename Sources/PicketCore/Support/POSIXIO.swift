#if canImport(Glibc)
import Glibc
#endif

/// Small POSIX helpers shared by the writers of files that must be complete.
public enum POSIXIO {
    /// Writes every byte to `fd`, going on after interrupted writes; nil when all were written, else the `errno`.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return nil
    }
}
