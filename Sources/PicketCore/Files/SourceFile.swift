/// One regular file under the scan root that scanners may read.
public struct SourceFile: Sendable, Hashable {
    /// Relative to the scan root, `/`-separated.
    public var path: String
    public var size: Int

    public init(path: String, size: Int) {
        self.path = path
        self.size = size
    }
}

/// The files of a target, walked once and shared by every scanner, with the reasons others were left out.
public struct FileInventory: Sendable {
    public var files: [SourceFile]
    /// Why entries were skipped (too large, symlink leaving the root, unreadable folder...).
    public var diagnostics: [ScanDiagnostic]
    /// Regular files left out of `files` only for being over the size limit. Scanners that read specific
    /// files by name with their own bounds (lockfiles, up to 256 MB) still find them here.
    public var oversized: [SourceFile]

    public init(files: [SourceFile], diagnostics: [ScanDiagnostic] = [], oversized: [SourceFile] = []) {
        self.files = files
        self.diagnostics = diagnostics
        self.oversized = oversized
    }

    public var totalBytes: Int { files.reduce(0) { $0 + $1.size } }
}
