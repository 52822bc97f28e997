import Crypto
import Synchronization
import Foundation
import Logging
import PicketCore
import PicketGitLab
import PicketScanners
import PicketStore

/// What every part of the platform shares: the store, the token vault, metrics, the logger, the job doorbell.
/// Built once by `PicketPlatform.open`; immutable afterwards.
public final class PlatformServices: Sendable {
    public let configuration: ServerConfiguration
    private let _publicURL: Mutex<PublicURL>
    /// Where browsers and GitLab reach the server. Set from `--public-url`, else from the bound address once the
    /// server listens (shared with `picket worker` processes through the settings table).
    public var publicURL: PublicURL { _publicURL.withLock { $0 } }
    static let publicURLSetting = "server.public_url"
    public let store: SQLStore
    public let vault: TokenVault
    public let metrics: Metrics
    public let logger: Logger
    public let doorbell: Doorbell
    /// Key for CSRF tokens, derived from the vault key (so every process behind one database agrees).
    let csrfKey: SymmetricKey
    let logSink: LogSink

    init(configuration: ServerConfiguration, publicURL: PublicURL, store: SQLStore, vault: TokenVault, metrics: Metrics,
         logger: Logger, logSink: LogSink) {
        self.configuration = configuration
        self._publicURL = Mutex(publicURL)
        self.store = store
        self.vault = vault
        self.metrics = metrics
        self.logger = logger
        self.logSink = logSink
        self.doorbell = Doorbell()
        self.csrfKey = vault.derivedKey(purpose: "csrf")
    }

    func setPublicURL(_ url: PublicURL) { _publicURL.withLock { $0 = url } }

    /// The scanners every scan runs: the same catalogue as `picket scan`.
    func scanners() -> [any PicketCore.Scanner] { ScannerCatalog.registry().scanners }

    func logger(_ label: String) -> Logger {
        var l = logger
        l[metadataKey: "component"] = .string(label)
        return l
    }
}

/// Wakes idle in-process workers when a job is queued, so a webhook's scan starts without waiting for the poll.
public final class Doorbell: Sendable {
    private struct State {
        var nextID = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }
    private let state = Mutex(State())

    public init() {}

    public func ring() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            let w = Array(s.waiters.values)
            s.waiters.removeAll()
            return w
        }
        for w in waiters { w.resume() }
    }

    /// Returns on the next ring, after `timeout`, or when the task is cancelled.
    public func wait(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: timeout) }
            group.addTask { await self.waitForRing() }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForRing() async {
        let id = state.withLock { s -> Int in
            s.nextID += 1
            return s.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if Task.isCancelled { return true }
                    s.waiters[id] = c
                    return false
                }
                if resumeNow { c.resume() }
            }
        } onCancel: {
            let c = state.withLock { $0.waiters.removeValue(forKey: id) }
            c?.resume()
        }
    }
}
