#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PicketCore

/// Where a report goes, written as it is produced. A file is written beside its final name and renamed into
/// place by `commit()`, so a failed or interrupted scan never leaves half a report where the old one was.
public final class ReportOutput {
    private let fd: Int32
    private let finalPath: String?
    private let temporaryPath: String?
    private var done = false

    private init(fd: Int32, finalPath: String?, temporaryPath: String?) {
        self.fd = fd
        self.finalPath = finalPath
        self.temporaryPath = temporaryPath
    }

    deinit { discard() }

    /// Standard output (never closed).
    public static func standardOutput() -> ReportOutput { ReportOutput(fd: 1, finalPath: nil, temporaryPath: nil) }

    /// A new file at `path`, in place once `commit()` is called.
    public static func file(_ path: String) throws -> ReportOutput {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var template = Array("\(dir)/.\(url.lastPathComponent).XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw PicketError.runtime("cannot write \(path): \(String(cString: strerror(errno)))") }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        // mkstemp creates 0600; a report is an ordinary file (umask applies).
        let mask = umask(0); umask(mask)
        fchmod(fd, 0o666 & ~mask)
        return ReportOutput(fd: fd, finalPath: path, temporaryPath: temporary)
    }

    private var name: String { finalPath ?? "standard output" }

    public func write(_ bytes: [UInt8]) throws {
        if let err = bytes.withUnsafeBytes({ POSIXIO.writeAll(fd, $0) }) {
            throw PicketError.runtime("cannot write \(name): \(String(cString: strerror(err)))")
        }
    }

    public func write(_ data: Data) throws { try write([UInt8](data)) }

    /// Puts a file in place; nothing for standard output.
    public func commit() throws {
        guard !done else { return }
        done = true
        guard let finalPath, let temporaryPath else { return }
        defer { close(fd) }
        guard rename(temporaryPath, finalPath) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw PicketError.runtime("cannot write \(finalPath): \(reason)")
        }
    }

    /// Drops a file that was not committed.
    public func discard() {
        guard !done else { return }
        done = true
        guard let temporaryPath else { return }
        close(fd)
        unlink(temporaryPath)
    }

    /// Writes one report to `path` (or standard output when nil), in place only when it was written whole.
    public static func write(to path: String?, _ body: (ReportOutput) throws -> Void) throws {
        let out = try path.map(file) ?? standardOutput()
        do {
            try body(out)
            try out.commit()
        } catch {
            out.discard()
            throw error
        }
    }
}

extension ReportWriter {
    /// Formats that build their document whole render it and write it at once.
    public func write(_ report: ScanReport, options: ReportOptions, to output: ReportOutput) throws {
        try output.write(try render(report, options: options))
    }
}
