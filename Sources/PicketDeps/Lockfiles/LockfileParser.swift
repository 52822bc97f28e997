import Foundation
import PicketCore

/// Reads one lockfile or manifest format into packages. One type per format; `LockfileRegistry` lists them.
/// Parsers are pure functions of their input: they read other files (a `-r` include, a parent POM, `go.sum`)
/// only through `input.files`, which keeps them inside the scan root.
public protocol LockfileParser: Sendable {
    /// Stable, human-readable id of the format (`package-lock.json`, `yarn.lock`, `pom.xml`...).
    var formatName: String { get }
    /// The ecosystem of (most of) the packages it reports.
    var ecosystem: Ecosystem { get }
    /// True when a file at `path` (relative, `/`-separated) is this format, judged by its name.
    func matches(path: String) -> Bool
    /// Files (paths relative to the scan root) that, when present, make this one redundant: the lockfile is
    /// preferred over its manifest, npm reads `npm-shrinkwrap.json` instead of `package-lock.json`.
    /// Discovery and `LockfileRegistry.parse` skip a superseded file so no package is reported twice.
    func supersededBy(path: String) -> [String]
    /// The name of a folder discovery normally skips but this format lives in (`vendor` for Go's
    /// `vendor/modules.txt`); nil for most formats.
    var homeDirectory: String? { get }
    /// Fatal problems (unreadable syntax, wrong document shape) throw `PicketError.input` naming the file and
    /// line; problems with single entries become warnings and the other entries are still reported.
    func parse(_ input: LockfileInput) throws -> LockfileResult
}

extension LockfileParser {
    public func supersededBy(path: String) -> [String] { [] }
    public var homeDirectory: String? { nil }

    /// Parses bytes that are not on disk (or whose neighbours must not be read).
    public func parse(data: Data, path: String) throws -> LockfileResult {
        try parse(LockfileInput(path: path, data: data, files: LockfileFiles(root: nil)))
    }
}

/// The file to parse and a way to reach the files next to it.
public struct LockfileInput: Sendable {
    /// Relative to the scan root, `/`-separated; becomes `PackageRef.file`.
    public var path: String
    public var data: Data
    public var files: LockfileFiles

    public init(path: String, data: Data, files: LockfileFiles) {
        self.path = path
        self.data = data
        self.files = files
    }

    /// The folder of `path` ("" at the root).
    public var directory: String { LockfileFiles.directory(of: path) }
    public var fileName: String { LockfileFiles.fileName(of: path) }

    /// An input error naming this file and, when known, the line.
    public func error(_ message: String, line: Int? = nil) -> PicketError {
        .input(file: path, message: line.map { "line \($0): \(message)" } ?? message)
    }

    public func warning(_ message: String, line: Int? = nil) -> LockfileWarning {
        LockfileWarning(file: path, line: line, message: message)
    }
}

/// What a parser found: packages in file order, and what it had to skip.
public struct LockfileResult: Sendable {
    public var packages: [PackageRef]
    public var warnings: [LockfileWarning]

    public init(packages: [PackageRef] = [], warnings: [LockfileWarning] = []) {
        self.packages = packages
        self.warnings = warnings
    }
}

/// A non-fatal problem in a lockfile: an entry that could not be read, an include that was refused.
public struct LockfileWarning: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}
