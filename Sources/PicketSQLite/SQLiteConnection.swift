import CSQLite3
import Foundation

/// A thin, safe wrapper over the system SQLite library: one connection, prepared statements, typed binding
/// and reading, transactions. Not thread-safe: use one connection per thread or serialise access.
public final class SQLiteConnection {
    public struct Error: Swift.Error, Sendable, CustomStringConvertible {
        public var code: Int32
        public var message: String
        public var description: String { message }
    }

    let db: OpaquePointer
    public let path: String

    public enum Mode: Sendable { case readOnly, readWrite, readWriteCreate }

    public init(path: String, mode: Mode = .readWriteCreate, busyTimeoutMilliseconds: Int32 = 5_000) throws {
        var handle: OpaquePointer?
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let msg = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "error \(rc)"
            if let handle { sqlite3_close_v2(handle) }
            throw Error(code: rc, message: "cannot open SQLite database \(path): \(msg)")
        }
        db = handle
        self.path = path
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { sqlite3_close_v2(db) }

    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    /// Runs one or more statements without results.
    public func execute(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let msg = err.map { String(cString: $0) } ?? lastMessage
            sqlite3_free(err)
            throw Error(code: rc, message: msg)
        }
    }

    public func prepare(_ sql: String) throws -> SQLiteStatement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw Error(code: rc, message: "\(lastMessage) in: \(sql.prefix(200))") }
        return SQLiteStatement(stmt, connection: self)
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(immediate: Bool = true, _ body: () throws -> T) throws -> T {
        try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN")
        do {
            let r = try body()
            try execute("COMMIT")
            return r
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// True when no transaction is open (autocommit mode); after a failed COMMIT SQLite may have rolled back.
    public var isAutocommit: Bool { sqlite3_get_autocommit(db) != 0 }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(db) }
    public var changes: Int { Int(sqlite3_changes(db)) }

    var lastMessage: String { String(cString: sqlite3_errmsg(db)) }
}

/// A prepared statement. Bind with 1-based indexes, step, read columns with 0-based indexes.
public final class SQLiteStatement {
    let stmt: OpaquePointer
    let connection: SQLiteConnection

    init(_ stmt: OpaquePointer, connection: SQLiteConnection) {
        self.stmt = stmt
        self.connection = connection
    }

    deinit { sqlite3_finalize(stmt) }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    @discardableResult
    public func reset() -> SQLiteStatement {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
        return self
    }

    public func bind(_ index: Int32, _ value: SQLiteValue) throws {
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(stmt, index)
        case .integer(let v): rc = sqlite3_bind_int64(stmt, index, v)
        case .real(let v): rc = sqlite3_bind_double(stmt, index, v)
        case .text(let v): rc = sqlite3_bind_text(stmt, index, v, -1, Self.transient)
        case .blob(let v):
            rc = v.withUnsafeBytes { sqlite3_bind_blob(stmt, index, $0.baseAddress, Int32($0.count), Self.transient) }
        }
        guard rc == SQLITE_OK else { throw SQLiteConnection.Error(code: rc, message: connection.lastMessage) }
    }

    /// Binds values to parameters 1...n.
    @discardableResult
    public func bind(_ values: [SQLiteValue]) throws -> SQLiteStatement {
        for (i, v) in values.enumerated() { try bind(Int32(i + 1), v) }
        return self
    }

    /// Advances; true while a row is available.
    public func step() throws -> Bool {
        let rc = sqlite3_step(stmt)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw SQLiteConnection.Error(code: rc, message: connection.lastMessage)
    }

    /// Runs a statement that returns no rows.
    public func run(_ values: [SQLiteValue] = []) throws {
        reset()
        try bind(values)
        while try step() {}
    }

    /// Runs a query and maps every row.
    public func query<T>(_ values: [SQLiteValue] = [], _ row: (SQLiteStatement) throws -> T) throws -> [T] {
        reset()
        try bind(values)
        var out: [T] = []
        while try step() { out.append(try row(self)) }
        return out
    }

    public var columnCount: Int32 { sqlite3_column_count(stmt) }
    public func columnName(_ i: Int32) -> String {
        guard let p = sqlite3_column_name(stmt, i) else { return "" }
        return String(cString: p)
    }
    /// The column's value as stored (SQLite is dynamically typed: the type is per value, not per column).
    public func value(_ i: Int32) -> SQLiteValue {
        switch sqlite3_column_type(stmt, i) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(int(i))
        case SQLITE_FLOAT: return .real(double(i))
        case SQLITE_BLOB: return .blob(blob(i))
        default: return .text(text(i) ?? "")
        }
    }
    public func isNull(_ i: Int32) -> Bool { sqlite3_column_type(stmt, i) == SQLITE_NULL }
    public func int(_ i: Int32) -> Int64 { sqlite3_column_int64(stmt, i) }
    public func double(_ i: Int32) -> Double { sqlite3_column_double(stmt, i) }
    public func text(_ i: Int32) -> String? {
        guard let p = sqlite3_column_text(stmt, i) else { return nil }
        return String(cString: p)
    }
    public func blob(_ i: Int32) -> [UInt8] {
        let n = Int(sqlite3_column_bytes(stmt, i))
        guard n > 0, let p = sqlite3_column_blob(stmt, i) else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }
}

public enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

extension SQLiteValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(nilLiteral: ()) { self = .null }
    public static func text(_ v: String?) -> SQLiteValue { v.map { .text($0) } ?? .null }
    public static func int(_ v: Int?) -> SQLiteValue { v.map { .integer(Int64($0)) } ?? .null }
}
