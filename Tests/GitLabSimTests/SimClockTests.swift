import Foundation
@testable import GitLabSimKit
import Testing

@Suite("Dates")
struct SimClockTests {
    @Test func parsesAndFormatsWithoutFormatters() throws {
        let d = try #require(SimClock.parse("2021-01-05T11:00:00Z"))
        #expect(d.timeIntervalSince1970 == 1_609_844_400)
        #expect(SimClock.httpDate(d) == "Tue, 05 Jan 2021 11:00:00 GMT")
        #expect(SimClock.iso(Date(timeIntervalSince1970: 1_595_514_707.729)) == "2020-07-23T14:31:47.729Z")
        #expect(SimClock.parse("2020-07-23T16:31:47.5+02:00")?.timeIntervalSince1970 == 1_595_514_707.5)
        #expect(SimClock.dateOnly(try #require(SimClock.parse("2024-02-29"))) == "2024-02-29")
        #expect(SimClock.parse("2025-02-30") == nil)
        #expect(SimClock.parse("2025-13-01") == nil)
        #expect(SimClock.parse("yesterday") == nil)
        #expect(SimClock.hookDate(d) == "2021-01-05 11:00:00 UTC")
        #expect(SimClock.dateOnly(Date(timeIntervalSince1970: -1)) == "1969-12-31")
    }
}
