import Foundation
import Testing
import PicketCore
@testable import PicketDeps

/// The per-format fixtures beside the tests (`Fixtures/lockfiles/<case>/...`).
enum LockfileFixture {
    static var root: String {
        guard let base = Bundle.module.resourcePath else { return "Fixtures/lockfiles" }
        return base + "/Fixtures/lockfiles"
    }

    /// Parses `file` of fixture folder `dir` (the folder is the scan root) with the parser that claims its name.
    static func parse(_ dir: String, _ file: String) throws -> LockfileResult {
        try LockfileRegistry.standard.parse(path: file, files: LockfileFiles(root: root + "/" + dir))
    }
}

/// A scratch folder removed when the test ends.
final class TempDir {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path + "/picket-deps-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        // Symlink-free, as the walker's roots are.
        path = URL(fileURLWithPath: base).resolvingSymlinksInPath().path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, Data(text.utf8))
    }

    @discardableResult
    func write(_ relative: String, _ data: Data) throws -> String {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: full))
        return full
    }

    var files: LockfileFiles { LockfileFiles(root: path) }
}

extension LockfileResult {
    func package(_ name: String, _ version: String? = nil) -> PackageRef? {
        packages.first { $0.name == name && (version == nil || $0.version == version) }
    }

    func all(_ name: String) -> [PackageRef] { packages.filter { $0.name == name } }
}
