import Testing
@testable import PicketRegex

@Suite struct RegexEngineTests {
    @Test func pcre2ExtractsGroupsAndSeesBeforeStart() throws {
        let p = try PCRE2Pattern(#"\b(ghp_[A-Za-z0-9]{4})\b"#)
        let m = PCRE2Matcher()
        let text = Array("x ghp_abcd y".utf8)
        text.withUnsafeBufferPointer { b in
            #expect(m.match(p, subject: b.baseAddress!, length: b.count, start: 0) == .match)
            #expect(m.group(1) == 2..<10)
            // Starting inside the word: \b looks behind the start offset, so no match at 3.
            #expect(m.match(p, subject: b.baseAddress!, length: b.count, start: 3) == .noMatch)
        }
        #expect(p.captureCount == 1)
    }

    @Test func namedSecretGroupIsFound() throws {
        let p = try PCRE2Pattern(#"key=(?<secret>\w+)"#)
        #expect(p.groupNumber(named: "secret") == 1)
        #expect(p.groupNumber(named: "other") == nil)
    }

    @Test func catastrophicPatternHitsTheLimitInsteadOfHanging() throws {
        let p = try PCRE2Pattern(#"^(a+)+$"#)
        let m = PCRE2Matcher(matchLimit: 100_000)
        let text = Array((String(repeating: "a", count: 40) + "!").utf8)
        let outcome = text.withUnsafeBufferPointer { m.match(p, subject: $0.baseAddress!, length: $0.count, start: 0) }
        #expect(outcome == .limitExceeded)
    }

    @Test func invalidPatternSaysWhere() {
        #expect { _ = try PCRE2Pattern("a(b") } throws: { "\($0)".contains("offset 3") }
    }

    @Test func vectorscanFindsEveryPatternInOnePass() throws {
        let db = try VectorscanDatabase(patterns: [
            .init(expression: "glpat-[A-Za-z0-9]{4}", id: 0),
            .init(expression: "AKIA[A-Z0-9]{4}", id: 7),
        ])
        let s = try db.makeScratch()
        let text = Array("a glpat-abcd b AKIAWXYZ".utf8)
        var hits: [(UInt32, Int)] = []
        try text.withUnsafeBufferPointer { b in
            try db.scan(b.baseAddress!, length: b.count, scratch: s) { id, end in hits.append((id, end)); return true }
        }
        #expect(hits.map(\.0) == [0, 7])
        #expect(hits.map(\.1) == [12, 23])
    }

    @Test func lookaroundIsRejectedExactlyButCompilesAsPrefilter() throws {
        let exact = VectorscanDatabase.check(.init(expression: "(?<=x)abc", id: 0))
        #expect(exact != nil)
        #expect(VectorscanDatabase.check(.init(expression: "(?<=x)abc", id: 0, prefilter: true)) == nil)
    }

    @Test func serialisedDatabaseRoundTrips() throws {
        let db = try VectorscanDatabase(patterns: [.init(expression: "secret[0-9]+", id: 3)])
        let bytes = try #require(db.serialized())
        let back = try #require(VectorscanDatabase(serialized: bytes))
        let s = try back.makeScratch()
        var ids: [UInt32] = []
        let text = Array("secret42".utf8)
        try text.withUnsafeBufferPointer { b in
            try back.scan(b.baseAddress!, length: b.count, scratch: s) { id, _ in ids.append(id); return true }
        }
        #expect(ids.first == 3)
        #expect(VectorscanDatabase(serialized: [1, 2, 3]) == nil)
    }
}
