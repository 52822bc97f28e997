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

    public init(files: [SourceFile], diagnostics: [ScanDiagnostic] = []) {
        self.files = files
        self.diagnostics = diagnostics
    }

    public var totalBytes: Int { files.reduce(0) { $0 + $1.size } }
}
