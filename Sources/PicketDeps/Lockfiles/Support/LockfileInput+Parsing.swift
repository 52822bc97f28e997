import Foundation
import PicketCore

extension LockfileInput {
    /// The file as JSON; syntax errors become `PicketError.input` with the line.
    func json(jsonc: Bool = false) throws -> JSONValue {
        do { return try JSONParser.parse(data, options: .init(jsonc: jsonc)) } catch let e as JSONParser.ParseError {
            throw error("invalid JSON: \(e.message) (column \(e.column))", line: e.line)
        }
    }

    /// The top-level JSON object; an empty file is an empty object (tools write those).
    func jsonObject(jsonc: Bool = false, emptyIsEmpty: Bool = true) throws -> JSONObject {
        if emptyIsEmpty && isBlank { return JSONObject(members: [], line: 1) }
        let v = try json(jsonc: jsonc)
        guard let o = v.object else { throw error("expected a JSON object at the top level, found \(v.typeName)") }
        return o
    }

    func yaml() throws -> JSONValue {
        do { return try YAMLReader.parse(data) } catch let e as YAMLReader.ParseError {
            throw error(e.message, line: e.line)
        }
    }

    func toml() throws -> TOMLTable {
        do { return try TOMLParser.parse(data) } catch let e as TOMLParser.ParseError {
            throw error("invalid TOML: \(e.message)", line: e.line)
        }
    }

    func textLines() throws -> [String] {
        do { return try TextLines.lines(data) } catch { throw self.error("\(error)") }
    }

    /// Only whitespace (or nothing).
    var isBlank: Bool { data.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 } }
}
