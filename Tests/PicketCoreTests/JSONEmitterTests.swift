import Foundation
import PicketCore
import Testing

/// The typed JSON writer behind Picket's reports: Foundation's pretty, sorted layout byte for byte, escapes,
/// empty containers, streaming through a sink, and elements rendered on several threads spliced in order.
@Suite struct JSONEmitterTests {
    static let text = "quote \" backslash \\ slash / newline \n tab \t cr \r bell \u{7} nul \u{0} é 🔑 \u{1F}"

    /// A document written with the emitter, and the same as Foundation objects.
    static func sample(_ json: inout JSONEmitter, items: [Int], empties: Bool = true) throws {
        try json.object { o in
            o.field("a", object: { x in
                if empties {
                    x.field("empty_array", [String]())
                    x.field("empty_object", object: { _ in })
                }
                x.field("text", text)
            })
            o.field("flags", each: [true, false]) { a, b in a.element(b) }
            o.field("items", each: items) { a, i in
                a.object { x in
                    x.field("id", i)
                    x.field("name", "item \(i)")
                    x.field("tags", ["t\(i)", "u"])
                }
            }
            o.field("missing", nil as String?)
            o.field("n", -42)
            o.fieldNull("nothing")
            o.field("stats", counts: ["zeta": 1, "alpha": 2])
        }
        try json.finish()
    }

    static func foundationSample(items: [Int]) -> [String: Any] {
        [
            "a": ["text": text] as [String: Any],
            "flags": [true, false],
            "items": items.map { i in ["id": i, "name": "item \(i)", "tags": ["t\(i)", "u"]] as [String: Any] },
            "n": -42,
            "nothing": NSNull(),
            "stats": ["zeta": 1, "alpha": 2],
        ]
    }

    /// Empty containers aside (Foundation writes `[\n\n]`, reports have always had `[]`).
    @Test func matchesFoundationsPrettySortedLayoutByteForByte() throws {
        var json = JSONEmitter()
        try Self.sample(&json, items: [1, 2, 3], empties: false)
        let foundation = try JSONSerialization.data(withJSONObject: Self.foundationSample(items: [1, 2, 3]),
                                                    options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        #expect(String(decoding: json.bytes, as: UTF8.self) == String(decoding: foundation, as: UTF8.self) + "\n")
    }

    @Test func emptyContainersAreWrittenShort() throws {
        var json = JSONEmitter()
        try Self.sample(&json, items: [])
        let s = String(decoding: json.bytes, as: UTF8.self)
        #expect(s.contains("\"empty_array\" : [],\n    \"empty_object\" : {},\n"))
        #expect(s.contains("\"items\" : [],\n"))
    }

    @Test func escapesWhatJSONRequiresAndNothingElse() throws {
        var json = JSONEmitter()
        try json.object { o in o.field("s", Self.text) }
        try json.finish()
        let s = String(decoding: json.bytes, as: UTF8.self)
        #expect(s.contains(#"quote \" backslash \\ slash / newline \n tab \t cr \r bell \u0007 nul \u0000 é 🔑 \u001f"#))
        let back = try #require(try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any])
        #expect(back["s"] as? String == Self.text)
    }

    @Test func numbersAndNonFiniteValues() throws {
        var json = JSONEmitter()
        try json.object { o in
            try o.field("half", 0.5)
            try o.field("whole", 2.0)
        }
        try json.finish()
        #expect(String(decoding: json.bytes, as: UTF8.self) == "{\n  \"half\" : 0.5,\n  \"whole\" : 2\n}\n")
        var bad = JSONEmitter()
        #expect(throws: PicketError.self) { try bad.object { o in try o.field("x", Double.nan) } }
    }

    /// A sink sees the document in pieces whose concatenation is the whole document.
    @Test func streamsThroughASinkInPieces() throws {
        let items = Array(0..<2_000)
        var whole = JSONEmitter()
        try Self.sample(&whole, items: items)
        var pieces: [[UInt8]] = []
        var streamed = JSONEmitter(flushBytes: 4_096) { buffer in pieces.append(buffer) }
        try Self.sample(&streamed, items: items)
        #expect(pieces.count > 10)
        #expect(pieces.allSatisfy { $0.count < 4_096 + 1_024 })
        #expect(Array(pieces.joined()) == whole.bytes)
    }

    @Test func aFailingSinkFailsTheDocument() throws {
        struct Full: Error {}
        var json = JSONEmitter(flushBytes: 64) { _ in throw Full() }
        // The first flush fails mid-document; finish() reports it.
        #expect(throws: Full.self) { try Self.sample(&json, items: Array(0..<100)) }
    }

    /// Elements rendered in runs on several threads come out exactly as written one by one, runs in order.
    @Test(arguments: [0, 1, 7, 256, 1_000, 5_001])
    func parallelElementsMatchSequentialOnes(count: Int) throws {
        let items = (0..<count).map { "element \($0) \u{1F}" }
        var sequential = JSONEmitter()
        try sequential.object { o in
            o.field("a", 1)
            o.field("list", each: items) { a, s in a.object { x in x.field("s", s); x.field("t", [s]) } }
            o.field("z", true)
        }
        var parallel = JSONEmitter()
        try parallel.object { o in
            o.field("a", 1)
            try o.field("list", parallel: items, workers: 3, run: 64) { a, s in a.object { x in x.field("s", s); x.field("t", [s]) } }
            o.field("z", true)
        }
        #expect(parallel.bytes == sequential.bytes)
    }

    @Test func parallelElementErrorsReachTheCaller() {
        struct Bad: Error {}
        var json = JSONEmitter()
        #expect(throws: Bad.self) {
            try json.object { o in
                try o.field("list", parallel: Array(0..<500), workers: 2, run: 10) { a, i in
                    if i == 333 { throw Bad() }
                    a.element(i)
                }
            }
        }
    }
}
