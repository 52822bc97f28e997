import Foundation
import Testing
@testable import PicketReports

@Suite struct StableJSONWriterTests {
    /// What the writer produces parses back, with Foundation's parser, to the same values.
    @Test func roundTripsEveryValueKind() throws {
        let text = "quote \" backslash \\ slash / newline \n tab \t bell \u{7} nul \u{0} é 🔑"
        let object: [String: Any] = [
            "b": [1, -2, 3.5, 1e-5, 2.0, Int64(1) << 40, true, false, NSNull()] as [Any],
            "a": ["z": text, "y": [String](), "x": [String: Any]()] as [String: Any],
            "n": NSNumber(value: 7),
        ]
        let data = try JSONSerialization.stableData(object)
        let back = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let a = try #require(back["a"] as? [String: Any])
        #expect(a["z"] as? String == text)
        #expect((a["y"] as? [Any])?.isEmpty == true && (a["x"] as? [String: Any])?.isEmpty == true)
        let b = try #require(back["b"] as? [Any])
        #expect(b.count == 9)
        #expect(b[0] as? Int == 1 && b[1] as? Int == -2 && b[2] as? Double == 3.5 && b[3] as? Double == 1e-5)
        #expect(b[4] as? Int == 2 && b[5] as? Int == 1 << 40)
        #expect(b[6] as? Bool == true && b[7] as? Bool == false && b[8] is NSNull)
        #expect(back["n"] as? Int == 7)
        let s = String(decoding: data, as: UTF8.self)
        // Sorted keys, unescaped slashes, two-space indentation, a final newline.
        #expect(s.hasPrefix("{\n  \"a\" : {\n    \"x\" : {},\n"))
        #expect(s.contains("slash / newline \\n tab \\t bell \\u0007 nul \\u0000"))
        #expect(s.hasSuffix("}\n"))
    }

    @Test func nonFiniteNumbersAreAnError() {
        #expect(throws: (any Error).self) { _ = try JSONSerialization.stableData(["x": Double.nan]) }
    }
}
