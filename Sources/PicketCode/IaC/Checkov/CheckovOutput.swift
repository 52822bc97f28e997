/// The part of `checkov -o json` Picket reads: one report per framework (a list, or a bare object when only one
/// framework ran), each with failed checks and files it could not parse.
struct CheckovReport: Sendable, Decodable {
    var checkType: String
    var failed: [FailedCheck]
    var parsingErrors: [String]
    var version: String?
    /// The summary's count, which Checkov fills even when it lists no file.
    var parsingErrorCount: Int

    struct FailedCheck: Sendable, Decodable {
        var checkID: String
        var checkName: String?
        var filePath: String?
        var fileAbsPath: String?
        var fileLineRange: [Int]?
        var resource: String?
        var guideline: String?
        var severity: String?

        enum CodingKeys: String, CodingKey {
            case checkID = "check_id", checkName = "check_name", filePath = "file_path", fileAbsPath = "file_abs_path"
            case fileLineRange = "file_line_range", resource, guideline, severity
        }
    }

    private struct Results: Decodable {
        var failed_checks: [FailedCheck]?
        var parsing_errors: [String]?
    }

    private struct Summary: Decodable {
        var checkov_version: String?
        var parsing_errors: Int?
    }

    enum CodingKeys: String, CodingKey { case check_type, results, summary }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        checkType = try c.decodeIfPresent(String.self, forKey: .check_type) ?? "unknown"
        let r = try c.decodeIfPresent(Results.self, forKey: .results)
        failed = r?.failed_checks ?? []
        parsingErrors = r?.parsing_errors ?? []
        let summary = (try? c.decodeIfPresent(Summary.self, forKey: .summary)) ?? nil
        version = summary?.checkov_version
        parsingErrorCount = summary?.parsing_errors ?? 0
    }

    /// Decodes the list form, the single-report form, and the empty summary Checkov prints when no file
    /// matched any framework.
    static func decode(_ data: [UInt8]) throws -> [CheckovReport] {
        let d = Foundation.Data(data)
        if let list = try? JSONDecoder().decode([CheckovReport].self, from: d) { return list }
        if let one = try? JSONDecoder().decode(CheckovReport.self, from: d), one.checkType != "unknown" { return [one] }
        if let obj = try? JSONSerialization.jsonObject(with: d) as? [String: Any], obj["passed"] != nil, obj["failed"] != nil {
            return []
        }
        throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not a Checkov JSON report"))
    }
}

import Foundation
