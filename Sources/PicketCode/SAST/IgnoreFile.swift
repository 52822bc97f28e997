import Foundation
import PicketCore

/// A `.semgrepignore` (gitignore syntax) read by Picket itself, so the repository's wishes are honoured while
/// Picket keeps control of what the engine sees: comments, blank lines, `!` re-includes, `/`-anchored
/// patterns, `**`, and Semgrep's `:include FILE` directive (typically `:include .gitignore`), applied with
/// `PicketCore.Glob`. Patterns of a nested ignore file apply below its folder. Last match wins.
struct IgnoreFile: Sendable {
    struct Rule: Sendable {
        var glob: Glob
        var negated: Bool
        /// The file the pattern was written in (an `:include`d file names itself).
        var file: String
    }

    /// Folder of the ignore file, relative to the root ("" for the root).
    var base: String
    var source: String
    var rules: [Rule]

    static let fileName = ".semgrepignore"

    /// Reads `path` (relative to `root`); `:include` files are read relative to its folder, at most 4 deep,
    /// never outside the root. Problems become warnings, never a failed scan.
    static func load(root: String, path: String, diagnostics: inout [ScanDiagnostic]) -> IgnoreFile {
        let base = path.split(separator: "/").dropLast().joined(separator: "/")
        var rules: [Rule] = []
        var visited = Set<String>()
        read(root: root, base: base, path: path, depth: 0, into: &rules, visited: &visited, diagnostics: &diagnostics)
        return IgnoreFile(base: base, source: path, rules: rules)
    }

    private static func read(root: String, base: String, path: String, depth: Int, into rules: inout [Rule],
                             visited: inout Set<String>, diagnostics: inout [ScanDiagnostic]) {
        guard depth <= 4, visited.insert(path).inserted else {
            diagnostics.append(ScanDiagnostic(.warning, scanner: "sast", path: path, ":include loop or nesting deeper than 4; ignored"))
            return
        }
        guard let data = SafeFile.read(root: root, relative: path, limit: 1 << 20) else {
            if depth > 0 {
                diagnostics.append(ScanDiagnostic(.warning, scanner: "sast", path: path, "included ignore file cannot be read inside the repository; ignored"))
            }
            return
        }
        for raw in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true) {
            var line = String(raw)
            if line.hasSuffix("\r") { line.removeLast() }
            // Trailing spaces are insignificant unless escaped (gitignore rule).
            while line.hasSuffix(" ") && !line.hasSuffix("\\ ") { line.removeLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix(":include ") {
                let target = line.dropFirst(":include ".count).trimmingCharacters(in: .whitespaces)
                guard let rel = SafeFile.join(base, target) else {
                    diagnostics.append(ScanDiagnostic(.warning, scanner: "sast", path: path, ":include \(target) leaves the repository; ignored"))
                    continue
                }
                read(root: root, base: base, path: rel, depth: depth + 1, into: &rules, visited: &visited, diagnostics: &diagnostics)
                continue
            }
            var negated = false
            if line.hasPrefix("!") { negated = true; line.removeFirst() }
            if line.hasPrefix("\\") { line.removeFirst() }
            if line.isEmpty { continue }
            rules.append(Rule(glob: Glob(line), negated: negated, file: path))
        }
    }

    /// nil = no opinion, true = ignored, false = re-included by a `!` pattern.
    func verdict(for path: String) -> (ignored: Bool, pattern: String, file: String)? {
        let rel: String
        if base.isEmpty { rel = path } else {
            guard path.hasPrefix(base + "/") else { return nil }
            rel = String(path.dropFirst(base.count + 1))
        }
        for r in rules.reversed() where r.glob.matches(rel) {
            return (!r.negated, (r.negated ? "!" : "") + r.glob.pattern, r.file)
        }
        return nil
    }
}

/// Reading repository files without following a symlink out of the root.
enum SafeFile {
    /// Joins a relative folder and a relative path, resolving `.`/`..`; nil when it leaves the root or is absolute.
    static func join(_ base: String, _ path: String) -> String? {
        if path.hasPrefix("/") { return nil }
        var parts = base.split(separator: "/").map(String.init)
        for p in path.split(separator: "/") {
            if p == "." || p.isEmpty { continue }
            if p == ".." {
                if parts.isEmpty { return nil }
                parts.removeLast()
            } else {
                parts.append(String(p))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// Resolves `relative` under `root` and returns the real path only when it is a regular file inside the root.
    static func resolve(root: String, relative: String) -> String? {
        let abs = root + "/" + relative
        let real = URL(fileURLWithPath: abs).resolvingSymlinksInPath().path
        guard real == abs || real.hasPrefix(root + "/") else { return nil }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDir), !isDir.boolValue else { return nil }
        return real
    }

    static func read(root: String, relative: String, limit: Int) -> Data? {
        guard let real = resolve(root: root, relative: relative),
              let h = FileHandle(forReadingAtPath: real) else { return nil }
        defer { try? h.close() }
        return try? h.read(upToCount: limit) ?? Data()
    }

    /// A folder inside the root (symlinks resolved), nil otherwise.
    static func folder(root: String, relative: String) -> String? {
        guard let rel = join("", relative) else { return nil }
        let real = URL(fileURLWithPath: root + "/" + rel).resolvingSymlinksInPath().path
        guard real.hasPrefix(root + "/") else { return nil }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDir), isDir.boolValue else { return nil }
        return real
    }
}
