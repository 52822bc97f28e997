import Dispatch
import Foundation
import PicketSQLite

/// SQLite behind `SQLDatabase`: a file in WAL mode, one writer connection (SQLite has one write lock anyway, so
/// writers queue here instead of spinning on SQLITE_BUSY) and a few read-only reader connections. Each
/// connection lives on its own serial dispatch queue, so blocking SQLite calls never run on Swift's cooperative
/// thread pool.
public final class SQLiteDatabase: SQLDatabase {
    public let path: String
    public var dialect: SQLDialect { .sqlite }
    private let writer: ResourcePool<SQLiteWorker>
    private let readers: ResourcePool<SQLiteWorker>

    /// Opens (creating when missing) the database file. `busyTimeoutMilliseconds` bounds how long a call waits
    /// for a lock held by another process before failing with `StoreError.unavailable`.
    public init(path: String, readerCount: Int = 4, busyTimeoutMilliseconds: Int32 = 30_000) async throws {
        self.path = path
        let timeout = busyTimeoutMilliseconds
        writer = ResourcePool(maximum: 1, create: {
            try await SQLiteWorker.open(path: path, readOnly: false, busyTimeoutMilliseconds: timeout)
        }, destroy: { $0.close() })
        readers = ResourcePool(maximum: readerCount, create: {
            try await SQLiteWorker.open(path: path, readOnly: true, busyTimeoutMilliseconds: timeout)
        }, destroy: { $0.close() })
        // Open the writer now so a bad path or a file that is not a database fails here, naming the file.
        let w = try await writer.checkout()
        await writer.checkin(w, broken: false)
    }

    public func read<T: Sendable>(_ body: (any SQLExecutor) async throws -> T) async throws -> T {
        let worker = try await readers.checkout()
        do {
            let r = try await body(SQLiteExecutor(worker: worker))
            await readers.checkin(worker, broken: false)
            return r
        } catch {
            await readers.checkin(worker, broken: worker.isBroken)
            throw error
        }
    }

    public func write<T: Sendable>(_ body: (any SQLExecutor) async throws -> T) async throws -> T {
        let worker = try await writer.checkout()
        let ex = SQLiteExecutor(worker: worker)
        do {
            try await ex.execute("BEGIN IMMEDIATE")
        } catch {
            await writer.checkin(worker, broken: worker.isBroken)
            throw error
        }
        do {
            let r = try await body(ex)
            try await ex.execute("COMMIT")
            await writer.checkin(worker, broken: false)
            return r
        } catch {
            let rolledBack = (try? await worker.run { w in try w.rollbackIfOpen() }) != nil
            await writer.checkin(worker, broken: !rolledBack || worker.isBroken)
            throw error
        }
    }

    public func close() async {
        await writer.close()
        await readers.close()
    }
}

struct SQLiteExecutor: SQLExecutor {
    let worker: SQLiteWorker
    var dialect: SQLDialect { .sqlite }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await worker.run { try $0.rows(sql, binds) }
    }

    func execute(_ sql: String, _ binds: [SQLValue]) async throws {
        try await worker.run { try $0.run(sql, binds) }
    }
}

/// One SQLite connection and the serial queue that owns it. Everything but `run` executes on that queue.
final class SQLiteWorker: @unchecked Sendable {
    private let queue: DispatchQueue
    private var connection: SQLiteConnection?
    private var cache: [String: SQLiteStatement] = [:]
    /// Set (on the queue) after an I/O-class error; the pool then reopens the connection. Read only between runs.
    private(set) var isBroken = false
    private static let cacheLimit = 96

    private init(queue: DispatchQueue) { self.queue = queue }

