import Testing
@testable import PicketCore

@Suite struct GlobTests {
    @Test(arguments: [
        ("*.min.js", "static/app.min.js", true),
        ("*.min.js", "app.js", false),
        ("vendor", "vendor/lib/a.go", true),
        ("vendor/", "src/vendor/a.go", true),
        ("/vendor", "src/vendor/a.go", false),
        ("src/**/test_*.py", "src/a/b/test_x.py", true),
        ("src/**/test_*.py", "src/test_x.py", true),
        ("src/**/test_*.py", "lib/test_x.py", false),
        ("docs/*.md", "docs/a/b.md", false),
        ("docs/*.md", "docs/readme.md", true),
        ("[abc]?.txt", "b1.txt", true),
        ("[!abc]?.txt", "b1.txt", false),
        ("**", "anything/at/all", true),
    ])
    func matches(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected, "\(pattern) vs \(path)")
    }

    @Test func pathologicalPatternIsFast() {
        let pattern = String(repeating: "*a", count: 30) + "b"
        let text = String(repeating: "a", count: 200)
        let clock = ContinuousClock()
        let t = clock.measure { #expect(!Glob(pattern).matches(text)) }
        #expect(t < .seconds(1))
    }
}
