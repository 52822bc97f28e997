#if canImport(Glibc)
import Glibc
#endif

/// Bytes of regular files under a folder (symlinks not followed), for the clone size guard.
enum DirectorySize {
    static func bytes(_ path: String, stopAbove limit: Int = .max) -> Int {
        var total = 0
        var stack = [path]
        while let dir = stack.popLast() {
            guard let d = opendir(dir) else { continue }
            defer { closedir(d) }
            while let ent = readdir(d) {
                let name = withUnsafeBytes(of: ent.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let child = dir + "/" + name
                var st = stat()
                guard lstat(child, &st) == 0 else { continue }
                switch st.st_mode & S_IFMT {
                case S_IFDIR: stack.append(child)
                case S_IFREG: total += Int(st.st_size)
                default: break
                }
                if total > limit { return total }
            }
        }
        return total
    }
}
