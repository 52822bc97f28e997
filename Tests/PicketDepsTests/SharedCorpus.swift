import Foundation
import PicketTestSupport

/// Locates `shared/` (corpora, schemas): `PICKET_SHARED_DIR`, else beside the package, else beside any parent
/// folder (a git worktree lives one level deeper than the main checkout).
enum SharedCorpus {
    static let root: String = {
        let fm = FileManager.default
        if fm.fileExists(atPath: TestEnvironment.sharedRoot + "/corpora") { return TestEnvironment.sharedRoot }
        var url = URL(fileURLWithPath: TestEnvironment.packageRoot)
        while url.path != "/" {
            let candidate = url.appendingPathComponent("shared").path
            if fm.fileExists(atPath: candidate + "/corpora") { return candidate }
            url.deleteLastPathComponent()
        }
        return TestEnvironment.sharedRoot
    }()

    static func path(_ relative: String) -> String { root + "/" + relative }

    static var fixtures: String { TestEnvironment.packageRoot + "/Tests/PicketDepsTests/Fixtures" }
}
