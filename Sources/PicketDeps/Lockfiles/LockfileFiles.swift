#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PicketCore

/// Read access to the files of the scan root for parsers that follow references (`-r other.txt`, a parent
/// POM, `go.sum`). A reference is resolved against the referring file's folder; anything that leaves the
/// root, lexically (`../../etc/passwd`, an absolute path) or through a symlink, is refused.
public struct LockfileFiles: Sendable {
    /// Absolute, symlink-free root; nil when the input has no neighbours to read.
    public let root: String?
    public var maxFileSize: Int

    public static let defaultMaxFileSize = 256 << 20

    public init(root: String?, maxFileSize: Int = LockfileFiles.defaultMaxFileSize) {
        if let root {
            var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            self.root = realpath(root, &buf) != nil ? String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : root
        } else {
            self.root = nil
        }
        self.maxFileSize = maxFileSize
    }

    public enum AccessError: Error, Sendable, CustomStringConvertible, Equatable {
        case outsideRoot(String)
        case notFound(String)
        case tooLarge(String, Int)
        case unreadable(String, String)
        case noRoot(String)

        public var description: String {
            switch self {
            case .outsideRoot(let p): "'\(p)' points outside the scanned folder; not read"
            case .notFound(let p): "'\(p)' does not exist"
            case .tooLarge(let p, let n): "'\(p)' is larger than \(n) bytes; not read"
            case .unreadable(let p, let why): "'\(p)' cannot be read: \(why)"
            case .noRoot(let p): "'\(p)' cannot be read: no scan root was given"
            }
        }
    }

    /// Resolves `reference` (relative to folder `from`, both relative to the root) to a normalised relative
    /// path, or nil when it leaves the root lexically.
    public static func resolve(_ reference: String, from dir: String) -> String? {
        if reference.hasPrefix("/") || reference.hasPrefix("\\") || reference.contains("\0") { return nil }
        if reference.count >= 2, reference.dropFirst().first == ":" { return nil } // C:\...
        var parts = dir.split(separator: "/").map(String.init)
        for seg in reference.replacingOccurrences(of: "\\", with: "/").split(separator: "/") {
            switch seg {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(seg))
            }
        }
        return parts.joined(separator: "/")
    }

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    public static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    static func isInsideNodeModules(_ path: String) -> Bool {
        path.hasPrefix("node_modules/") || path.contains("/node_modules/")
    }

    public static func join(_ dir: String, _ name: String) -> String { dir.isEmpty ? name : dir + "/" + name }

    /// The absolute path of a relative one after checking that its real location is inside the root.
    func absolute(_ relative: String) throws -> String {
        guard let root else { throw AccessError.noRoot(relative) }
        guard let norm = Self.resolve(relative, from: "") else { throw AccessError.outsideRoot(relative) }
        let abs = norm.isEmpty ? root : root + "/" + norm
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard realpath(abs, &buf) != nil else { throw AccessError.notFound(relative) }
        let real = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/") else { throw AccessError.outsideRoot(relative) }
        return real
    }

    public func exists(_ relative: String) -> Bool {
        guard let abs = try? absolute(relative) else { return false }
        var st = stat()
        return stat(abs, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// Reads a regular file inside the root.
    public func read(_ relative: String) throws -> Data {
        let abs = try absolute(relative)
        var st = stat()
        guard stat(abs, &st) == 0 else { throw AccessError.notFound(relative) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw AccessError.unreadable(relative, "not a regular file") }
        guard Int(st.st_size) <= maxFileSize else { throw AccessError.tooLarge(relative, maxFileSize) }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: abs), options: .mappedIfSafe)
        } catch {
            throw AccessError.unreadable(relative, "\(error.localizedDescription)")
        }
    }
}
