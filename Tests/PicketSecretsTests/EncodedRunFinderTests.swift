import Testing
@testable import PicketSecrets

@Suite struct EncodedRunFinderTests {
    func runs(_ text: String) -> [(String, Bool)] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { b in
            EncodedRunFinder.runs(b.baseAddress!, count: b.count).map { (String(decoding: bytes[$0.start..<$0.end], as: UTF8.self), $0.isHex) }
        }
    }

    @Test func findsWholeRunsWithPaddingAndTellsHexApart() {
        let b64 = "R0lUTEFCX1RPS0VOPWdscGF0LTNGcTl2UjJ4S3A3TG1ONHRZdzhaCg=="
        let hex = "746f6b656e3a20676c7061742d3346713976523278"
        let found = runs("a: \(b64)\nsha=\(hex);short=abcdefABCDEF0123456789abcd x")
        #expect(found.count == 2)
        #expect(found[0].0 == b64 && !found[0].1)
        #expect(found[1].0 == hex && found[1].1)
    }

    @Test func ignoresShortRunsAndFindsRunsAtTheEdges() {
        #expect(runs("short words only, nothing long here at all").isEmpty)
        let edge = String(repeating: "Ab1+", count: 8)
        #expect(runs(edge).map(\.0) == [edge])
        #expect(runs("x " + edge).map(\.0) == [edge])
        #expect(runs(String(repeating: "g", count: 23)).isEmpty)
        #expect(runs(String(repeating: "g", count: 24)).count == 1)
        #expect(runs(String(repeating: "a", count: 24)).isEmpty, "24 hex digits are neither a hex run (32) nor base64")
    }
}
