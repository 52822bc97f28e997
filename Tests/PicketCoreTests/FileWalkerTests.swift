import Foundation
import Testing
import PicketTestSupport
@testable import PicketCore

@Suite struct FileWalkerTests {
    @Test func skipsWhatAScannerMustNotRead() throws {
        let root = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(root) }
        try TestEnvironment.write([
            "src/app.py": "print('hi')\n",
            ".git/config": "[core]\n",
            "sub/.git": "gitdir: elsewhere\n",
            "img/logo.png": "PNG",
            "big.txt": String(repeating: "x", count: 5000),
            "vendor/lib.js": "x",
        ], under: root)
        let outside = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(outside) }
        try TestEnvironment.write(["secret.txt": "outside"], under: outside)
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: root + "/escape", withDestinationPath: outside + "/secret.txt")
        try fm.createSymbolicLink(atPath: root + "/escape-dir", withDestinationPath: outside)
        try fm.createSymbolicLink(atPath: root + "/inside", withDestinationPath: root + "/src/app.py")
        try fm.createSymbolicLink(atPath: root + "/loop1", withDestinationPath: root + "/loop2")
        try fm.createSymbolicLink(atPath: root + "/loop2", withDestinationPath: root + "/loop1")
        #expect(mkfifo(root + "/pipe", 0o600) == 0)

        let inv = FileWalker(maxFileSize: 4096, ignore: GlobSet(["vendor"])).walk(root: root)
        #expect(inv.files.map(\.path) == ["src/app.py"])
        let notes = Dictionary(inv.diagnostics.map { ($0.path ?? "", $0.message) }, uniquingKeysWith: { a, _ in a })
        #expect(notes["big.txt"]?.contains("over the 4.0 KB limit") == true)
        #expect(notes["escape"] == "skipped: symlink leaves the scan root")
        #expect(notes["escape-dir"] == "skipped: symlink leaves the scan root")
        #expect(notes["loop1"] == "skipped: symlink loop")
        #expect(notes["pipe"] == "skipped: not a regular file")
        #expect(notes["inside"] == nil, "a symlink inside the root is covered by its target")
    }

    @Test func missingRootIsAUsageError() {
        #expect { _ = try FileWalker.resolveRoot("/nonexistent/picket/path") } throws: { e in
            "\(e)".contains("/nonexistent/picket/path") && "\(e)".contains("No such file")
        }
    }

    @Test func deepTreeDoesNotOverflow() throws {
        let root = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.remove(root) }
        var dir = root
        for _ in 0..<200 { dir += "/d"; try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/leaf.txt"))
        let inv = FileWalker().walk(root: root)
        #expect(inv.files.count == 1)
    }
}
