import Foundation

/// Where the store lives: a SQLite file (the default, in Picket's data directory) or a PostgreSQL server
/// (`--database-url postgres://user:password@host:5432/picket?sslmode=require`).
public enum DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public static let defaultFileName = "picket.db"

    /// Accepts `postgres://` / `postgresql://` URLs, `sqlite://PATH` / `sqlite:PATH`, or a bare file path.
    public static func parse(_ text: String) throws -> DatabaseLocation {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { throw StoreError.configuration("the database URL is empty") }
        let lower = t.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            _ = try PostgresURL(t)
            return .postgres(url: t)
        }
        if lower.hasPrefix("sqlite://") { return .sqlite(path: String(t.dropFirst("sqlite://".count))) }
        if lower.hasPrefix("sqlite:") { return .sqlite(path: String(t.dropFirst("sqlite:".count))) }
        if t.contains("://") {
            throw StoreError.configuration("unsupported database URL scheme in '\(t.prefix(while: { $0 != ":" }))://...'; use postgres://... or a SQLite file path")
        }
        return .sqlite(path: t)
    }

    /// The SQLite file in a data directory.
    public static func dataDirectory(_ path: String) -> DatabaseLocation {
        .sqlite(path: (path as NSString).appendingPathComponent(defaultFileName))
    }

    /// Printable form without credentials.
    public var description: String {
        switch self {
        case .sqlite(let p): return "sqlite:\(p)"
        case .postgres(let url): return (try? PostgresURL(url).redacted) ?? "postgres://(invalid URL)"
        }
    }
}

/// The parts of a PostgreSQL URL, in libpq's spelling.
struct PostgresURL: Sendable {
    enum SSLMode: String, Sendable { case disable, prefer, require, verifyFull = "verify-full" }
    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String
    var sslMode: SSLMode
    /// A folder holding the server's Unix socket (`?host=/run/postgresql`), instead of TCP.
    var socketDirectory: String?
    var connectTimeoutSeconds: Int?

    init(_ text: String) throws {
        guard let c = URLComponents(string: text) else {
            throw StoreError.configuration("cannot parse the PostgreSQL URL (expected postgres://user:password@host:port/database)")
        }
        host = c.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        port = c.port ?? 5432
        user = c.percentEncodedUser?.removingPercentEncoding ?? "postgres"
        password = c.percentEncodedPassword?.removingPercentEncoding
        let path = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        database = path.isEmpty ? user : path
        sslMode = .prefer
        for item in c.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                let v = item.value ?? ""
                if v == "allow" { sslMode = .prefer; continue }
                if v == "verify-ca" { sslMode = .verifyFull; continue }
                guard let m = SSLMode(rawValue: v) else {
                    throw StoreError.configuration("unsupported sslmode '\(v)' (use disable, prefer, require or verify-full)")
                }
                sslMode = m
            case "host": socketDirectory = item.value
            case "connect_timeout":
                guard let v = item.value.flatMap(Int.init), v > 0 else {
                    throw StoreError.configuration("connect_timeout must be a positive number of seconds")
                }
                connectTimeoutSeconds = v
            case "application_name", "options": continue
            default:
                throw StoreError.configuration("unsupported PostgreSQL URL parameter '\(item.name)'")
            }
        }
    }

    var redacted: String {
        let where_ = socketDirectory.map { "socket \($0)" } ?? "\(host):\(port)"
        return "postgres://\(user)@\(where_)/\(database)"
    }
}
