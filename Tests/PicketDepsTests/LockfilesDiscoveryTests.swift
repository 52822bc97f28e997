import Foundation
import Testing
import PicketCore
@testable import PicketDeps

@Suite struct LockfilesDiscoveryTests {
    /// A monorepo on disk, walked by the real walker.
    @Test func monorepoThroughTheWalker() throws {
        let dir = try TempDir()
        let files: [String: String] = [
            "package-lock.json": #"{"lockfileVersion":3,"packages":{"node_modules/left-pad":{"version":"1.3.0"}}}"#,
            "services/api/requirements.txt": "flask==3.0.0\n",
            "services/api/requirements-dev.txt": "pytest==7.4.3\n",
            "services/worker/go.mod": "module w\n\ngo 1.22\n\nrequire github.com/pkg/errors v0.9.1\n",
            "services/billing/Gemfile.lock": "GEM\n  specs:\n    rack (3.0.8)\n",
            "legacy/npm-shrinkwrap.json": #"{"lockfileVersion":1,"dependencies":{"a":{"version":"1.0.0"}}}"#,
            "legacy/package-lock.json": #"{"lockfileVersion":1,"dependencies":{"b":{"version":"1.0.0"}}}"#,
            "node_modules/x/package-lock.json": "{}",
            "web/node_modules/y/yarn.lock": "",
            "vendor/github.com/z/go.mod": "module z\n",
            "vendor/some-crate/Cargo.lock": "",
            ".venv/lib/python3.12/site-packages/pip/_vendor/requirements.txt": "junk==1\n",
            "target/classes/pom.xml": "<project/>",
            "build/gradle.lockfile": "a:b:1=x\n",
            "java/pom.xml": "<project><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>1.0</version></dependency></dependencies></project>",
            "README.md": "not a lockfile",
        ]
        for (path, text) in files { try dir.write(path, text) }
        let inventory = FileWalker().walk(root: dir.path)
        let target = ScanTarget(root: dir.path, origin: ScanOrigin(), config: PicketConfig(), inventory: inventory)
        let discovery = LockfileDiscovery()
        let found = discovery.discover(target)
        #expect(found.lockfiles.map(\.path) == [
            "java/pom.xml", "legacy/npm-shrinkwrap.json", "package-lock.json", "services/api/requirements-dev.txt",
            "services/api/requirements.txt", "services/billing/Gemfile.lock", "services/worker/go.mod",
        ])
        #expect(found.skipped.contains { $0.path == "legacy/package-lock.json" && $0.reason.contains("npm-shrinkwrap.json") })
        #expect(found.skipped.contains { $0.path == "node_modules/x/package-lock.json" || $0.path == "web/node_modules/y/yarn.lock" } == false,
                "node_modules lockfiles are not even claimed by the npm parsers")
        #expect(found.skipped.contains { $0.path == "vendor/some-crate/Cargo.lock" && $0.reason.contains("'vendor'") })
        #expect(found.skipped.contains { $0.path == "target/classes/pom.xml" })
        #expect(found.skipped.contains { $0.path == "build/gradle.lockfile" })
        #expect(found.skipped.contains { $0.path.hasPrefix(".venv/") })

        let all = discovery.parseAll(found.lockfiles, files: LockfileFiles(root: dir.path))
        #expect(Set(all.packages.map(\.name)) == ["left-pad", "flask", "pytest", "github.com/pkg/errors", "stdlib", "rack", "a", "g:a"])
        #expect(all.packages.first { $0.name == "flask" }?.file == "services/api/requirements.txt")
    }

    @Test func aFailingFileDoesNotStopTheOthers() throws {
        let dir = try TempDir()
        try dir.write("a/Cargo.lock", "[[package]]\nname = \"x\nversion = \"1\"\n")
        try dir.write("b/Cargo.lock", "[[package]]\nname = \"serde\"\nversion = \"1.0.0\"\nsource = \"registry+x\"\n")
        let discovery = LockfileDiscovery()
        let found = discovery.discover(paths: ["a/Cargo.lock", "b/Cargo.lock"])
        let all = discovery.parseAll(found.lockfiles, files: dir.files)
        #expect(all.packages.map(\.name) == ["serde"])
        #expect(all.warnings.count == 1 && all.warnings[0].file == "a/Cargo.lock")
        #expect(all.warnings[0].message.contains("line 2"))
    }

    @Test func includedFileFoundTwiceIsReportedOnce() throws {
        let dir = try TempDir()
        try dir.write("requirements.txt", "-r requirements-base.txt\nflask==3.0.0\n")
        try dir.write("requirements-base.txt", "click==8.1.7\n")
        let discovery = LockfileDiscovery()
        let found = discovery.discover(paths: ["requirements.txt", "requirements-base.txt"])
        #expect(found.lockfiles.count == 2)
        let all = discovery.parseAll(found.lockfiles, files: dir.files)
        #expect(all.packages.filter { $0.name == "click" }.count == 1)
    }

    @Test(arguments: LockfileDiscovery.skippedDirectories.sorted())
    func everySkippedFolderIsSkipped(_ folder: String) {
        let found = LockfileDiscovery().discover(paths: ["\(folder)/Cargo.lock", "ok/\(folder)/deeper/Cargo.lock", "ok/Cargo.lock"])
        #expect(found.lockfiles.map(\.path) == ["ok/Cargo.lock"])
    }
}
