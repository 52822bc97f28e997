#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PicketCore

/// Streams blobs out of `git cat-file --batch`: one long-lived process per worker, fed object ids on stdin by a
/// writer thread, read back with plain `read(2)` into a growing buffer.
final class GitBlobStream {
    private let child: ChildProcess
    private let stdoutFD: Int32
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0, end = 0
    private var eof = false

    init(repository: String, ids: [String]) throws {
        child = try ChildProcess.launch("git", ["-c", "safe.directory=*", "cat-file", "--batch"], environment: Git.environment(),
                                        workingDirectory: repository, stdin: .pipe, stdout: .pipe, stderr: .null)
        guard let out = child.stdoutFD, let input = child.stdinFD else { throw PicketError.runtime("git cat-file has no pipes") }
        stdoutFD = out
        buffer = .allocate(byteCount: 4 << 20, alignment: 16)
        let payload = Array(ids.map { $0 + "\n" }.joined().utf8)
        let process = child
        Thread.detachNewThread {
            // cat-file exits on a corrupt repository; a failed write then is expected and harmless.
            payload.withUnsafeBytes { raw in
                var off = 0
                while off < raw.count {
                    let n = write(input, raw.baseAddress! + off, raw.count - off)
                    if n < 0 { if errno == EINTR { continue }; break }
                    off += n
                }
            }
            process.closeStdin()
        }
    }

    deinit {
        child.kill()
        _ = child.wait()
        buffer.deallocate()
    }

    enum Item {
        /// A blob's id and its bytes, valid until the next call.
        case blob(String, UnsafeBufferPointer<UInt8>)
        /// `git cat-file` reported the id missing (a corrupt or shallow repository).
        case missing(String)
    }

    /// The next object, nil at the end of the stream.
    func next() throws -> Item? {
        guard let header = try readLine() else { return nil }
        let parts = header.split(separator: " ")
        if parts.count == 2, parts[1] == "missing" { return .missing(String(parts[0])) }
        guard parts.count == 3, let size = Int(parts[2]) else {
            throw PicketError.runtime("unexpected output from git cat-file: \(header.prefix(80))")
        }
        try fill(size + 1)
        let p = UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + start, count: size)
        start += size + 1 // content and its trailing newline
        return .blob(String(parts[0]), p)
    }

    private func readLine() throws -> String? {
        while true {
            if let nl = memchr(buffer.baseAddress! + start, 0x0A, end - start) {
                let len = buffer.baseAddress!.distance(to: nl) - start
                let line = String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress! + start, count: len), as: UTF8.self)
                start += len + 1
                return line
            }
            if eof { return nil }
            try fill(end - start + 1)
        }
    }

    /// Ensures `n` unread bytes are buffered (or EOF).
    private func fill(_ n: Int) throws {
        if end - start >= n { return }
        if start > 0 {
            memmove(buffer.baseAddress!, buffer.baseAddress! + start, end - start)
            end -= start
            start = 0
        }
        if n > buffer.count {
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: max(n, buffer.count * 2), alignment: 16)
            bigger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: end)
            buffer.deallocate()
            buffer = bigger
        }
        while end - start < n && !eof {
            let r = read(stdoutFD, buffer.baseAddress! + end, buffer.count - end)
            if r < 0 {
                if errno == EINTR { continue }
                throw PicketError.runtime("reading from git cat-file failed: \(String(cString: strerror(errno)))")
            }
            if r == 0 { eof = true } else { end += r }
        }
        if end - start < n && n > 1 && eof && end - start > 0 {
            throw PicketError.runtime("git cat-file output ended early (corrupt repository?)")
        }
    }
}
