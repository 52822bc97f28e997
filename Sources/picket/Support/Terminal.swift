#if canImport(Glibc)
import Glibc
#endif
import Foundation

enum Terminal {
    static var stdoutIsTTY: Bool { isatty(1) == 1 }
    static var stderrIsTTY: Bool { isatty(2) == 1 }

    /// Colours on a terminal unless NO_COLOR is set (https://no-color.org convention).
    static var colorEnabled: Bool { stdoutIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    static var width: Int? {
        var ws = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 else { return nil }
        return Int(ws.ws_col)
    }

    static func error(_ message: String) {
        let tag = stderrIsTTY ? "\u{1B}[31merror\u{1B}[0m" : "error"
        FileHandle.standardError.write(Data("\(tag): \(message)\n".utf8))
    }

    static func warning(_ message: String) {
        let tag = stderrIsTTY ? "\u{1B}[33mwarning\u{1B}[0m" : "warning"
        FileHandle.standardError.write(Data("\(tag): \(message)\n".utf8))
    }

    static func stderr(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    static func stdout(_ data: Data) { FileHandle.standardOutput.write(data) }
}
