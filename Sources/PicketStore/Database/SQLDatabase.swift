/// Runs statements on one connection. Inside `SQLDatabase.write` every call belongs to one transaction.
public protocol SQLExecutor: Sendable {
    var dialect: SQLDialect { get }
    /// Runs a statement and returns its rows (`RETURNING` rows for writes).
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]
    /// Runs a statement whose rows, if any, are not needed.
    func execute(_ sql: String, _ binds: [SQLValue]) async throws
}

extension SQLExecutor {
    public func query(_ sql: String) async throws -> [SQLRow] { try await query(sql, []) }
    public func execute(_ sql: String) async throws { try await execute(sql, []) }

    public func queryFirst(_ sql: String, _ binds: [SQLValue] = []) async throws -> SQLRow? {
        try await query(sql, binds).first
    }

    /// `?, ?, ?` for an `IN (...)` list of `count` values.
    public func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: max(count, 1)).joined(separator: ", ")
    }
}

/// One database, SQLite or PostgreSQL, behind the same small surface: reads, and write transactions that commit
/// when the body returns and roll back when it throws. Errors come out as `StoreError`.
public protocol SQLDatabase: Sendable {
    var dialect: SQLDialect { get }
    /// Runs `body` on a connection without an explicit transaction (each statement commits by itself).
    func read<T: Sendable>(_ body: (any SQLExecutor) async throws -> T) async throws -> T
    /// Runs `body` in a write transaction: `BEGIN IMMEDIATE` on SQLite, `BEGIN` on PostgreSQL.
    func write<T: Sendable>(_ body: (any SQLExecutor) async throws -> T) async throws -> T
    /// Closes every connection; later calls fail with `StoreError.unavailable`.
    func close() async
}
