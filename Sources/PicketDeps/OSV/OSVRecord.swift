import Foundation

/// One OSV advisory (https://ossf.github.io/osv-schema/), decoded leniently: optional fields may be missing,
/// unknown fields are ignored, but what the matcher relies on (an `id`; events with exactly one of
/// introduced/fixed/last_affected/limit; arrays where arrays belong) is checked and named when wrong.
public struct OSVRecord: Sendable, Codable {
    public var schemaVersion: String?
    public var id: String
    public var modified: String?
    public var published: String?
    public var withdrawn: String?
    public var aliases: [String]
    public var related: [String]
    public var upstream: [String]
    public var summary: String?
    public var details: String?
    public var severity: [OSVSeverity]
    public var affected: [OSVAffected]
    public var references: [OSVReference]
    public var databaseSpecific: OSVValue?

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", id, modified, published, withdrawn, aliases, related, upstream
        case summary, details, severity, affected, references
        case databaseSpecific = "database_specific"
    }

    public init(id: String, modified: String? = nil, withdrawn: String? = nil, aliases: [String] = [],
                summary: String? = nil, details: String? = nil, severity: [OSVSeverity] = [],
                affected: [OSVAffected] = [], references: [OSVReference] = [], databaseSpecific: OSVValue? = nil) {
        self.id = id
        self.modified = modified
        self.withdrawn = withdrawn
        self.aliases = aliases
        related = []
        upstream = []
        self.summary = summary
        self.details = details
        self.severity = severity
        self.affected = affected
        self.references = references
        self.databaseSpecific = databaseSpecific
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        guard !id.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .id, in: c, debugDescription: "empty id")
        }
        schemaVersion = try c.decodeIfPresent(String.self, forKey: .schemaVersion)
        modified = try c.decodeIfPresent(String.self, forKey: .modified)
        published = try c.decodeIfPresent(String.self, forKey: .published)
        withdrawn = try c.decodeIfPresent(String.self, forKey: .withdrawn)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        related = try c.decodeIfPresent([String].self, forKey: .related) ?? []
        upstream = try c.decodeIfPresent([String].self, forKey: .upstream) ?? []
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        details = try c.decodeIfPresent(String.self, forKey: .details)
        severity = try c.decodeIfPresent([OSVSeverity].self, forKey: .severity) ?? []
        affected = try c.decodeIfPresent([OSVAffected].self, forKey: .affected) ?? []
        references = try c.decodeIfPresent([OSVReference].self, forKey: .references) ?? []
        databaseSpecific = try c.decodeIfPresent(OSVValue.self, forKey: .databaseSpecific)
    }

    public var isWithdrawn: Bool { withdrawn.map { !$0.isEmpty } ?? false }
}

public struct OSVSeverity: Sendable, Codable, Hashable {
    /// `CVSS_V2`, `CVSS_V3`, `CVSS_V4`, `Ubuntu`...
    public var type: String
    public var score: String
    public init(type: String, score: String) {
        self.type = type
        self.score = score
    }
}

public struct OSVReference: Sendable, Codable, Hashable {
    public var type: String?
    public var url: String
    public init(type: String?, url: String) {
        self.type = type
        self.url = url
    }
}

public struct OSVPackage: Sendable, Codable, Hashable {
    public var ecosystem: String
    public var name: String
    public var purl: String?
    public init(ecosystem: String, name: String, purl: String? = nil) {
        self.ecosystem = ecosystem
        self.name = name
        self.purl = purl
    }
}

public struct OSVAffected: Sendable, Codable {
    public var package: OSVPackage?
    public var severity: [OSVSeverity]
    public var ranges: [OSVRange]
    public var versions: [String]
    public var ecosystemSpecific: OSVValue?
    public var databaseSpecific: OSVValue?

    enum CodingKeys: String, CodingKey {
        case package, severity, ranges, versions
        case ecosystemSpecific = "ecosystem_specific"
        case databaseSpecific = "database_specific"
    }

    public init(package: OSVPackage?, ranges: [OSVRange] = [], versions: [String] = [], severity: [OSVSeverity] = [],
                ecosystemSpecific: OSVValue? = nil, databaseSpecific: OSVValue? = nil) {
        self.package = package
        self.ranges = ranges
        self.versions = versions
        self.severity = severity
        self.ecosystemSpecific = ecosystemSpecific
        self.databaseSpecific = databaseSpecific
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        package = try c.decodeIfPresent(OSVPackage.self, forKey: .package)
        severity = try c.decodeIfPresent([OSVSeverity].self, forKey: .severity) ?? []
        ranges = try c.decodeIfPresent([OSVRange].self, forKey: .ranges) ?? []
        versions = try c.decodeIfPresent([String].self, forKey: .versions) ?? []
        ecosystemSpecific = try c.decodeIfPresent(OSVValue.self, forKey: .ecosystemSpecific)
        databaseSpecific = try c.decodeIfPresent(OSVValue.self, forKey: .databaseSpecific)
    }
}

