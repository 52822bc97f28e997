/// A parsed TOML value (TOML 1.0). Tables keep key order and the line each key was defined on, so readers of
/// lockfiles and rule files can point at the line of a package or a rule.
public indirect enum TOMLValue: Sendable, Hashable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case bool(Bool)
    /// Offset or local date-time, date or time, kept as written.
    case datetime(String)
    case array([TOMLValue])
    case table(TOMLTable)

    public var string: String? { if case .string(let s) = self { return s } else { return nil } }
    public var integer: Int64? { if case .integer(let i) = self { return i } else { return nil } }
    public var double: Double? {
        switch self {
        case .float(let d): return d
        case .integer(let i): return Double(i)
        default: return nil
        }
    }
    public var bool: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var array: [TOMLValue]? { if case .array(let a) = self { return a } else { return nil } }
    public var table: TOMLTable? { if case .table(let t) = self { return t } else { return nil } }

    /// Strings of an array of strings; nil when the value is not such an array.
    public var strings: [String]? { array?.compactMap(\.string) }

    public var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .bool: "boolean"
        case .datetime: "date-time"
        case .array: "array"
        case .table: "table"
        }
    }
}

public struct TOMLTable: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: TOMLValue
        public var line: Int
    }

    public private(set) var entries: [Entry] = []
    private var index: [String: Int] = [:]
    /// Line of the table's header (`[name]`/`[[name]]`), or of its first key for the root and inline tables.
    public var line: Int

    public init(line: Int = 1) { self.line = line }

    public subscript(key: String) -> TOMLValue? {
        get { index[key].map { entries[$0].value } }
    }

    public func line(of key: String) -> Int? { index[key].map { entries[$0].line } }

    public var keys: [String] { entries.map(\.key) }

    mutating func set(_ key: String, _ value: TOMLValue, line: Int) {
        if let i = index[key] { entries[i].value = value } else {
            index[key] = entries.count
            entries.append(Entry(key: key, value: value, line: line))
        }
    }

    public func string(_ key: String) -> String? { self[key]?.string }
    public func table(_ key: String) -> TOMLTable? { self[key]?.table }
    /// An array of tables (`[[key]]`), empty when absent.
    public func tables(_ key: String) -> [TOMLTable] { self[key]?.array?.compactMap(\.table) ?? [] }
}
