import Foundation
import Hummingbird

/// The services every handler can reach: state, repositories, webhook delivery and the route table.
public final class SimulatorCore: Sendable {
    public let store: SimStore
    public let repositories: RepositoryStore
    let webhooks: WebhookDispatcher
    let authenticator: Authenticator
    let stateDirectory: String
    let routes: [Route]

    init(world: World, stateDirectory: String) throws {
        store = SimStore(world: world)
        repositories = try RepositoryStore(stateDirectory: stateDirectory)
        webhooks = WebhookDispatcher()
        authenticator = Authenticator(store: store)
        self.stateDirectory = stateDirectory
        routes = APIRoutes.all()
    }

    func routeMatch(method: HTTPRequest.Method, segments: [Substring]) -> (Route, [String: String])? {
        for r in routes where r.method == method {
            if let p = r.match(segments) { return (r, p) }
        }
        return nil
    }

    func shutdown() async {
        await webhooks.shutdown()
    }
}