public struct OSVRange: Sendable, Codable {
    /// `SEMVER`, `ECOSYSTEM` or `GIT`.
    public var type: String
    public var repo: String?
    public var events: [OSVEvent]
    public var databaseSpecific: OSVValue?

    enum CodingKeys: String, CodingKey {
        case type, repo, events
        case databaseSpecific = "database_specific"
    }

    public init(type: String, repo: String? = nil, events: [OSVEvent]) {
        self.type = type
        self.repo = repo
        self.events = events
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decode(String.self, forKey: .type)
        repo = try c.decodeIfPresent(String.self, forKey: .repo)
        events = try c.decodeIfPresent([OSVEvent].self, forKey: .events) ?? []
        databaseSpecific = try c.decodeIfPresent(OSVValue.self, forKey: .databaseSpecific)
    }
}

/// One range event; the schema allows exactly one key per event object.
public enum OSVEvent: Sendable, Codable, Hashable {
    case introduced(String)
    case fixed(String)
    case lastAffected(String)
    case limit(String)

    enum CodingKeys: String, CodingKey {
        case introduced, fixed
        case lastAffected = "last_affected"
        case limit
    }

    public var version: String {
        switch self {
        case .introduced(let v), .fixed(let v), .lastAffected(let v), .limit(let v): v
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let present = CodingKeys.allKeys.filter { c.contains($0) }
        guard present.count == 1, let key = present.first else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: c.codingPath,
                debugDescription: "an event needs exactly one of introduced, fixed, last_affected, limit (found \(present.count))"))
        }
        let v = try c.decode(String.self, forKey: key)
        switch key {
        case .introduced: self = .introduced(v)
        case .fixed: self = .fixed(v)
        case .lastAffected: self = .lastAffected(v)
        case .limit: self = .limit(v)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .introduced(let v): try c.encode(v, forKey: .introduced)
        case .fixed(let v): try c.encode(v, forKey: .fixed)
        case .lastAffected(let v): try c.encode(v, forKey: .lastAffected)
        case .limit(let v): try c.encode(v, forKey: .limit)
        }
    }
}

extension OSVEvent.CodingKeys {
    static let allKeys: [OSVEvent.CodingKeys] = [.introduced, .fixed, .lastAffected, .limit]
}

/// Free-form JSON (`database_specific`, `ecosystem_specific`).
public indirect enum OSVValue: Sendable, Codable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([OSVValue])
    case object([String: OSVValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([OSVValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: OSVValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): try c.encode(n)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    public subscript(key: String) -> OSVValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}

extension OSVRecord {
    /// Decodes one record; the error names the JSON path of the problem.
    public static func decode(_ data: Data) throws(OSVDecodingError) -> OSVRecord {
        do {
            return try JSONDecoder().decode(OSVRecord.self, from: data)
        } catch let e as DecodingError {
            throw OSVDecodingError(e)
        } catch {
            throw OSVDecodingError(message: "\(error)")
        }
    }
}

/// Why a JSON document is not a usable OSV record, with the path of the offending field.
public struct OSVDecodingError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(message: String) { self.message = message }

    init(_ e: DecodingError) {
        func path(_ keys: [any CodingKey]) -> String {
            var s = ""
            for k in keys {
                if let i = k.intValue { s += "[\(i)]" } else { s += (s.isEmpty ? "" : ".") + k.stringValue }
            }
            return s.isEmpty ? "top level" : "'\(s)'"
        }
        switch e {
        case let .typeMismatch(type, ctx):
            message = "\(path(ctx.codingPath)): expected \(Self.typeName(type))"
        case let .valueNotFound(type, ctx):
            message = "\(path(ctx.codingPath)): expected \(Self.typeName(type)), found null"
        case let .keyNotFound(key, ctx):
            message = "\(path(ctx.codingPath + [key])): required field missing"
        case let .dataCorrupted(ctx):
            let underlying = (ctx.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            message = ctx.codingPath.isEmpty ? "not valid JSON\(underlying.map { " (\($0))" } ?? "")"
                                             : "\(path(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default:
            message = "\(e)"
        }
    }

    static func typeName(_ t: Any.Type) -> String {
        switch t {
        case is String.Type: "a string"
        case is [Any].Type: "an array"
        case is [String: Any].Type: "an object"
        default: "\(t)".contains("Array") ? "an array" : (("\(t)".contains("Dictionary") || "\(t)".contains("Keyed")) ? "an object" : "\(t)")
        }
    }

    public var description: String { message }
}
