/// Finds text that hides other text (base64, hex, percent-encoding) so the engine can scan what it decodes to.
/// Candidates come either from a Vectorscan pattern in the shared database (`pattern`), or, for encodings
/// that are long runs of one byte class, from `EncodedRunFinder`'s single pass: class-repeat patterns such as
/// `[A-Za-z0-9+/]{24}` cost Vectorscan ten times more than all the provider rules together.
protocol EncodedBlobDecoder: Sendable {
    var name: String { get }
    /// Pattern for Vectorscan, nil when runs are found by `EncodedRunFinder`.
    var pattern: String? { get }
    /// Byte class of the encoding, to widen a candidate to the whole encoded run.
    func isAlphabet(_ b: UInt8) -> Bool
    /// Decodes a run, nil when it is not valid in this encoding.
    func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]?
}

enum EncodedBlobDecoders {
    static let all: [any EncodedBlobDecoder] = [Base64BlobDecoder(), HexBlobDecoder(), PercentBlobDecoder()]

    /// Decoded text only counts when it is mostly printable: random bytes (hashes, compressed data) are skipped.
    static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 8 else { return false }
        // Stops at the first few non-printable bytes: random data fails within a handful.
        let allowed = bytes.count / 20
        var bad = 0
        for b in bytes where !((b >= 0x20 && b < 0x7F) || b == 0x0A || b == 0x0D || b == 0x09) {
            bad += 1
            if bad > allowed { return false }
        }
        return true
    }
}

struct Base64BlobDecoder: EncodedBlobDecoder {
    let name = "base64"
    let pattern: String? = nil

    func isAlphabet(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2F
    }

    func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3 / 4)
        var acc: UInt32 = 0, bits = 0
        for b in bytes {
            let v: UInt32
            switch b {
            case 0x41...0x5A: v = UInt32(b - 0x41)
            case 0x61...0x7A: v = UInt32(b - 0x61 + 26)
            case 0x30...0x39: v = UInt32(b - 0x30 + 52)
            case 0x2B, 0x2D: v = 62
            case 0x2F, 0x5F: v = 63
            case 0x3D: continue
            default: return nil
            }
            acc = (acc << 6) | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((acc >> UInt32(bits)) & 0xFF))
            }
        }
        return out
    }
}

struct HexBlobDecoder: EncodedBlobDecoder {
    let name = "hex"
    let pattern: String? = nil

    func isAlphabet(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66) }

    func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard bytes.count % 2 == 0 else { return decode(UnsafeBufferPointer(rebasing: bytes.dropLast())) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        var i = 0
        while i + 1 < bytes.count {
            guard let h = nibble(bytes[i]), let l = nibble(bytes[i + 1]) else { return nil }
            out.append(h << 4 | l)
            i += 2
        }
        return out
    }

    private func nibble(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }
}

struct PercentBlobDecoder: EncodedBlobDecoder {
    let name = "percent"
    /// Several escapes close together: one lone `%20` is not worth a decode.
    let pattern: String? = "%[0-9A-Fa-f]{2}[^\\s%\"'<>]{0,24}%[0-9A-Fa-f]{2}"

    func isAlphabet(_ b: UInt8) -> Bool {
        !(b <= 0x20 || b == 0x22 || b == 0x27 || b == 0x3C || b == 0x3E || b == 0x60 || b >= 0x7F)
    }

    func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0, changed = false
        while i < bytes.count {
            if bytes[i] == 0x25, i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) {
                out.append(h << 4 | l)
                i += 3
                changed = true
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return changed ? out : nil
    }

    private func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }
}
