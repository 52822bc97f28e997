import Foundation
import PicketCore
import Testing
@testable import PicketDeps

@Suite("CVSS")
struct CVSSTests {
    /// Published scores (NVD / FIRST specification examples).
    @Test(arguments: [
        ("AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5, CVSS.Rating.high),
        ("AV:N/AC:L/Au:N/C:C/I:C/A:C", 10.0, .high),
        ("AV:N/AC:M/Au:N/C:N/I:P/A:N", 4.3, .medium),
        ("(AV:L/AC:L/Au:N/C:C/I:C/A:C)", 7.2, .high),
        ("AV:N/AC:L/Au:N/C:N/I:N/A:N", 0.0, .low),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, .critical),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, .critical),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, .medium),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5, .high),
        ("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8, .high),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", 5.3, .medium),
        ("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.1, .high),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0, .none),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3, .critical),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0, .critical),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0, .none),
    ])
    func publishedScores(_ vector: String, _ expected: Double, _ rating: CVSS.Rating) throws {
        let s = try CVSS.score(vector)
        #expect(s.score == expected)
        #expect(s.rating == rating)
    }

    @Test func versionsAreRecognised() throws {
        #expect(try CVSS.score("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").version == .v3_0)
        #expect(try CVSS.score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").version == .v3_1)
        #expect(try CVSS.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N").version == .v4_0)
        #expect(try CVSS.score("AV:N/AC:L/Au:N/C:P/I:P/A:P").version == .v2)
    }

    /// Thousands of vectors (every one in the OSV corpus plus random ones) against an independent implementation.
    @Test func matchesIndependentImplementation() throws {
        let text = try String(contentsOfFile: SharedCorpus.fixtures + "/cvss/oracle.tsv", encoding: .utf8)
        var checked = 0
        var wrong: [String] = []
        for line in text.split(separator: "\n") {
            let cols = line.split(separator: "\t")
            guard cols.count == 2, let expected = Double(cols[1]) else { continue }
            do {
                let s = try CVSS.score(String(cols[0]))
                if abs(s.score - expected) > 0.0001 { wrong.append("\(cols[0]): \(s.score), expected \(expected)") }
            } catch {
                wrong.append("\(cols[0]): \(error)")
            }
            checked += 1
        }
        print("cvss oracle: \(checked - wrong.count) of \(checked) vectors agree")
        #expect(checked > 4000)
        #expect(wrong.isEmpty, "\(wrong.count) differ: \(wrong.prefix(10).joined(separator: "\n"))")
    }

    @Test(arguments: [
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "missing base metric A"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:L", "appears twice"),
        ("CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "'Q' is not a value of AV"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1", "unknown metric 'ZZ'"),
        ("CVSS:3.1/AV:N/AC:L//PR:N", "is not METRIC:VALUE"),
        ("CVSS:5.0/AV:N", "unknown CVSS version"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", "missing base metric SA"),
        ("AV:N/AC:L/Au:N/C:P/I:P", "missing base metric A"),
        ("", "no metrics"),
    ])
    func malformedVectors(_ vector: String, _ message: String) {
        #expect {
            _ = try CVSS.score(vector)
        } throws: { error in
            "\(error)".contains(message) && "\(error)".contains("malformed CVSS vector")
        }
    }
}
