import Foundation

/// Reads one object of the world file with errors that name the file and the field path.
struct SpecReader {
    let value: JSONValue
    let path: String
    let file: String

    func error(_ message: String, key: String? = nil) -> WorldError {
        WorldError(file: file, field: key.map { path.isEmpty ? $0 : "\(path).\($0)" } ?? path, message: message)
    }

    var pairs: [(String, JSONValue)] {
        if case .object(let p) = value { return p }
        return []
    }

    func requireObject() throws {
        guard case .object = value else { throw error("expected a mapping") }
    }

    /// Rejects unknown keys, so a typo in a fixture fails loudly instead of being ignored.
    func allowOnly(_ keys: [String]) throws {
        try requireObject()
        for (k, _) in pairs where !keys.contains(k) {
            throw error("unknown key (allowed: \(keys.joined(separator: ", ")))", key: k)
        }
    }

    func has(_ key: String) -> Bool {
        if let v = value[key], v != .null { return true }
        return false
    }

    func string(_ key: String) throws -> String {
        guard let s = try optString(key) else { throw error("is required", key: key) }
        return s
    }

    func optString(_ key: String) throws -> String? {
        switch value[key] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case .int(let i)?: return String(i)
        case .double(let d)?: return String(d)
        case .bool(let b)?: return String(b)
        default: throw error("expected a string", key: key)
        }
    }

    func optInt(_ key: String) throws -> Int? {
        switch value[key] {
        case nil, .null?: return nil
        case .int(let i)?: return i
        case .string(let s)?: if let i = Int(s) { return i }; throw error("expected an integer, got \"\(s)\"", key: key)
        default: throw error("expected an integer", key: key)
        }
    }

    func optDouble(_ key: String) throws -> Double? {
        switch value[key] {
        case nil, .null?: return nil
        case .int(let i)?: return Double(i)
        case .double(let d)?: return d
        default: throw error("expected a number", key: key)
        }
    }

    func optBool(_ key: String) throws -> Bool? {
        switch value[key] {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        case .string(let s)? where s == "true" || s == "false": return s == "true"
        default: throw error("expected true or false", key: key)
        }
    }

    func bool(_ key: String, default d: Bool) throws -> Bool { try optBool(key) ?? d }

    func stringArray(_ key: String) throws -> [String] {
        switch value[key] {
        case nil, .null?: return []
        case .array(let items)?:
            return try items.enumerated().map { i, v in
                guard case .string(let s) = v else { throw error("expected a string", key: "\(key)[\(i)]") }
                return s
            }
        default: throw error("expected a list of strings", key: key)
        }
    }

    func objects(_ key: String) throws -> [SpecReader] {
        switch value[key] {
        case nil, .null?: return []
        case .array(let items)?:
            let base = path.isEmpty ? key : "\(path).\(key)"
            return items.enumerated().map { SpecReader(value: $1, path: "\(base)[\($0)]", file: file) }
        default: throw error("expected a list", key: key)
        }
    }

    func object(_ key: String) throws -> SpecReader? {
        switch value[key] {
        case nil, .null?: return nil
        case .object?: return SpecReader(value: value[key] ?? .null, path: path.isEmpty ? key : "\(path).\(key)", file: file)
        default: throw error("expected a mapping", key: key)
        }
    }

    func date(_ key: String, default d: Date) throws -> Date {
        guard let s = try optString(key) else { return d }
        guard let parsed = SimClock.parse(s) else { throw error("expected an ISO 8601 date or date-time, got \"\(s)\"", key: key) }
        return parsed
    }

    func optDate(_ key: String) throws -> Date? {
        guard let s = try optString(key) else { return nil }
        guard let parsed = SimClock.parse(s) else { throw error("expected an ISO 8601 date or date-time, got \"\(s)\"", key: key) }
        return parsed
    }

    func accessLevel(_ key: String, default d: Int? = nil) throws -> Int {
        guard let level = try optInt(key) ?? d else { throw error("is required", key: key) }
        guard [5, 10, 15, 20, 30, 40, 50].contains(level) else {
            throw error("must be one of 5, 10, 15, 20, 30, 40, 50 (got \(level))", key: key)
        }
        return level
    }

    func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, default d: E) throws -> E where E.RawValue == String {
        guard let s = try optString(key) else { return d }
        guard let v = E(rawValue: s) else {
            throw error("must be one of \(E.allCases.map(\.rawValue).joined(separator: ", ")) (got \"\(s)\")", key: key)
        }
        return v
    }
}
