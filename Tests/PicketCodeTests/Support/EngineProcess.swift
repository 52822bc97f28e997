import Foundation
import PicketCore

/// Runs an engine command for the rule-pack tests through Picket's own `ProcessRunner` (posix_spawn in a
/// process group, every inherited descriptor closed, output drains that stop shortly after the child exits).
enum EngineProcess {
    typealias Result = ProcessRunner.Result

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                    workingDirectory: String, timeout: Duration) async throws -> Result {
        try await ProcessRunner(executable, arguments, environment: environment, workingDirectory: workingDirectory,
                                timeout: timeout, outputLimit: 512 << 20).run()
    }
}
