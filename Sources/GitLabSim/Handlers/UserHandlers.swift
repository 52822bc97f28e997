import Foundation

enum UserHandlers {
    static func routes() -> [Route] {
        [
            Route(.get, "version", scopes: .readUser) { call in
                .json(["version": .string(call.world.instance.version), "revision": .string(call.world.instance.revision)])
            },
            Route(.get, "metadata", scopes: .readUser) { call in
                .json(["version": .string(call.world.instance.version), "revision": .string(call.world.instance.revision),
                       "kas": ["enabled": false, "externalUrl": nil, "externalK8sProxyUrl": nil, "version": nil],
                       "enterprise": .bool(call.world.instance.enterprise)])
            },
            Route(.get, "user", scopes: .readUser) { call in
                guard let u = call.user else { throw APIFailure(.unauthorized) }
                return .json(Entities.userPublic(u, base: call.baseURL, includePrivate: true, admin: u.isAdmin))
            },
            Route(.get, "users/:user_id", scopes: .readUser, auth: .optional) { call in
                guard let id = Int(call.path("user_id")), let u = call.world.users[id] else { throw APIFailure(.notFound("User")) }
                let mine = call.userID == id || call.isAdmin
                return .json(Entities.userPublic(u, base: call.baseURL, includePrivate: mine, admin: call.isAdmin))
            },
            Route(.get, "users", scopes: .readUser, auth: .optional) { call in
                var users = call.world.users.values.sorted { $0.id < $1.id }
                if let name = call.params["username"] { users = users.filter { $0.username.lowercased() == name.lowercased() } }
                if let search = call.params["search"]?.lowercased(), !search.isEmpty {
                    users = users.filter { $0.username.lowercased().contains(search) || $0.name.lowercased().contains(search) }
                }
                return Pagination.offset(call, items: users) { Entities.userBasic($0, base: call.baseURL) }
            },
        ]
    }
}
