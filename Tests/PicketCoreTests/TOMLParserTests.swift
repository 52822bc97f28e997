import Testing
@testable import PicketCore

@Suite struct TOMLParserTests {
    @Test func parsesTablesArraysAndStrings() throws {
        let doc = try TOMLParser.parse(#"""
        title = "gitleaks config"  # comment
        [extend]
        useDefault = true

        [[rules]]
        id = "custom-1"
        regex = '''(?i)token\s*=\s*"([a-z0-9]{32})"'''
        secretGroup = 1
        entropy = 3.5
        keywords = ["token", "tok"]

        [rules.allowlist]
        regexes = ['''EXAMPLE''']

        [[rules]]
        id = "custom-2"
        regex = "a\\tb\u00e9"
        tags = [
          "x",  # trailing comma next
          "y",
        ]
        point = { x = 1, y = -2_000, z = 0x1F }
        when = 1979-05-27T07:32:00Z
        day = 1979-05-27
        """#)
        #expect(doc.string("title") == "gitleaks config")
        #expect(doc.table("extend")?["useDefault"]?.bool == true)
        let rules = doc.tables("rules")
        #expect(rules.count == 2)
        #expect(rules[0].string("regex") == #"(?i)token\s*=\s*"([a-z0-9]{32})""#)
        #expect(rules[0]["secretGroup"]?.integer == 1)
        #expect(rules[0]["entropy"]?.double == 3.5)
        #expect(rules[0].table("allowlist")?["regexes"]?.strings == ["EXAMPLE"])
        #expect(rules[1].string("regex") == "a\\tb\u{e9}")
        #expect(rules[1]["tags"]?.strings == ["x", "y"])
        #expect(rules[1].table("point")?["y"]?.integer == -2000)
        #expect(rules[1].table("point")?["z"]?.integer == 31)
        #expect(rules[1]["when"] == .datetime("1979-05-27T07:32:00Z"))
        #expect(rules[1].line == 15)
    }

    @Test func multilineBasicStringTrimsLineEndingBackslash() throws {
        let doc = try TOMLParser.parse("s = \"\"\"\nThe quick \\\n   brown fox\"\"\"\n")
        #expect(doc.string("s") == "The quick brown fox")
    }

    @Test func dottedKeysAndSubtablesOfArrayElements() throws {
        let doc = try TOMLParser.parse("""
        [[package]]
        name = "a"
        [package.source]
        git = "x"
        [[package]]
        name = "b"
        a.b.c = 1
        """)
        let pkgs = doc.tables("package")
        #expect(pkgs.count == 2)
        #expect(pkgs[0].table("source")?.string("git") == "x")
        #expect(pkgs[1].table("a")?.table("b")?["c"]?.integer == 1)
    }

    @Test(arguments: [
        ("a = 1\na = 2", 2, "defined twice"),
        ("[t]\nx=1\n[t]\ny=2", 3, "defined twice"),
        ("a = \"unterminated\n", 1, "unterminated"),
        ("a = [1, 2", 1, "unterminated array"),
        ("a = 1 b = 2", 1, "end of the line"),
        ("a = nope", 1, "invalid value"),
        ("= 1", 1, "expected a key"),
    ])
    func errorsNameTheLine(text: String, line: Int, fragment: String) {
        #expect { _ = try TOMLParser.parse(text) } throws: { e in
            guard let pe = e as? TOMLParser.ParseError else { return false }
            return pe.line == line && pe.message.contains(fragment)
        }
    }

    @Test func deepNestingIsBounded() {
        let text = "a = " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: TOMLParser.ParseError.self) { _ = try TOMLParser.parse(text) }
    }
}
