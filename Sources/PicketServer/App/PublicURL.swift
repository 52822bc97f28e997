/// The server's external address: what webhooks, MR notes and commit statuses link to.
public struct PublicURL: Sendable, Hashable {
    public let base: String

    public init(_ text: String) {
        var t = text
        while t.hasSuffix("/") { t.removeLast() }
        base = t
    }

    public var isHTTPS: Bool { base.lowercased().hasPrefix("https://") }

    public func link(_ path: String) -> String { base + (path.hasPrefix("/") ? path : "/" + path) }

    public var webhookURL: String { link("/webhooks/gitlab") }
}
