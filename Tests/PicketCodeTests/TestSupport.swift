import Foundation
import Glibc
import Testing
@testable import PicketCode
import PicketCore

/// Paths and helpers shared by the PicketCode tests.
enum TestSupport {
    /// The package root: Tests/PicketCodeTests/<file> → three levels up.
    static let packageRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }()

    static var fixtures: String {
        Bundle.module.resourceURL?.appendingPathComponent("Fixtures").path ?? packageRoot + "/Tests/PicketCodeTests/Fixtures"
    }

    static func fixture(_ rel: String) -> String { fixtures + "/" + rel }

    /// The venv engines `make test` installs (scripts/python-venv.sh). A test that needs one fails with this
    /// hint rather than passing without it.
    static func venvTool(_ name: String) throws -> String {
        let p = packageRoot + "/.venv/bin/" + name
        guard FileManager.default.isExecutableFile(atPath: p) else {
            throw PicketError.runtime("\(p) is missing; run `make engines` (scripts/python-venv.sh)")
        }
        return p
    }

    /// `/work/shared`, found from the package root (`../shared` on main and CI, `../../shared` in a worktree).
    static var sharedRoot: String? {
        for rel in ["../shared", "../../shared"] {
            let p = URL(fileURLWithPath: packageRoot + "/" + rel).standardized.path
            if FileManager.default.fileExists(atPath: p + "/tools/validate-json") { return p }
        }
        return nil
    }

    /// Runs the shared schema validator on a file; returns its output, throws if it cannot run.
    static func validate(_ schema: String, _ file: String) async throws -> (ok: Bool, output: String) {
        guard let shared = sharedRoot else { throw PicketError.runtime("shared/tools/validate-json not found beside the package") }
        let r = try await ProcessRunner(shared + "/tools/validate-json", [schema, file], timeout: .seconds(120)).run()
        return (r.status == 0, r.stdoutText + r.stderrText)
    }

    /// A locator that sees only the given variables (no PATH fallback to the machine's tools, no .venv walk).
    static func locator(_ env: [String: String] = [:]) -> EngineLocator {
        var e = env
        if e["PATH"] == nil { e["PATH"] = "/nonexistent" }
        return EngineLocator(environment: e, installationRoots: [])
    }

    static func semgrepLocator() throws -> EngineLocator {
        locator(["PICKET_SEMGREP": try venvTool("semgrep")])
    }

    static func context() -> ScanContext {
        ScanContext(parallelism: 2, dataDirectory: DataDirectory(path: NSTemporaryDirectory() + "/picket-code-tests-data"))
    }

    static func target(_ root: String, config: String? = nil, maxFileSize: Int? = nil) async throws -> ScanTarget {
        let cfg = try config.map { try PicketConfig.parse(yaml: $0, file: ".picket.yml") } ?? PicketConfig()
        return try await ScanRunner.makeTarget(path: root, mode: .workingTree, config: cfg, maxFileSize: maxFileSize)
    }
}

/// A throw-away folder with files written into it; removed when the test ends.
final class TempRepo {
    let path: String

    init(_ files: [String: String] = [:]) throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("picket-code-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = URL(fileURLWithPath: base.path).resolvingSymlinksInPath().path
        for (rel, text) in files { try write(rel, text) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ rel: String, _ text: String) throws {
        try write(rel, Data(text.utf8))
    }

    func write(_ rel: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: path + "/" + rel)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Writes a file with plain POSIX calls: no temp file, rename or fsync (Foundation's atomic writes make
    /// generating 100,000 files take many minutes).
    func quickWrite(_ rel: String, _ text: String) {
        let fd = open(path + "/" + rel, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        _ = text.utf8CString.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
    }

    /// Copies a fixture file or folder into the repository.
    func copy(fixture: String, to rel: String) throws {
        let dst = path + "/" + rel
        try FileManager.default.createDirectory(atPath: (dst as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestSupport.fixture(fixture), toPath: dst)
    }

    /// An executable script (fake engines).
    func script(_ rel: String, _ body: String) throws -> String {
        try write(rel, "#!/bin/sh\n" + body + "\n")
        let p = path + "/" + rel
        chmod(p, 0o755)
        return p
    }

    func git(_ args: String...) async throws {
        let r = try await ProcessRunner("git", args, environment: [
            "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": path, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.invalid",
            "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_CONFIG_NOSYSTEM": "1",
        ], workingDirectory: path, timeout: .seconds(60)).run()
        guard r.status == 0 else { throw PicketError.runtime("git \(args.joined(separator: " ")): \(r.stderrText)") }
    }
}
