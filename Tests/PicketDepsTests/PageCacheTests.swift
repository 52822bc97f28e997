import Foundation
import Glibc
import PicketTestSupport
import Testing
@testable import PicketDeps

/// The read-through before a large scan, on a real file in the kernel's page cache. The file lives under
/// `.build` (a disk file system): pages of a tmpfs file can never leave memory.
@Suite struct PageCacheTests {
    @Test func aFileOutOfMemoryIsReadThroughOnceAndThenLeftAlone() throws {
        let dir = TestEnvironment.packageRoot + "/.build/test-artifacts/page-cache-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { TestEnvironment.remove(dir) }
        let path = dir + "/osv.sqlite"
        let bytes = Data((0..<(16 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try bytes.write(to: URL(fileURLWithPath: path))

        // Written and flushed, then dropped from the cache (clean pages of this one file; needs no privilege).
        let fd = open(path, O_RDONLY)
        #expect(fd >= 0)
        #expect(fsync(fd) == 0)
        #expect(posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_DONTNEED)) == 0)
        close(fd)
        let before = try #require(PageCache.residentShare(path: path))
        #expect(before < 0.5, "the file should be mostly out of memory after DONTNEED: \(before)")

        #expect(PageCache.warm(path: path), "mostly out of memory: read through")
        let after = try #require(PageCache.residentShare(path: path))
        #expect(after > 0.95, "read through: \(after)")
        #expect(!PageCache.warm(path: path), "already in memory: left alone")
    }

    @Test func missingOrEmptyFilesAreNotAnError() throws {
        #expect(PageCache.residentShare(path: "/nonexistent/osv.sqlite") == nil)
        #expect(!PageCache.warm(path: "/nonexistent/osv.sqlite"))
        let dir = try TestEnvironment.makeTemporaryDirectory("page-cache-empty")
        defer { TestEnvironment.remove(dir) }
        FileManager.default.createFile(atPath: dir + "/empty", contents: Data())
        #expect(PageCache.residentShare(path: dir + "/empty") == nil)
    }
}
