/// A parsed JSON value that keeps member order and the line of every object key, so lockfile readers can
/// point at the line of a package. Numbers stay as their source text (lockfiles only ever need them as text
/// or small integers).
public indirect enum JSONValue: Sendable, Hashable {
    case object(JSONObject)
    case array([JSONValue], line: Int)
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    public var object: JSONObject? { if case .object(let o) = self { return o } else { return nil } }
    public var array: [JSONValue]? { if case .array(let a, _) = self { return a } else { return nil } }
    public var string: String? { if case .string(let s) = self { return s } else { return nil } }
    public var bool: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var isNull: Bool { if case .null = self { return true } else { return false } }
    /// An integer number, or a string holding one (some lockfiles quote their version numbers).
    public var int: Int? {
        switch self {
        case .number(let n): return Int(n) ?? Double(n).flatMap { $0 == $0.rounded() && abs($0) < 1e15 ? Int($0) : nil }
        case .string(let s): return Int(s)
        default: return nil
        }
    }
    /// The strings of an array (non-strings skipped); nil when not an array.
    public var strings: [String]? { array?.compactMap(\.string) }

    public var typeName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }

    public subscript(key: String) -> JSONValue? { object?[key] }
}

/// A JSON object: members in source order with the 1-based line of each key.
public struct JSONObject: Sendable, Hashable {
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONValue
        public var line: Int
    }

    public private(set) var members: [Member]
    /// Line of the opening brace.
    public var line: Int
    /// Key → member position; built only for objects big enough that a linear search would hurt.
    private var index: [String: Int]?
    /// True when a key occurs twice (the last occurrence wins on lookup).
    public private(set) var hasDuplicateKeys = false

    static let indexThreshold = 12

    init(members: [Member], line: Int) {
        self.members = members
        self.line = line
        if members.count > Self.indexThreshold {
            var idx = [String: Int](minimumCapacity: members.count)
            // The last duplicate wins, as in JavaScript.
            for (i, m) in members.enumerated() { idx[m.key] = i }
            hasDuplicateKeys = idx.count != members.count
            index = idx
        } else if members.count > 1 {
            outer: for i in 1..<members.count {
                for j in 0..<i where members[j].key == members[i].key { hasDuplicateKeys = true; break outer }
            }
        }
    }

    public var count: Int { members.count }
    public var keys: [String] { members.map(\.key) }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.lastIndex { $0.key == key }
    }

    public subscript(key: String) -> JSONValue? { position(of: key).map { members[$0].value } }
    public func line(of key: String) -> Int? { position(of: key).map { members[$0].line } }
    public func string(_ key: String) -> String? { self[key]?.string }
    public func object(_ key: String) -> JSONObject? { self[key]?.object }
    public func bool(_ key: String) -> Bool? { self[key]?.bool }
}
