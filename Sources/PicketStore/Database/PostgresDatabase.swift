import Foundation
import PostgresNIO
import Synchronization

/// PostgreSQL behind `SQLDatabase`, over postgres-nio connections kept in a small pool. A connection the server
/// dropped is discarded and the next call opens a new one, so the store recovers by itself after a restart.
public final class PostgresDatabase: SQLDatabase {
    public var dialect: SQLDialect { .postgres }
    public let redactedURL: String
    private let pool: ResourcePool<GuardedConnection>
    private let logger: Logger
    /// The longest one read or transaction may take before its connection is closed under it.
    private let callTimeout: Duration

    /// Prepares the pool and opens one connection, so a wrong URL, password or an unreachable server fails here.
    public init(url: String, maxConnections: Int = 10, callTimeout: Duration = .seconds(600)) async throws {
        self.callTimeout = callTimeout
        let parsed = try PostgresURL(url)
        redactedURL = parsed.redacted
        var configuration: PostgresConnection.Configuration
        if let dir = parsed.socketDirectory {
            configuration = .init(unixSocketPath: "\(dir)/.s.PGSQL.\(parsed.port)", username: parsed.user,
                                  password: parsed.password, database: parsed.database)
        } else {
            configuration = .init(host: parsed.host, port: parsed.port, username: parsed.user,
                                  password: parsed.password, database: parsed.database,
                                  tls: try Self.tls(parsed.sslMode))
        }
        configuration.options.connectTimeout = .seconds(Int64(parsed.connectTimeoutSeconds ?? 10))
        var logger = Logger(label: "picket.store.postgres")
        // Driver logs could carry statement parameters; errors reach callers as StoreError instead.
        logger.logLevel = .critical
        self.logger = logger
        let connectionLogger = logger
        let config = configuration
        let where_ = parsed.redacted
        pool = ResourcePool(maximum: maxConnections, create: {
            do {
                return GuardedConnection(try await PostgresConnection.connect(configuration: config, id: Int.random(in: 1...Int.max),
                                                                              logger: connectionLogger))
            } catch {
                throw Self.storeError(error, connecting: where_)
            }
        }, destroy: { conn in
            await conn.close()
        }, isUsable: { !$0.isClosed })
        let c = try await pool.checkout()
        await pool.checkin(c, broken: false)
    }

