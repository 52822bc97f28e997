import ArgumentParser
import Foundation
import PicketCore
import PicketDeps

/// `picket sbom`: a software bill of materials of every package the lockfiles and manifests of a folder name.
struct SBOMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sbom",
        abstract: "Write an SBOM (CycloneDX 1.6 or SPDX 2.3 JSON) of every package found in lockfiles and manifests.",
        discussion: """
        Reads the same lockfiles as `picket scan --scanners deps` (every folder; installed and vendored folders skipped; \
        paths ignored in .picket.yml skipped). Licences are included where the lockfile carries them. A lockfile that \
        cannot be read is reported on stderr and left out; the SBOM of the others is still written.
        """
    )

    @Argument(help: "Folder to describe.")
    var path: String = "."

    @Option(help: ArgumentHelp("SBOM format: \(SBOMFormats.all.map(\.format).joined(separator: ", ")).", valueName: "FORMAT"))
    var format: String = "cyclonedx"

    @Option(help: ArgumentHelp("Write the SBOM to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(help: ArgumentHelp("Configuration file to use instead of <PATH>/.picket.yml.", valueName: "FILE"))
    var config: String?

    func run() async throws {
        try await withUserErrors { try await execute() }
    }

    private func execute() async throws -> Int32 {
        let root = try FileWalker.resolveRoot(path)
        let writer = try SBOMFormats.writer(named: format)
        let cfg = try PicketConfig.load(root: root, explicit: config)
        let target = try await ScanRunner.makeTarget(path: root, mode: .workingTree, config: cfg)
        let inventory = await withCheckedContinuation { cont in
            Thread.detachNewThread {
                cont.resume(returning: DependencyInventory.collect(target, parallelism: SystemInfo.activeProcessorCount, scanner: "sbom"))
            }
        }
        for d in inventory.diagnostics where d.level >= .warning {
            Terminal.warning("\(d.path.map { "\($0): " } ?? "")\(d.message)")
        }
        if inventory.lockfiles.isEmpty { Terminal.warning("no lockfiles or manifests found under \(root)") }
        let name = URL(fileURLWithPath: root).lastPathComponent
        let version = target.origin.commit.map { String($0.sha.prefix(12)) }
        let data = try writer.render(SBOMDocument(name: name.isEmpty ? "root" : name, version: version, packages: inventory.packages))
        if let output {
            do { try data.write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
                throw PicketError.runtime("cannot write \(output): \(error.localizedDescription)")
            }
            Terminal.stderr("\(inventory.packages.count) packages from \(inventory.lockfiles.count) lockfiles written to \(output)\n")
        } else {
            Terminal.stdout(data)
        }
        return PicketExit.clean
    }
}
