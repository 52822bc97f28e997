import Foundation

/// A value bound to or read from a statement, the same on both databases. Booleans are their own case because
/// PostgreSQL types them strictly; SQLite stores them as 0/1.
public enum SQLValue: Sendable, Hashable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case blob([UInt8])
    case bool(Bool)

    public static func int(_ v: Int) -> SQLValue { .int(Int64(v)) }
    public static func text(_ v: String?) -> SQLValue { v.map { .text($0) } ?? .null }
    public static func int(_ v: Int64?) -> SQLValue { v.map { .int($0) } ?? .null }
    public static func int(_ v: Int?) -> SQLValue { v.map { .int(Int64($0)) } ?? .null }
    public static func bool(_ v: Bool?) -> SQLValue { v.map { .bool($0) } ?? .null }
    public static func blob(_ v: [UInt8]?) -> SQLValue { v.map { .blob($0) } ?? .null }
    /// Times are stored as milliseconds since 1970 (UTC) in a BIGINT on both databases.
    public static func time(_ d: Date) -> SQLValue { .int(d.millisecondsSince1970) }
    public static func time(_ d: Date?) -> SQLValue { d.map { .time($0) } ?? .null }

    public var isNull: Bool { if case .null = self { return true } else { return false } }
}

extension Date {
    public var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }
    public init(millisecondsSince1970 ms: Int64) { self.init(timeIntervalSince1970: Double(ms) / 1000) }
}

/// One result row, read by column name. Reading a column with the wrong type is a typed error, never a crash.
public struct SQLRow: Sendable {
    public let columns: [String: Int]
    public let values: [SQLValue]

    public init(columns: [String: Int], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    public func value(_ name: String) throws -> SQLValue {
        guard let i = columns[name], i < values.count else { throw StoreError.database("result has no column '\(name)'") }
        return values[i]
    }

    public func optionalInt(_ name: String) throws -> Int64? {
        switch try value(name) {
        case .null: return nil
        case .int(let v): return v
        case .bool(let b): return b ? 1 : 0
        case .double(let d): return Int64(d)
        case .text(let t):
            guard let v = Int64(t) else { throw StoreError.database("column '\(name)' holds text, not an integer") }
            return v
        case .blob: throw StoreError.database("column '\(name)' holds a blob, not an integer")
        }
    }

    public func int(_ name: String) throws -> Int64 {
        guard let v = try optionalInt(name) else { throw StoreError.database("column '\(name)' is NULL") }
        return v
    }

    public func optionalText(_ name: String) throws -> String? {
        switch try value(name) {
        case .null: return nil
        case .text(let t): return t
        case .int(let v): return String(v)
        case .double(let d): return String(d)
        case .bool(let b): return b ? "true" : "false"
        case .blob(let b): return String(decoding: b, as: UTF8.self)
        }
    }

    public func text(_ name: String) throws -> String {
        guard let v = try optionalText(name) else { throw StoreError.database("column '\(name)' is NULL") }
        return v
    }

    public func bool(_ name: String) throws -> Bool {
        switch try value(name) {
        case .bool(let b): return b
        case .int(let v): return v != 0
        case .null: return false
        default: throw StoreError.database("column '\(name)' is not a boolean")
        }
    }

    public func optionalBlob(_ name: String) throws -> [UInt8]? {
        switch try value(name) {
        case .null: return nil
        case .blob(let b): return b
        case .text(let t): return Array(t.utf8)
        default: throw StoreError.database("column '\(name)' is not a blob")
        }
    }

    public func optionalDouble(_ name: String) throws -> Double? {
        switch try value(name) {
        case .null: return nil
        case .double(let d): return d
        case .int(let v): return Double(v)
        case .text(let t): return Double(t)
        default: throw StoreError.database("column '\(name)' is not a number")
        }
    }

    public func optionalTime(_ name: String) throws -> Date? {
        try optionalInt(name).map { Date(millisecondsSince1970: $0) }
    }

    public func time(_ name: String) throws -> Date { Date(millisecondsSince1970: try int(name)) }

    /// A column holding an enum's raw value; an unknown value names the column and the value.
    public func decode<E: RawRepresentable>(_ type: E.Type, _ name: String) throws -> E where E.RawValue == String {
        let raw = try text(name)
        guard let v = E(rawValue: raw) else { throw StoreError.database("column '\(name)' holds unknown value '\(raw)'") }
        return v
    }
}
