import Foundation

/// Request parameters merged the way Grape sees them: path params, then query string, then body
/// (JSON objects flattened to `a[b]` keys, arrays to repeated `a[]` entries; or form-encoded pairs).
public struct Params: Sendable {
    var pairs: [(String, String)] = []

    init() {}

    init(query: String?) {
        guard let query, !query.isEmpty else { return }
        pairs = Params.parseForm(query)
    }

    static func parseForm(_ s: String) -> [(String, String)] {
        s.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let k = percentDecode(String(kv[0]), plusAsSpace: true)
            let v = kv.count > 1 ? percentDecode(String(kv[1]), plusAsSpace: true) : ""
            return (k, v)
        }
    }

    mutating func add(_ other: Params) { pairs.append(contentsOf: other.pairs) }
    mutating func set(_ key: String, _ value: String) { pairs.removeAll { $0.0 == key }; pairs.append((key, value)) }

    /// Flattens a JSON body into form-style keys.
    mutating func addJSON(_ value: JSONValue, prefix: String = "") {
        switch value {
        case .object(let obj):
            for (k, v) in obj { addJSON(v, prefix: prefix.isEmpty ? k : "\(prefix)[\(k)]") }
        case .array(let items):
            for item in items {
                if case .object = item { addJSON(item, prefix: "\(prefix)[]") } else { addJSON(item, prefix: "\(prefix)[]") }
            }
        case .null: pairs.append((prefix, ""))
        case .bool(let b): pairs.append((prefix, b ? "true" : "false"))
        case .int(let i): pairs.append((prefix, String(i)))
        case .double(let d): pairs.append((prefix, String(d)))
        case .string(let s): pairs.append((prefix, s))
        }
    }

    public subscript(key: String) -> String? { pairs.last { $0.0 == key }?.1 }

    func has(_ key: String) -> Bool { pairs.contains { $0.0 == key } || pairs.contains { $0.0.hasPrefix(key + "[") } }

    /// Values of `key[]` (or a comma list in `key`).
    func array(_ key: String) -> [String] {
        let items = pairs.filter { $0.0 == key + "[]" }.map(\.1)
        if !items.isEmpty { return items }
        if let v = self[key], !v.isEmpty { return v.split(separator: ",").map { String($0) } }
        return []
    }

    func bool(_ key: String) -> Bool? {
        guard let v = self[key]?.lowercased() else { return nil }
        if ["true", "1", "yes", "t", "on"].contains(v) { return true }
        if ["false", "0", "no", "f", "off"].contains(v) { return false }
        return nil
    }

    func int(_ key: String) -> Int? { self[key].flatMap { Int($0) } }

    /// Query string without secrets (for Link headers and logs).
    func queryString(excluding: Set<String> = [], overriding: [(String, String)] = []) -> String {
        var out = pairs.filter { !excluding.contains($0.0) && !overriding.map(\.0).contains($0.0) && !Params.secretKeys.contains($0.0) }
        out.append(contentsOf: overriding)
        return out.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&")
    }

    static let secretKeys: Set<String> = ["private_token", "access_token", "job_token"]
}

func percentDecode(_ s: String, plusAsSpace: Bool = false) -> String {
    guard s.contains("%") || (plusAsSpace && s.contains("+")) else { return s }
    var bytes: [UInt8] = []
    var it = Array(s.utf8)[...]
    while let c = it.popFirst() {
        if c == UInt8(ascii: "%"), it.count >= 2,
           let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
            bytes.append(v)
            it = it.dropFirst(2)
        } else if plusAsSpace && c == UInt8(ascii: "+") {
            bytes.append(0x20)
        } else {
            bytes.append(c)
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

func percentEncode(_ s: String) -> String {
    var out = ""
    for b in s.utf8 {
        let c = Character(UnicodeScalar(b))
        if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || c == "-" || c == "_" || c == "." || c == "~" {
            out.append(c)
        } else {
            out += String(format: "%%%02X", b)
        }
    }
    return out
}
