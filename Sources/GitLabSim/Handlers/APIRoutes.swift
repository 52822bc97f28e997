/// The route table: one registry per API area.
enum APIRoutes {
    static func all() -> [Route] {
        UserHandlers.routes() + TokenHandlers.routes() + GroupHandlers.routes() + ProjectHandlers.routes()
            + RepositoryHandlers.routes() + StatusHandlers.routes() + MergeRequestHandlers.routes() + HookHandlers.routes()
    }
}
