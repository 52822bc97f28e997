import Foundation
import PicketTestSupport
import Testing
@testable import PicketDeps

/// The scan path's fast OSV decoder against `JSONDecoder` (the import path's): the same record for every file of
/// the shared corpus, and nil (so the caller falls back to `decode` and its named error) for shapes it leaves alone.
@Suite struct OSVFastDecodeTests {
    static func canonical(_ r: OSVRecord) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return try e.encode(r)
    }

    @Test func agreesWithJSONDecoderOnTheWholeCorpus() throws {
        var compared = 0
        for eco in ["PyPI", "Go", "crates.io"] {
            let dir = SharedCorpus.path("corpora/osv/\(eco)")
            for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".json") {
                let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
                let slow = try? OSVRecord.decode(data)
                let fast = OSVRecord.decodeFast(data)
                if let slow {
                    let f = try #require(fast, "\(eco)/\(name): the fast decoder gave up on a valid record")
                    #expect(try Self.canonical(f) == Self.canonical(slow), "\(eco)/\(name)")
                } else {
                    #expect(fast == nil, "\(eco)/\(name): accepted what JSONDecoder refuses")
                }
                compared += 1
            }
        }
        #expect(compared > 8_000)
    }

    @Test(arguments: [
        #"{"id": ""}"#,
        #"{"id": 5}"#,
        #"{"aliases": []}"#,
        #"{"id": "X-1", "aliases": ["A", 3]}"#,
        #"{"id": "X-1", "affected": [{"ranges": [{"type": "SEMVER", "events": [{"introduced": "0", "fixed": "1"}]}]}]}"#,
        #"{"id": "X-1", "affected": [{"ranges": [{"type": "SEMVER", "events": [{"fixed": null}]}]}]}"#,
        #"{"id": "X-1", "severity": [{"type": "CVSS_V3"}]}"#,
        #"{"id": "X-1", "id": "X-2"}"#,
        #"{"id": "X-1", "affected": {}}"#,
        #"[1]"#,
    ])
    func leavesOddShapesToJSONDecoder(_ text: String) {
        #expect(OSVRecord.decodeFast(Data(text.utf8)) == nil)
    }

    @Test func nullsAndUnknownFieldsReadAsJSONDecoderReadsThem() throws {
        let text = #"""
        {"id": "X-1", "summary": null, "aliases": null, "extra": {"a": [1, 2.5, true, null]},
         "database_specific": {"severity": "HIGH", "n": 3},
         "affected": [{"package": {"ecosystem": "PyPI", "name": "x"}, "versions": ["1.0"],
                       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"last_affected": "1.0", "note": 1}]}]}]}
        """#
        let data = Data(text.utf8)
        let fast = try #require(OSVRecord.decodeFast(data))
        #expect(try Self.canonical(fast) == Self.canonical(try OSVRecord.decode(data)))
        #expect(fast.affected.first?.ranges.first?.events.last?.version == "1.0")
    }

    /// String escapes (including surrogate pairs), numbers and unusual spacing read exactly as JSONDecoder reads them.
    @Test(arguments: [
        #"{"id":"X-\u0031","summary":"caf\u00e9 \ud83d\udd11 \"q\" \\ \/ \n\t\r\b\f","details":"é 🔑 \u2028"}"#,
        #"{ "id" : "X-1" , "database_specific" : { "n" : -1.5e+3, "m": 0, "z": [0.25, -0, 1E2] } }"#,
        "{\"id\":\"X-1\",\r\n\t\"aliases\":[\"CVE-1\",\"GHSA-x\"]}",
        #"{"id": "X-1", "affected": [{"package": null, "ranges": null, "versions": null}]}"#,
    ])
    func escapesAndNumbersReadAsJSONDecoderReadsThem(_ text: String) throws {
        let data = Data(text.utf8)
        let fast = try #require(OSVRecord.decodeFast(data))
        #expect(try Self.canonical(fast) == Self.canonical(try OSVRecord.decode(data)))
    }

    /// Shapes the byte reader leaves to JSONDecoder: its answer (record or named error) is then the only one.
    @Test func invalidTextAndEscapedKeysFallBack() throws {
        let cases: [[UInt8]] = [
            Array(#"{"id": "X-1", "summary": "bad "#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8),  // invalid UTF-8
            Array(#"{"id": "X-1", "summary": "\ud800"}"#.utf8),                                  // lone surrogate
            Array(#"{"i\u0064": "X-1"}"#.utf8),                                                   // escaped key
            Array(#"{"id": "X-1", "summary": "raw"#.utf8) + [0x0A] + Array(#"newline"}"#.utf8),   // control character
            Array(#"{"id": "X-1"} trailing"#.utf8),
            Array(#"{"id": "X-1", "database_specific": {"n": 01}}"#.utf8),                       // leading zero
            Array("{\"id\": \"X-1\", \"database_specific\": ".utf8) + Array(repeating: UInt8(ascii: "["), count: 300)
                + Array(repeating: UInt8(ascii: "]"), count: 300) + [UInt8(ascii: "}")],
        ]
        for bytes in cases {
            #expect(OSVRecord.decodeFast(Data(bytes)) == nil, "\(String(decoding: bytes.prefix(60), as: UTF8.self))")
        }
        // The escaped key is valid JSON: JSONDecoder reads it.
        #expect(try OSVRecord.decode(Data(#"{"i\u0064": "X-1"}"#.utf8)).id == "X-1")
    }
}
