#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Walks a working tree the way a scanner must treat a hostile repository: never enters `.git`, never follows a
/// symlink out of the root (nor loops through one), never opens FIFOs or devices, skips files above the size
/// limit and known binary formats, and keeps going past unreadable folders with a warning.
public struct FileWalker: Sendable {
    public var maxFileSize: Int
    public var ignore: GlobSet
    public var skipBinaryExtensions: Bool

    public static let defaultMaxFileSize = 10 << 20

    public init(maxFileSize: Int = FileWalker.defaultMaxFileSize, ignore: GlobSet = GlobSet([]), skipBinaryExtensions: Bool = true) {
        self.maxFileSize = maxFileSize
        self.ignore = ignore
        self.skipBinaryExtensions = skipBinaryExtensions
    }

    /// Resolves `path` to an absolute, symlink-free root. Throws a usage error for a missing path or a non-folder.
    public static func resolveRoot(_ path: String) throws -> String {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard realpath(path, &buf) != nil else {
            throw PicketError.usage("\(path): \(String(cString: strerror(errno)))")
        }
        let root = CString.string(buf)
        var st = stat()
        guard stat(root, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
            throw PicketError.usage("\(path): not a folder")
        }
        return root
    }

    public func walk(root: String) -> FileInventory {
        var files: [SourceFile] = []
        var oversized: [SourceFile] = []
        var diags: [ScanDiagnostic] = []
        var seenDirs = Set<DevIno>()
        // Iterative DFS: deep trees must not overflow the stack.
        var stack: [String] = [""]
        while let rel = stack.popLast() {
            let abs = rel.isEmpty ? root : root + "/" + rel
            guard let dir = opendir(abs) else {
                let err = errno
                diags.append(ScanDiagnostic(.warning, scanner: "walker", path: rel.isEmpty ? "." : rel,
                                            "cannot read folder: \(String(cString: strerror(err)))"))
                continue
            }
            var st = stat()
            if fstat(dirfd(dir), &st) == 0 {
                // A bind mount or hard-linked folder can close a loop even without symlinks.
                if !seenDirs.insert(DevIno(dev: UInt64(st.st_dev), ino: UInt64(st.st_ino))).inserted { closedir(dir); continue }
            }
            var children: [(name: String, type: UInt8)] = []
            while let ent = readdir(dir) {
                // Read the fields in place: a dirent record can be shorter than `struct dirent`, so copying the
                // whole struct may read past the end of the kernel's buffer.
                let raw = UnsafeRawPointer(ent)
                let type = raw.load(fromByteOffset: FileWalker.typeOffset, as: UInt8.self)
                let name = String(cString: raw.advanced(by: FileWalker.nameOffset).assumingMemoryBound(to: CChar.self))
                if name == "." || name == ".." { continue }
                children.append((name, type))
            }
            closedir(dir)
            // Reverse-sorted push so the DFS pops in name order: output is deterministic.
            var subdirs: [String] = []
            for (name, dtype) in children.sorted(by: { $0.name < $1.name }) {
                let childRel = rel.isEmpty ? name : rel + "/" + name
                if name == ".git" { continue }
                let childAbs = root + "/" + childRel
                var type = dtype
                var size = 0
                if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_REG) || type == UInt8(DT_LNK) {
                    var lst = stat()
                    guard lstat(childAbs, &lst) == 0 else {
                        let err = errno
                        diags.append(ScanDiagnostic(.warning, scanner: "walker", path: childRel, "cannot stat: \(String(cString: strerror(err)))"))
                        continue
                    }
                    type = FileWalker.direntType(lst.st_mode)
                    size = Int(lst.st_size)
                }
                switch type {
                case UInt8(DT_DIR):
                    if ignore.matches(childRel) { continue }
                    subdirs.append(childRel)
                case UInt8(DT_REG):
                    if ignore.matches(childRel) { continue }
                    if skipBinaryExtensions && FileWalker.isBinaryExtension(name) { continue }
                    if size > maxFileSize {
                        diags.append(ScanDiagnostic(.notice, scanner: "walker", path: childRel,
                                                    "skipped: \(ByteCount.format(size)) is over the \(ByteCount.format(maxFileSize)) limit"))
                        oversized.append(SourceFile(path: childRel, size: size))
                        continue
                    }
                    files.append(SourceFile(path: childRel, size: size))
                case UInt8(DT_LNK):
                    if let d = checkSymlink(root: root, abs: childAbs, rel: childRel) { diags.append(d) }
                case UInt8(DT_FIFO), UInt8(DT_SOCK), UInt8(DT_CHR), UInt8(DT_BLK):
                    diags.append(ScanDiagnostic(.notice, scanner: "walker", path: childRel, "skipped: not a regular file"))
                default:
                    continue
                }
            }
            stack.append(contentsOf: subdirs.reversed())
        }
        return FileInventory(files: files, diagnostics: diags, oversized: oversized)
    }

    /// Symlinks are never followed: one that stays inside the root points at content the walk reaches under its
    /// real path; one that leaves the root, dangles or loops is reported.
    private func checkSymlink(root: String, abs: String, rel: String) -> ScanDiagnostic? {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard realpath(abs, &buf) != nil else {
            let err = errno
            let why = err == ELOOP ? "symlink loop" : err == ENOENT ? "dangling symlink" : String(cString: strerror(err))
            return ScanDiagnostic(.notice, scanner: "walker", path: rel, "skipped: \(why)")
        }
        let target = CString.string(buf)
        if target == root || target.hasPrefix(root + "/") { return nil }
        return ScanDiagnostic(.notice, scanner: "walker", path: rel, "skipped: symlink leaves the scan root")
    }

    static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
    static let typeOffset = MemoryLayout<dirent>.offset(of: \dirent.d_type)!

    static func direntType(_ mode: mode_t) -> UInt8 {
        switch mode & S_IFMT {
        case S_IFDIR: UInt8(DT_DIR)
        case S_IFREG: UInt8(DT_REG)
        case S_IFLNK: UInt8(DT_LNK)
        case S_IFIFO: UInt8(DT_FIFO)
        case S_IFSOCK: UInt8(DT_SOCK)
        case S_IFCHR: UInt8(DT_CHR)
        case S_IFBLK: UInt8(DT_BLK)
        default: UInt8(DT_UNKNOWN)
        }
    }

    static let binaryExtensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "bmp", "ico", "webp", "tif", "tiff", "psd", "heic", "avif",
        "pdf", "zip", "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "jar", "war", "ear", "class", "whl", "egg",
        "so", "dll", "dylib", "exe", "o", "a", "lib", "obj", "bin", "wasm", "node",
        "woff", "woff2", "ttf", "otf", "eot",
        "mp3", "mp4", "m4a", "avi", "mov", "mkv", "wav", "flac", "ogg", "webm",
        "pyc", "pyo", "iso", "dmg", "deb", "rpm", "apk", "ipa",
    ]

    static func isBinaryExtension(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return binaryExtensions.contains(name[name.index(after: dot)...].lowercased())
    }
}

private struct DevIno: Hashable {
    var dev: UInt64
    var ino: UInt64
}

public enum ByteCount {
    public static func format(_ n: Int) -> String {
        let d = Double(n)
        if n >= 1 << 30 { return String(format: "%.1f GB", d / Double(1 << 30)) }
        if n >= 1 << 20 { return String(format: "%.1f MB", d / Double(1 << 20)) }
        if n >= 1 << 10 { return String(format: "%.1f KB", d / Double(1 << 10)) }
        return "\(n) B"
    }
}
