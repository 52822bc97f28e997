import ArgumentParser
import Foundation
import PicketCore

/// Picket's exit codes, documented in the README: 0 = nothing at or above `--fail-on`, 1 = findings,
/// 2 = usage or runtime error.
enum PicketExit {
    static let clean: Int32 = 0
    static let findings: Int32 = 1
    static let error: Int32 = 2

    /// Ends the process once the command's output is complete: large reports take tens of milliseconds to
    /// free object by object, and the system takes the memory back at once.
    static func now(_ code: Int32) -> Never {
        fflush(nil)
        exit(code)
    }
}

/// Runs a command body, turning every error into a clear message on stderr and exit code 2.
func withUserErrors(_ body: () async throws -> Int32) async throws {
    let code: Int32
    do {
        code = try await body()
    } catch let e as PicketError {
        Terminal.error(e.description)
        code = PicketExit.error
    } catch let e as ExitCode {
        throw e
    } catch {
        Terminal.error("\(error)")
        code = PicketExit.error
    }
    if code != 0 { throw ExitCode(code) }
}
