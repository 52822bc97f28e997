import ArgumentParser
import Foundation
import PicketCore
import PicketSecrets

struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the secret-detection rules (built-in, plus a folder's .picket.yml rules)."
    )

    @Argument(help: "Folder whose .picket.yml rules to include.")
    var path: String = "."

    @Option(help: ArgumentHelp("Configuration file to use instead of <PATH>/.picket.yml.", valueName: "FILE"))
    var config: String?

    @Option(name: .customLong("gitleaks-config"), help: ArgumentHelp("Also list rules imported from a gitleaks TOML file.", valueName: "FILE"))
    var gitleaksConfig: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: ArgumentHelp("Measure each rule's Vectorscan cost on up to 64 MB of text under DIR.", valueName: "DIR"))
    var profile: String?

    func run() async throws {
        try await withUserErrors {
            let root = try FileWalker.resolveRoot(path)
            let cfg = try PicketConfig.load(root: root, explicit: config)
            let (set, warnings) = try SecretScanner(gitleaksConfig: gitleaksConfig).ruleSet(for: cfg)
            warnings.forEach(Terminal.warning)
            if let profile {
                let (bytes, rows) = try RuleProfiler(set: set).profile(root: try FileWalker.resolveRoot(profile))
                var out = "rule cost over \(ByteCount.format(bytes)) of text (slowest first)\n"
                for r in rows.prefix(40) {
                    out += String(format: "%8.3f s  %9.0f MB/s  %8d matches  %-10@ %@\n", r.seconds, r.megabytesPerSecond, r.matches, r.mode, r.id)
                }
                out += String(format: "total %.3f s for %d rules\n", rows.reduce(0) { $0 + $1.seconds }, rows.count)
                Terminal.stdout(Data(out.utf8))
                return 0
            }
            if json {
                let rows = set.rules.map { r -> [String: Any] in
                    ["id": r.id, "title": r.title, "severity": r.severity.rawValue, "pattern": r.pattern, "origin": r.origin]
                }
                Terminal.stdout(try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys]))
                Terminal.stdout(Data("\n".utf8))
            } else {
                let width = set.rules.map(\.id.count).max() ?? 0
                var out = ""
                for r in set.rules {
                    out += r.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                        + r.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0) + "  " + r.title + "\n"
                }
                out += "\(set.rules.count) rules\n"
                Terminal.stdout(Data(out.utf8))
            }
            return 0
        }
    }
}
