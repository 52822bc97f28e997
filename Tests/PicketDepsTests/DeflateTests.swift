import Foundation
import Testing
@testable import PicketDeps

/// libdeflate behind the advisory database and the zip reader: zlib-format data written by other tools reads
/// back, raw streams are held to their declared size, and every failure is a message rather than a crash.
@Suite struct DeflateTests {
    static let text = Array(String(repeating: "picket ", count: 20).utf8)
    /// `zlib.compress(b"picket " * 20)` and the same as a raw stream (wbits -15), made by CPython's zlib.
    static let zlibStream: [UInt8] = [120, 156, 43, 200, 76, 206, 78, 45, 81, 40, 24, 12, 20, 0, 135, 126, 52, 129]
    static let rawStream: [UInt8] = [43, 200, 76, 206, 78, 45, 81, 40, 24, 12, 20, 0]

    @Test func readsZlibDataOtherToolsWrote() throws {
        #expect(try Deflate.Decompressor().zlibUncompress(Self.zlibStream, size: Self.text.count) == Self.text)
    }

    @Test(arguments: [0, 1, 1_000, 200_000])
    func compressedRecordsRoundTrip(size: Int) throws {
        var rng = SystemRandomNumberGenerator()
        // Half repetitive, half random: both paths of the compressor.
        let input = (0..<size).map { i in i % 2 == 0 ? UInt8(i % 7) : UInt8.random(in: 0...255, using: &rng) }
        let packed = Deflate.Compressor().zlib(input)
        #expect(packed.first == 0x78, "a zlib header")
        #expect(try Deflate.Decompressor().zlibUncompress(packed, size: size) == input)
    }

    @Test func aStoredRecordOfTheWrongSizeIsDamaged() {
        let d = Deflate.Decompressor()
        for size in [Self.text.count - 1, Self.text.count + 1] {
            #expect(throws: Deflate.Failure.self) { try d.zlibUncompress(Self.zlibStream, size: size) }
        }
        #expect(throws: Deflate.Failure.self) { try d.zlibUncompress(Array(Self.zlibStream.dropLast(3)), size: Self.text.count) }
    }

    @Test func rawStreamsAreHeldToTheirDeclaredSize() throws {
        let d = Deflate.Decompressor()
        #expect(try d.inflateRaw(Self.rawStream, expectedSize: 140) == Self.text)
        #expect { try d.inflateRaw(Self.rawStream, expectedSize: 200) } throws: {
            "\($0)" == "inflated to 140 bytes, the archive says 200"
        }
        #expect { try d.inflateRaw(Self.rawStream, expectedSize: 100) } throws: {
            "\($0)" == "inflates to more than the 100 bytes the archive declares"
        }
        #expect { try d.inflateRaw(Array(Self.rawStream.prefix(6)), expectedSize: 140) } throws: {
            "\($0)".contains("corrupt compressed data")
        }
        #expect { try d.inflateRaw([0xFF, 0xFF, 0xFF], expectedSize: 10) } throws: { "\($0)".contains("corrupt compressed data") }
    }

    @Test func crc32OfTheCheckString() {
        #expect(Deflate.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Deflate.crc32([]) == 0)
    }
}
