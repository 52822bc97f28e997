import Testing
@testable import PicketSecrets

/// How the engine cuts the window PCRE2 confirms a candidate in.
@Suite struct EngineWindowTests {
    static let rule = SecretRule(id: "test-eol", title: "token that must end its word", pattern: #"\b(tok_[a-z0-9]{12})(?:[^a-z0-9_]|$)"#)

    static func found(_ text: String) throws -> [String] {
        let engine = try SecretEngine.build(SecretRuleSet(rules: [rule]), cacheDirectory: nil)
        let worker = try EngineWorker(engine: engine)
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buf in
            worker.scan(buf.baseAddress!, count: buf.count).map { String(decoding: $0.secret, as: UTF8.self) }
        }
    }

    /// A token at the end of a line followed by more lines: `$` must match before the newline, although the
    /// window ends there and the buffer goes on.
    @Test func tokenAtEndOfLineBeforeMoreText() throws {
        #expect(try Self.found("TOKEN=tok_a1b2c3d4e5f6\nNEXT=1\n") == ["tok_a1b2c3d4e5f6"])
        #expect(try Self.found("a\nTOKEN=tok_a1b2c3d4e5f6\r\nNEXT=1\n") == ["tok_a1b2c3d4e5f6"])
        #expect(try Self.found("TOKEN=tok_a1b2c3d4e5f6") == ["tok_a1b2c3d4e5f6"])
    }

    @Test func longerRunIsNotCut() throws {
        #expect(try Self.found("TOKEN=tok_a1b2c3d4e5f6g7\nNEXT=1\n").isEmpty)
    }
}

/// Generic rules (tagged `generic`) yield to provider rules and to earlier generic rules on the same value.
@Suite struct GenericRuleOverlapTests {
    static let provider = SecretRule(id: "test-provider", title: "provider token", pattern: #"\b(tok_[a-z0-9]{12})\b"#)
    static let genericA = SecretRule(id: "test-generic-a", title: "any token", pattern: #"TOKEN=([a-z0-9_]{8,})"#, tags: ["generic"])
    static let genericB = SecretRule(id: "test-generic-b", title: "any value", pattern: #"=([a-z0-9_]{8,})"#, tags: ["generic"])

    static func found(_ text: String) throws -> [String] {
        let engine = try SecretEngine.build(SecretRuleSet(rules: [genericB, provider, genericA]), cacheDirectory: nil)
        let worker = try EngineWorker(engine: engine)
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buf in
            worker.scan(buf.baseAddress!, count: buf.count).map { engine.rules[$0.rule].rule.id }
        }
    }

    @Test func providerRuleWins() throws {
        #expect(try Self.found("TOKEN=tok_a1b2c3d4e5f6\n") == ["test-provider"])
    }

    @Test func firstGenericRuleWinsOverLaterOnes() throws {
        #expect(try Self.found("TOKEN=zq81mx07ab\n") == ["test-generic-b"])
    }

    @Test func moreConfidentGenericRuleWins() throws {
        let low = SecretRule(id: "test-low", title: "any value", confidence: .low, pattern: #"=([a-z0-9_]{8,})"#, tags: ["generic"])
        let high = SecretRule(id: "test-high", title: "token value", confidence: .high, pattern: #"TOKEN=([a-z0-9_]{8,})"#, tags: ["generic"])
        let engine = try SecretEngine.build(SecretRuleSet(rules: [low, high]), cacheDirectory: nil)
        let worker = try EngineWorker(engine: engine)
        let bytes = Array("TOKEN=zq81mx07ab\n".utf8)
        let ids = bytes.withUnsafeBufferPointer { buf in worker.scan(buf.baseAddress!, count: buf.count).map { engine.rules[$0.rule].rule.id } }
        #expect(ids == ["test-high"])
    }

    @Test func genericRuleOnAnotherValueStays() throws {
        #expect(try Self.found("X=tok_a1b2c3d4e5f6 Y=zq81mx07ab\n").sorted() == ["test-generic-b", "test-provider"])
    }
}

/// Line and column numbers of hits, also on long single-line (minified) input where columns are counted
/// incrementally.
@Suite struct HitLocationTests {
    @Test func columnsOnALongLineAndTheNextOne() throws {
        let rule = SecretRule(id: "test-col", title: "token", pattern: #"\b(tok_[a-z0-9]{12})\b"#)
        let engine = try SecretEngine.build(SecretRuleSet(rules: [rule]), cacheDirectory: nil)
        let worker = try EngineWorker(engine: engine)
        let first = String(repeating: "a", count: 20_000) + " "
        let second = first + "tok_a1b2c3d4e5f6 é "
        let text = second + "tok_b1b2c3d4e5f6\nzz tok_c1b2c3d4e5f6\n"
        let bytes = Array(text.utf8)
        let hits = bytes.withUnsafeBufferPointer { buf in
            HitBuilder(engine: engine, reveal: false).hits(worker.scan(buf.baseAddress!, count: buf.count), in: buf.baseAddress!, count: buf.count, path: "min.js")
        }
        let locations = hits.map { [$0.location.startLine, $0.location.startColumn, $0.location.endLine, $0.location.endColumn] }
        #expect(locations == [
            [1, first.unicodeScalars.count + 1, 1, first.unicodeScalars.count + 17],
            [1, second.unicodeScalars.count + 1, 1, second.unicodeScalars.count + 17],
            [2, 4, 2, 20],
        ])
    }
}
