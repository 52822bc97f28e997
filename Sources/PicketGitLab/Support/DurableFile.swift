#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PicketCore

/// Files that must survive a crash: written to a temporary file beside the target (created 0600 whatever the
/// umask), fsynced, renamed over the target, and the folder fsynced so the rename itself is on disk.
enum DurableFile {
    static func write(_ data: Data, to path: String, mode: mode_t = 0o600) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        let tmp = "\(dir)/.\(base).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw DurableFile.failure("cannot create \(tmp)") }
        var ok = false
        defer {
            if !ok { unlink(tmp) }
        }
        do {
            defer { close(fd) }
            // open() applies the umask; fchmod sets the mode we asked for exactly.
            guard fchmod(fd, mode) == 0 else { throw DurableFile.failure("cannot set permissions on \(tmp)") }
            if data.withUnsafeBytes({ POSIXIO.writeAll(fd, $0) }) != nil { throw DurableFile.failure("cannot write \(tmp)") }
            guard fsync(fd) == 0 else { throw DurableFile.failure("cannot flush \(tmp) to disk") }
        }
        guard rename(tmp, path) == 0 else { throw DurableFile.failure("cannot move \(tmp) to \(path)") }
        ok = true
        syncDirectory(dir)
    }

    /// Creates `path` with `data` only if it does not exist yet, atomically (complete content or nothing):
    /// a temporary file is linked into place. Returns false when the file already existed.
    static func createExclusive(_ data: Data, at path: String, mode: mode_t = 0o600) throws -> Bool {
        let dir = (path as NSString).deletingLastPathComponent
        let tmp = "\(dir)/.\((path as NSString).lastPathComponent).new-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try write(data, to: tmp, mode: mode)
        defer { unlink(tmp) }
        if link(tmp, path) == 0 {
            syncDirectory(dir)
            return true
        }
        if errno == EEXIST { return false }
        throw failure("cannot create \(path)")
    }

    static func syncDirectory(_ dir: String) {
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }

    static func failure(_ what: String) -> GitLabError {
        .vault("\(what): \(String(cString: strerror(errno)))")
    }
}
