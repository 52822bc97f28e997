import Yams

/// A parsed YAML value that remembers where it came from, so every configuration error can name the file,
/// line and key. Scanners decode their own sections from it without depending on the YAML library.
public indirect enum ConfigValue: Sendable, Hashable {
    case scalar(String, line: Int)
    case sequence([ConfigValue], line: Int)
    case mapping([ConfigEntry], line: Int)
    case null(line: Int)

    public var line: Int {
        switch self {
        case .scalar(_, let l), .sequence(_, let l), .mapping(_, let l), .null(let l): l
        }
    }

    public var typeName: String {
        switch self {
        case .scalar: "a scalar"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .null: "empty"
        }
    }
}

public struct ConfigEntry: Sendable, Hashable {
    public var key: String
    public var value: ConfigValue
}

/// Reads a `ConfigValue` tree with typed accessors that throw `PicketError.config` naming file, line and key.
public struct ConfigReader: Sendable {
    public let file: String
    public let value: ConfigValue
    /// Dotted key path of `value` from the document root (`secrets.rules[3].pattern`).
    public let keyPath: String

    public init(file: String, value: ConfigValue, keyPath: String = "") {
        self.file = file
        self.value = value
        self.keyPath = keyPath
    }

    /// Parses YAML text; syntax errors name the file and line.
    public static func parse(yaml text: String, file: String) throws -> ConfigReader {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                return ConfigReader(file: file, value: .mapping([], line: 1))
            }
            return ConfigReader(file: file, value: try convert(node, file: file, depth: 0))
        } catch let e as PicketError {
            throw e
        } catch let e as YamlError {
            throw PicketError.config(file: file, line: yamlErrorLine(e), key: nil, message: "invalid YAML: \(yamlErrorSummary(e))")
        } catch {
            throw PicketError.config(file: file, line: nil, key: nil, message: "invalid YAML: \(error)")
        }
    }

    public func error(_ message: String) -> PicketError {
        .config(file: file, line: value.line, key: keyPath.isEmpty ? nil : keyPath, message: message)
    }

    // MARK: navigation

    public var isNull: Bool { if case .null = value { return true } else { return false } }

    public func mapping() throws -> [(key: String, reader: ConfigReader)] {
        switch value {
        case .mapping(let entries, _):
            return entries.map { ($0.key, child($0.key, $0.value)) }
        case .null:
            return []
        default:
            throw error("expected a mapping, found \(value.typeName)")
        }
    }

    public func sequence() throws -> [ConfigReader] {
        switch value {
        case .sequence(let items, _):
            return items.enumerated().map { ConfigReader(file: file, value: $0.element, keyPath: "\(keyPath)[\($0.offset)]") }
        case .null:
            return []
        case .scalar:
            // A single scalar where a list is expected is accepted as a list of one.
            return [self]
        default:
            throw error("expected a list, found \(value.typeName)")
        }
    }

    /// The value for `key` in a mapping, nil when absent.
    public func optional(_ key: String) throws -> ConfigReader? {
        try mapping().first { $0.key == key }?.reader
    }

    public func require(_ key: String) throws -> ConfigReader {
        guard let r = try optional(key) else {
            throw PicketError.config(file: file, line: value.line, key: keyPath.isEmpty ? key : "\(keyPath).\(key)",
                                     message: "missing required key")
        }
        return r
    }

    /// Fails on keys not in `allowed`, naming the first unknown key and its line: catches typos early.
    public func checkKeys(_ allowed: Set<String>) throws {
        for (key, reader) in try mapping() where !allowed.contains(key) {
            throw PicketError.config(file: file, line: reader.value.line, key: reader.keyPath,
                                     message: "unknown key; expected one of: \(allowed.sorted().joined(separator: ", "))")
        }
    }

    public func string() throws -> String {
        guard case .scalar(let s, _) = value else { throw error("expected a string, found \(value.typeName)") }
        return s
    }

    public func strings() throws -> [String] { try sequence().map { try $0.string() } }

    public func bool() throws -> Bool {
        switch try string().lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false")
        }
    }

    public func int() throws -> Int {
        guard let v = Int(try string()) else { throw error("expected an integer") }
        return v
    }

    public func double() throws -> Double {
        guard let v = Double(try string()) else { throw error("expected a number") }
        return v
    }

    public func severity() throws -> Severity {
        let s = try string()
        guard let v = Severity(parsing: s) else {
            throw error("unknown severity '\(s)'; expected one of: \(Severity.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return v
    }

    /// A byte size: `1048576`, `512KB`, `10MB`, `1GiB`.
    public func byteSize() throws -> Int {
        let s = try string()
        guard let v = ByteSize.parse(s) else { throw error("expected a size such as 10MB, found '\(s)'") }
        return v
    }

    private func child(_ key: String, _ v: ConfigValue) -> ConfigReader {
        ConfigReader(file: file, value: v, keyPath: keyPath.isEmpty ? key : "\(keyPath).\(key)")
    }

    // MARK: conversion from Yams

    /// Bounds nesting and alias expansion, so a YAML bomb is an error instead of an out-of-memory kill.
    static let maxDepth = 64
    static let maxNodes = 200_000

    private static func convert(_ node: Node, file: String, depth: Int) throws -> ConfigValue {
        var budget = maxNodes
        return try convert(node, file: file, depth: depth, budget: &budget)
    }

    private static func convert(_ node: Node, file: String, depth: Int, budget: inout Int) throws -> ConfigValue {
        let line = node.mark?.line ?? 1
        budget -= 1
        if budget < 0 {
            throw PicketError.config(file: file, line: line, key: nil, message: "document too large (more than \(maxNodes) values, or an alias bomb)")
        }
        if depth > maxDepth {
            throw PicketError.config(file: file, line: line, key: nil, message: "nesting deeper than \(maxDepth) levels")
        }
        switch node {
        case .scalar(let s):
            if s.style == .plain && (s.string == "~" || s.string == "null" || s.string.isEmpty) { return .null(line: line) }
            return .scalar(s.string, line: line)
        case .sequence(let seq):
            var items: [ConfigValue] = []
            for n in seq { items.append(try convert(n, file: file, depth: depth + 1, budget: &budget)) }
            return .sequence(items, line: line)
        case .mapping(let map):
            var entries: [ConfigEntry] = []
            var seen = Set<String>()
            for (k, v) in map {
                guard case .scalar(let ks) = k else {
                    throw PicketError.config(file: file, line: k.mark?.line ?? 1, key: nil, message: "mapping keys must be strings")
                }
                if !seen.insert(ks.string).inserted {
                    throw PicketError.config(file: file, line: k.mark?.line ?? 1, key: ks.string, message: "duplicate key")
                }
                entries.append(ConfigEntry(key: ks.string, value: try convert(v, file: file, depth: depth + 1, budget: &budget)))
            }
            return .mapping(entries, line: line)
        case .alias:
            throw PicketError.config(file: file, line: line, key: nil, message: "YAML aliases are not supported in configuration")
        }
    }

    private static func yamlErrorLine(_ e: YamlError) -> Int? {
        switch e {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        default:
            return nil
        }
    }

    private static func yamlErrorSummary(_ e: YamlError) -> String {
        switch e {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicate key \(duplicates.joined(separator: ", "))"
        default:
            return "\(e)"
        }
    }
}

public enum ByteSize {
    /// Parses `123`, `10KB`, `10 MB`, `2GiB` (KB and KiB both mean 1024 here, as users of such settings expect).
    public static func parse(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [(String, Int)] = [("GIB", 1 << 30), ("GB", 1 << 30), ("G", 1 << 30), ("MIB", 1 << 20), ("MB", 1 << 20),
                                      ("M", 1 << 20), ("KIB", 1 << 10), ("KB", 1 << 10), ("K", 1 << 10), ("B", 1)]
        for (suffix, mult) in units where t.hasSuffix(suffix) {
            let num = t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            guard let v = Double(num), v >= 0 else { return nil }
            return Int(v * Double(mult))
        }
        return Int(t).flatMap { $0 >= 0 ? $0 : nil }
    }
}

import Foundation
