import Hummingbird
import NIOCore

/// Request context that keeps the peer address (rate limits per IP; `/-/sim/` only from loopback).
public struct SimRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    var remoteIP: String { remoteAddress?.ipAddress ?? "127.0.0.1" }

    var isLoopback: Bool {
        guard let ip = remoteAddress?.ipAddress else { return false }
        return ip.hasPrefix("127.") || ip == "::1" || ip == "::ffff:127.0.0.1"
    }
}
