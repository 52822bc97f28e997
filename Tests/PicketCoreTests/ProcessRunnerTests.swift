import Foundation
import Testing
@testable import PicketCore

@Suite struct ProcessRunnerTests {
    @Test func capturesBothStreamsWithoutDeadlock() async throws {
        // 1 MB on each stream: more than a pipe holds, so both must be drained at once.
        let r = try await ProcessRunner("/bin/sh", ["-c", "head -c 1048576 /dev/zero; head -c 1048576 /dev/zero >&2; exit 3"]).run()
        #expect(r.status == 3)
        #expect(r.stdout.count == 1 << 20)
        #expect(r.stderr.count == 1 << 20)
    }

    @Test func timeoutKillsTheChildAndItsGroup() async throws {
        // The shell starts a grandchild in the same process group; both must die, not sleep out their 30 s.
        let r = try await ProcessRunner("/bin/sh", ["-c", "sleep 30 & sleep 30; echo survived"], timeout: .milliseconds(300)).run()
        #expect(r.timedOut)
        #expect(r.status == 128 + SIGKILL, "killed, not exited on its own")
        #expect(!r.stdoutText.contains("survived"))
    }

    @Test func missingExecutableIsAClearError() async {
        await #expect { _ = try await ProcessRunner("picket-no-such-tool", []).run() } throws: { e in
            "\(e)" == "picket-no-such-tool was not found on PATH"
        }
    }

    @Test func stdinIsDelivered() async throws {
        let r = try await ProcessRunner("/bin/cat", [], stdin: Data("hello".utf8)).run()
        #expect(r.stdoutText == "hello")
    }
}