    static func open(path: String, readOnly: Bool, busyTimeoutMilliseconds: Int32) async throws -> SQLiteWorker {
        let w = SQLiteWorker(queue: DispatchQueue(label: "picket.sqlite.\(readOnly ? "reader" : "writer")"))
        try await w.run { w in
            let c = try SQLiteConnection(path: path, mode: .readWriteCreate, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            if !readOnly {
                // WAL lets readers work while a write is in progress; NORMAL sync is durable across app crashes.
                // Switching to WAL needs a moment of exclusive access; another process opening the same file
                // at the same time can hold it (SQLITE_BUSY without the busy handler), so retry briefly.
                var mode = try c.prepare("PRAGMA journal_mode").query { $0.text(0) ?? "" }.first ?? ""
                var tries = 0
                while mode.lowercased() != "wal" {
                    do {
                        mode = try c.prepare("PRAGMA journal_mode=WAL").query { $0.text(0) ?? "" }.first ?? ""
                    } catch let e as SQLiteConnection.Error where (e.code & 0xff) == SQLiteWorker.busy && tries < 50 {
                        tries += 1
                        Thread.sleep(forTimeInterval: 0.1)
                        continue
                    }
                    break
                }
                guard mode.lowercased() == "wal" else {
                    throw StoreError.unavailable("\(path) cannot use WAL journaling (got '\(mode)')")
                }
                try c.execute("PRAGMA synchronous=NORMAL")
            } else {
                try c.execute("PRAGMA query_only=1")
            }
            try c.execute("PRAGMA foreign_keys=ON")
            w.connection = c
        }
        return w
    }

    func run<T: Sendable>(_ f: @escaping @Sendable (SQLiteWorker) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
            queue.async {
                do {
                    c.resume(returning: try f(self))
                } catch {
                    if let e = error as? SQLiteConnection.Error, Self.fatalCodes.contains(e.code & 0xff) { self.isBroken = true }
                    c.resume(throwing: SQLiteWorker.storeError(error))
                }
            }
        }
    }

    func close() {
        queue.async {
            self.cache.removeAll()
            self.connection = nil
        }
    }

    // MARK: on the queue

    private func statement(_ sql: String) throws -> SQLiteStatement {
        if let s = cache[sql] { return s }
        guard let c = connection else { throw StoreError.unavailable("the SQLite connection is closed") }
        let s = try c.prepare(sql)
        if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[sql] = s
        return s
    }

    func rows(_ sql: String, _ binds: [SQLValue]) throws -> [SQLRow] {
        let s = try statement(sql)
        defer { s.reset() }
        s.reset()
        try s.bind(binds.map(Self.sqliteValue))
        var names: [String: Int]? = nil
        var out: [SQLRow] = []
        while try s.step() {
            let n = s.columnCount
            if names == nil {
                var m: [String: Int] = [:]
                for i in 0..<n { m[s.columnName(i)] = Int(i) }
                names = m
            }
            var values: [SQLValue] = []
            values.reserveCapacity(Int(n))
            for i in 0..<n { values.append(Self.value(s.value(i))) }
            out.append(SQLRow(columns: names ?? [:], values: values))
        }
        return out
    }

    func run(_ sql: String, _ binds: [SQLValue]) throws {
        if binds.isEmpty && !sql.contains("?") {
            guard let c = connection else { throw StoreError.unavailable("the SQLite connection is closed") }
            try c.execute(sql)
            return
        }
        _ = try rows(sql, binds)
    }

    func rollbackIfOpen() throws {
        guard let c = connection else { return }
        if !c.isAutocommit { try c.execute("ROLLBACK") }
    }

    private static func sqliteValue(_ v: SQLValue) -> SQLiteValue {
        switch v {
        case .null: return .null
        case .int(let i): return .integer(i)
        case .double(let d): return .real(d)
        case .text(let t): return .text(t)
        case .blob(let b): return .blob(b)
        case .bool(let b): return .integer(b ? 1 : 0)
        }
    }

    private static func value(_ v: SQLiteValue) -> SQLValue {
        switch v {
        case .null: return .null
        case .integer(let i): return .int(i)
        case .real(let d): return .double(d)
        case .text(let t): return .text(t)
        case .blob(let b): return .blob(b)
        }
    }

    // MARK: errors

    /// SQLite result codes (primary code = low byte).
    static let busy: Int32 = 5, locked: Int32 = 6, readonly: Int32 = 8, ioerr: Int32 = 10,
                        corrupt: Int32 = 11, full: Int32 = 13, cantopen: Int32 = 14, constraint: Int32 = 19,
                        notadb: Int32 = 26

    private static let fatalCodes: Set<Int32> = [ioerr, cantopen, notadb, corrupt]

    static func storeError(_ error: any Error) -> any Error {
        guard let e = error as? SQLiteConnection.Error else { return error }
        switch e.code & 0xff {
        case busy, locked:
            return StoreError.unavailable("the SQLite database is locked by another connection or process (\(e.message))")
        case constraint: return StoreError.conflict(e.message)
        case ioerr, cantopen, full, readonly, notadb, corrupt:
            return StoreError.unavailable("SQLite: \(e.message)")
        default: return StoreError.database("SQLite: \(e.message)")
        }
    }

}