    private static func tls(_ mode: PostgresURL.SSLMode) throws -> PostgresConnection.Configuration.TLS {
        do {
            switch mode {
            case .disable: return .disable
            case .prefer, .require:
                // libpq semantics: encryption without certificate verification.
                var t = TLSConfiguration.makeClientConfiguration()
                t.certificateVerification = .none
                let ctx = try NIOSSLContext(configuration: t)
                return mode == .prefer ? .prefer(ctx) : .require(ctx)
            case .verifyFull:
                return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw StoreError.configuration("cannot set up TLS for PostgreSQL: \(error)")
        }
    }

    public func read<T: Sendable>(_ body: (any SQLExecutor) async throws -> T) async throws -> T {
        let conn = try await pool.checkout()
        let deadline = Deadline(conn, after: callTimeout)
        do {
            let r = try await body(PostgresExecutor(connection: conn, logger: logger))
            deadline.cancel()
            await pool.checkin(conn, broken: false)
            return r
        } catch {
            deadline.cancel()
            await pool.checkin(conn, broken: conn.isClosed)
            throw deadline.explain(error)
        }
    }

    public func write<T: Sendable>(_ body: (any SQLExecutor) async throws -> T) async throws -> T {
        let conn = try await pool.checkout()
        let deadline = Deadline(conn, after: callTimeout)
        let ex = PostgresExecutor(connection: conn, logger: logger)
        do {
            try await ex.execute("BEGIN")
        } catch {
            deadline.cancel()
            await pool.checkin(conn, broken: true)
            throw deadline.explain(error)
        }
        do {
            let r = try await body(ex)
            try await ex.execute("COMMIT")
            deadline.cancel()
            await pool.checkin(conn, broken: false)
            return r
        } catch {
            let rolledBack = (try? await ex.execute("ROLLBACK")) != nil
            deadline.cancel()
            await pool.checkin(conn, broken: !rolledBack || conn.isClosed)
            throw deadline.explain(error)
        }
    }

    /// Bounds one call (a read, or a transaction with its statements): past `callTimeout` the connection is
    /// closed, which fails whatever it was waiting for, and the call ends with `StoreError.unavailable`. Without
    /// it a reply lost after the server dropped connections (seen when PostgreSQL terminated backends) left a
    /// worker waiting forever, and with it the server's shutdown.
    private final class Deadline: Sendable {
        private final class Flag: Sendable {
            let value = Atomic<Bool>(false)
        }
        private let timer: Task<Void, Never>
        private let fired = Flag()
        private let limit: Duration

        init(_ conn: GuardedConnection, after limit: Duration) {
            self.limit = limit
            let fired = self.fired
            timer = Task {
                guard (try? await Task.sleep(for: limit)) != nil else { return }
                fired.value.store(true, ordering: .relaxed)
                await conn.close()
            }
        }

        func cancel() { timer.cancel() }

        func explain(_ error: any Error) -> any Error {
            guard fired.value.load(ordering: .relaxed) else { return error }
            return StoreError.unavailable("a database call took longer than \(limit) and was abandoned")
        }
    }

    public func close() async { await pool.close() }

    /// Maps driver errors to `StoreError`, keeping only the server's message (never its detail, which can quote
    /// row values) and the SQLSTATE.
    static func storeError(_ error: any Error, connecting: String? = nil) -> any Error {
        if error is StoreError { return error }
        let prefix = connecting.map { "cannot connect to \($0): " } ?? ""
        guard let e = error as? PSQLError else {
            return StoreError.unavailable("\(prefix)\(error)")
        }
        if e.code == .server, let info = e.serverInfo {
            let state = info[.sqlState] ?? ""
            let message = (info[.message] ?? "server error") + (state.isEmpty ? "" : " (SQLSTATE \(state))")
            switch state {
            case "23505", "23P01": return StoreError.conflict(message)
            case "23503", "23502", "23514": return StoreError.invalidInput(message)
            case "40001", "40P01": return StoreError.conflict("\(message); retry the request")
            case "28P01", "28000": return StoreError.configuration(prefix + message)
            case "3D000": return StoreError.configuration(prefix + message)
            default:
                if state.hasPrefix("08") || state.hasPrefix("57") || state.hasPrefix("53") || state == "55000" {
                    return StoreError.unavailable(prefix + message)
                }
                return StoreError.database(message)
            }
        }
        switch e.code {
        case .queryCancelled: return StoreError.unavailable(prefix + "the query was cancelled")
        case .tooManyParameters: return StoreError.database("too many parameters in one statement")
        default:
            // The underlying network error (e.g. "Connection refused") says what to fix; it carries no credentials.
            let cause = e.underlying.map { ": \($0)" } ?? ""
            return StoreError.unavailable(prefix + "connection failed (\(e.code))\(cause)")
        }
    }
}

struct PostgresExecutor: SQLExecutor {
    let connection: GuardedConnection
    let logger: Logger
    var dialect: SQLDialect { .postgres }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        var b = PostgresBindings(capacity: binds.count)
        for v in binds {
            switch v {
            case .null: b.appendNull()
            case .int(let i): b.append(i)
            case .double(let d): b.append(d)
            case .text(let t): b.append(t)
            case .blob(let bytes): b.append(ByteBuffer(bytes: bytes))
            case .bool(let x): b.append(x)
            }
        }
        let q = PostgresQuery(unsafeSQL: SQLDialect.numberedPlaceholders(sql), binds: b)
        let logger = self.logger
        do {
            return try await connection.run { conn in try await Self.rows(conn, q, logger) }
        } catch {
            throw PostgresDatabase.storeError(error)
        }
    }

    private static func rows(_ connection: PostgresConnection, _ q: PostgresQuery, _ logger: Logger) async throws -> [SQLRow] {
        do {
            var out: [SQLRow] = []
            var names: [String: Int]? = nil
            for try await row in try await connection.query(q, logger: logger) {
                if names == nil {
                    var m: [String: Int] = [:]
                    for cell in row { m[cell.columnName] = cell.columnIndex }
                    names = m
                }
                var values: [SQLValue] = []
                values.reserveCapacity(row.count)
                for cell in row { values.append(try Self.value(cell)) }
                out.append(SQLRow(columns: names ?? [:], values: values))
            }
            return out
        } catch {
            throw PostgresDatabase.storeError(error)
        }
    }

    func execute(_ sql: String, _ binds: [SQLValue]) async throws {
        _ = try await query(sql, binds)
    }

    private static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        do {
            switch cell.dataType {
            case .int2, .int4, .int8: return .int(try cell.decode(Int64.self))
            case .bool: return .bool(try cell.decode(Bool.self))
            case .float4, .float8: return .double(try cell.decode(Double.self))
            case .bytea:
                let buf = try cell.decode(ByteBuffer.self)
                return .blob(Array(buf.readableBytesView))
            case .numeric:
                let d = try cell.decode(Decimal.self)
                return .double(NSDecimalNumber(decimal: d).doubleValue)
            default: return .text(try cell.decode(String.self))
            }
        } catch {
            throw StoreError.database("cannot read column '\(cell.columnName)' of type \(cell.dataType)")
        }
    }
}
