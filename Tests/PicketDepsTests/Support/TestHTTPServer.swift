#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A minimal HTTP/1.1 file server on 127.0.0.1 (ephemeral port) for update tests: GET only, one request per
/// connection, files under `root`, 404 for anything else. Records the paths asked for.
final class TestHTTPServer: @unchecked Sendable {
    let root: String
    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var log: [String] = []
    private let done = DispatchSemaphore(value: 0)

    var requests: [String] { lock.withLock { log } }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    init(root: String) throws {
        self.root = root
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError(message: "socket failed") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw ServerError(message: "bind/listen failed") }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        listener = fd
        port = UInt16(bigEndian: addr.sin_port)
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    struct ServerError: Error { var message: String }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        done.wait()
    }

    private func serve() {
        defer { done.signal() }
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            handle(client)
            close(client)
        }
    }

    private func handle(_ client: Int32) {
        var request = [UInt8]()
        var buf = [UInt8](repeating: 0, count: 4096)
        while !request.ends(with: Array("\r\n\r\n".utf8)) && request.count < 65_536 {
            let n = read(client, &buf, buf.count)
            if n <= 0 { break }
            request += buf[0..<n]
            if let r = String(bytes: request, encoding: .utf8), r.contains("\r\n\r\n") { break }
        }
        let line = String(decoding: request, as: UTF8.self).split(separator: "\r\n").first ?? ""
        let parts = line.split(separator: " ")
        guard parts.count >= 2 else { return }
        let path = String(parts[1])
        lock.withLock { log.append(path) }
        let decoded = path.removingPercentEncoding ?? path
        var body: [UInt8]?
        if parts[0] == "GET", !decoded.contains(".."), let data = FileManager.default.contents(atPath: root + decoded) {
            body = [UInt8](data)
        }
        let status = body == nil ? "404 Not Found" : "200 OK"
        let payload = body ?? Array("not found\n".utf8)
        let head = "HTTP/1.1 \(status)\r\nContent-Length: \(payload.count)\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n"
        writeAll(client, Array(head.utf8) + payload)
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            off += n
        }
    }
}

extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
