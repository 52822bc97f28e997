import Foundation

extension SQLStore {
    static let userColumns = "id, username, display_name, role, disabled, created_at, updated_at, last_login_at"

    static func decodeUser(_ r: SQLRow, prefix: String = "") throws -> User {
        User(id: try r.int(prefix + "id"), username: try r.text(prefix + "username"), displayName: try r.optionalText(prefix + "display_name"),
             role: try r.decode(UserRole.self, prefix + "role"), disabled: try r.bool(prefix + "disabled"),
             createdAt: try r.time(prefix + "created_at"), updatedAt: try r.time(prefix + "updated_at"),
             lastLoginAt: try r.optionalTime(prefix + "last_login_at"))
    }

    /// Usernames: 1–64 of letters, digits, `.`, `_`, `-`; unique regardless of case.
    static func validUsername(_ name: String) throws -> String {
        let n = name.trimmingCharacters(in: .whitespaces)
        let allowed = n.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "._-".unicodeScalars.contains($0) }
        guard (1...64).contains(n.count), allowed else {
            throw StoreError.invalidInput("a username has 1 to 64 characters: letters, digits, '.', '_' or '-'")
        }
        return n
    }

    public func createUser(username: String, password: String, role: UserRole, displayName: String?) async throws -> User {
        let name = try Self.validUsername(username)
        let hash = try await PasswordHasher.hash(password)
        let now = options.now()
        return try await database.write { ex in
            do {
                let rows = try await ex.query("""
                    INSERT INTO users (username, username_key, display_name, password_hash, role, disabled, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING \(Self.userColumns)
                    """, [.text(name), .text(name.lowercased()), .text(displayName), .text(hash), .text(role.rawValue),
                          .bool(false), .time(now), .time(now)])
                guard let r = rows.first else { throw StoreError.database("INSERT INTO users returned no row") }
                return try Self.decodeUser(r)
            } catch StoreError.conflict {
                throw StoreError.conflict("a user named '\(name)' already exists")
            }
        }
    }

    public func user(_ id: Int64) async throws -> User {
        try await database.read { ex in
            guard let r = try await ex.queryFirst("SELECT \(Self.userColumns) FROM users WHERE id = ?", [.int(id)]) else {
                throw StoreError.notFound("user \(id)")
            }
            return try Self.decodeUser(r)
        }
    }

    public func user(username: String) async throws -> User? {
        try await database.read { ex in
            try await ex.queryFirst("SELECT \(Self.userColumns) FROM users WHERE username_key = ?",
                                    [.text(username.trimmingCharacters(in: .whitespaces).lowercased())]).map { try Self.decodeUser($0) }
        }
    }

    public func users() async throws -> [User] {
        try await database.read { ex in
            try await ex.query("SELECT \(Self.userColumns) FROM users ORDER BY username_key").map { try Self.decodeUser($0) }
        }
    }

    public func authenticate(username: String, password: String) async throws -> User? {
        let key = username.trimmingCharacters(in: .whitespaces).lowercased()
        let row = try await database.read { ex in
            try await ex.queryFirst("SELECT \(Self.userColumns), password_hash FROM users WHERE username_key = ?", [.text(key)])
        }
        guard let row else {
            await PasswordHasher.burnEquivalentTime(password)
            return nil
        }
        let ok = await PasswordHasher.verify(password, against: try row.text("password_hash"))
        let user = try Self.decodeUser(row)
        guard ok, !user.disabled else { return nil }
        let now = options.now()
        try await database.write { ex in
            try await ex.execute("UPDATE users SET last_login_at = ? WHERE id = ?", [.time(now), .int(user.id)])
        }
        var u = user
        u.lastLoginAt = now
        return u
    }

    public func setPassword(userID: Int64, password: String) async throws {
        let hash = try await PasswordHasher.hash(password)
        let now = options.now()
        try await database.write { ex in
            let rows = try await ex.query("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ? RETURNING id",
                                          [.text(hash), .time(now), .int(userID)])
            guard !rows.isEmpty else { throw StoreError.notFound("user \(userID)") }
            // A new password ends every existing login.
            try await ex.execute("DELETE FROM sessions WHERE user_id = ?", [.int(userID)])
        }
    }

    public func updateUser(_ id: Int64, role: UserRole? = nil, disabled: Bool? = nil, displayName: String?? = nil) async throws -> User {
        let now = options.now()
        return try await database.write { ex in
            guard let r = try await ex.queryFirst("SELECT \(Self.userColumns) FROM users WHERE id = ?\(ex.dialect.forUpdate)", [.int(id)]) else {
                throw StoreError.notFound("user \(id)")
            }
            var u = try Self.decodeUser(r)
            if let role { u.role = role }
            if let disabled { u.disabled = disabled }
            if let displayName { u.displayName = displayName }
            if u.role != .admin || u.disabled {
                // Never lock everyone out: at least one enabled admin must remain.
                let others = try await ex.queryFirst("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled = ? AND id <> ?",
                                                     [.bool(false), .int(id)])
                let wasActiveAdmin = try r.decode(UserRole.self, "role") == .admin && !(try r.bool("disabled"))
                if wasActiveAdmin, try others?.int("n") ?? 0 == 0 {
                    throw StoreError.conflict("'\(u.username)' is the last enabled admin; make another user admin first")
                }
            }
            let rows = try await ex.query("""
                UPDATE users SET role = ?, disabled = ?, display_name = ?, updated_at = ? WHERE id = ? RETURNING \(Self.userColumns)
                """, [.text(u.role.rawValue), .bool(u.disabled), .text(u.displayName), .time(now), .int(id)])
            if u.disabled { try await ex.execute("DELETE FROM sessions WHERE user_id = ?", [.int(id)]) }
            guard let row = rows.first else { throw StoreError.notFound("user \(id)") }
            return try Self.decodeUser(row)
        }
    }

    public func deleteUser(_ id: Int64) async throws {
        try await database.write { ex in
            let rows = try await ex.query("DELETE FROM users WHERE id = ? RETURNING id", [.int(id)])
            guard !rows.isEmpty else { throw StoreError.notFound("user \(id)") }
        }
    }

    // MARK: sessions

    public func createSession(userID: Int64, lifetime: TimeInterval) async throws -> NewSession {
        guard lifetime > 0 else { throw StoreError.invalidInput("the session lifetime must be positive") }
        let id = SecretToken.random(bytes: 32)
        let now = options.now()
        let session = Session(userID: userID, createdAt: now, expiresAt: now.addingTimeInterval(lifetime), lastSeenAt: now)
        try await database.write { ex in
            guard try await ex.queryFirst("SELECT id FROM users WHERE id = ? AND disabled = ?", [.int(userID), .bool(false)]) != nil else {
                throw StoreError.notFound("enabled user \(userID)")
            }
            try await ex.execute("INSERT INTO sessions (id_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
                                 [.text(SecretToken.hash(id)), .int(userID), .time(now), .time(session.expiresAt), .time(now)])
        }
        return NewSession(sessionID: id, session: session)
    }

    public func session(id: String) async throws -> Authenticated<Session>? {
        guard (20...200).contains(id.count) else { return nil }
        let now = options.now()
        let row = try await database.read { ex in
            try await ex.queryFirst("""
                SELECT s.user_id, s.created_at AS s_created_at, s.expires_at, s.last_seen_at AS s_last_seen_at,
                    u.id AS u_id, u.username AS u_username, u.display_name AS u_display_name, u.role AS u_role, u.disabled AS u_disabled,
                    u.created_at AS u_created_at, u.updated_at AS u_updated_at, u.last_login_at AS u_last_login_at
                FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?
                """, [.text(SecretToken.hash(id))])
        }
        guard let row else { return nil }
        let user = try Self.decodeUser(row, prefix: "u_")
        var session = Session(userID: try row.int("user_id"), createdAt: try row.time("s_created_at"),
                              expiresAt: try row.time("expires_at"), lastSeenAt: try row.time("s_last_seen_at"))
        guard session.expiresAt > now, !user.disabled else { return nil }
        // Record activity at most once a minute: a page view should not always write.
        if now.timeIntervalSince(session.lastSeenAt) > 60 {
            try await database.write { ex in
                try await ex.execute("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", [.time(now), .text(SecretToken.hash(id))])
            }
            session.lastSeenAt = now
        }
        return Authenticated(user: user, credential: session)
    }

    public func deleteSession(id: String) async throws {
        try await database.write { ex in
            try await ex.execute("DELETE FROM sessions WHERE id_hash = ?", [.text(SecretToken.hash(id))])
        }
    }

    public func deleteExpiredSessions() async throws -> Int {
        let now = options.now()
        return try await database.write { ex in
            try await ex.query("DELETE FROM sessions WHERE expires_at <= ? RETURNING user_id", [.time(now)]).count
        }
    }

    // MARK: API tokens

    static let tokenColumns = "id, user_id, name, prefix, scopes, created_at, expires_at, last_used_at, revoked_at"

    static func decodeToken(_ r: SQLRow, prefix p: String = "") throws -> APIToken {
        APIToken(id: try r.int(p + "id"), userID: try r.int(p + "user_id"), name: try r.text(p + "name"), prefix: try r.text(p + "prefix"),
                 scopes: try r.text(p + "scopes").split(separator: " ").map(String.init), createdAt: try r.time(p + "created_at"),
                 expiresAt: try r.optionalTime(p + "expires_at"), lastUsedAt: try r.optionalTime(p + "last_used_at"),
                 revokedAt: try r.optionalTime(p + "revoked_at"))
    }

    public func createAPIToken(userID: Int64, name: String, scopes: [String], expiresAt: Date?) async throws -> NewAPIToken {
        let name = try Self.nonEmpty(name, "the token name", max: 100)
        for s in scopes where s.isEmpty || s.contains(where: { $0 == " " || $0.isNewline }) {
            throw StoreError.invalidInput("a token scope must be one word, got '\(s)'")
        }
        let token = SecretToken.newAPIToken()
        let now = options.now()
        return try await database.write { ex in
            guard try await ex.queryFirst("SELECT id FROM users WHERE id = ?", [.int(userID)]) != nil else {
                throw StoreError.notFound("user \(userID)")
            }
            let rows = try await ex.query("""
                INSERT INTO api_tokens (user_id, name, prefix, token_hash, scopes, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING \(Self.tokenColumns)
                """, [.int(userID), .text(name), .text(String(token.prefix(SecretToken.displayPrefixLength))),
                      .text(SecretToken.hash(token)), .text(scopes.joined(separator: " ")), .time(now), .time(expiresAt)])
            guard let r = rows.first else { throw StoreError.database("INSERT INTO api_tokens returned no row") }
            return NewAPIToken(token: token, record: try Self.decodeToken(r))
        }
    }

    public func authenticateAPIToken(_ token: String) async throws -> Authenticated<APIToken>? {
        guard token.hasPrefix(SecretToken.apiTokenPrefix), (20...200).contains(token.count) else { return nil }
        let hash = SecretToken.hash(token)
        let now = options.now()
        let row = try await database.read { ex in
            try await ex.queryFirst("""
                SELECT t.id AS t_id, t.user_id AS t_user_id, t.name AS t_name, t.prefix AS t_prefix, t.scopes AS t_scopes,
                    t.created_at AS t_created_at, t.expires_at AS t_expires_at, t.last_used_at AS t_last_used_at,
                    t.revoked_at AS t_revoked_at,
                    u.id AS u_id, u.username AS u_username, u.display_name AS u_display_name, u.role AS u_role, u.disabled AS u_disabled,
                    u.created_at AS u_created_at, u.updated_at AS u_updated_at, u.last_login_at AS u_last_login_at
                FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?
                """, [.text(hash)])
        }
        guard let row else { return nil }
        var record = try Self.decodeToken(row, prefix: "t_")
        let user = try Self.decodeUser(row, prefix: "u_")
        guard record.revokedAt == nil, record.expiresAt.map({ $0 > now }) ?? true, !user.disabled else { return nil }
        if record.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            try await database.write { ex in
                try await ex.execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", [.time(now), .int(record.id)])
            }
            record.lastUsedAt = now
        }
        return Authenticated(user: user, credential: record)
    }

    public func apiTokens(userID: Int64) async throws -> [APIToken] {
        try await database.read { ex in
            try await ex.query("SELECT \(Self.tokenColumns) FROM api_tokens WHERE user_id = ? ORDER BY id", [.int(userID)]).map { try Self.decodeToken($0) }
        }
    }

    public func revokeAPIToken(_ id: Int64) async throws {
        let now = options.now()
        try await database.write { ex in
            let rows = try await ex.query("UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? RETURNING id",
                                          [.time(now), .int(id)])
            guard !rows.isEmpty else { throw StoreError.notFound("API token \(id)") }
        }
    }
}
