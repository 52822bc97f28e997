/// Shannon entropy in bits per byte: how random a candidate looks. Real keys sit well above 3.5; words,
/// identifiers and placeholders sit lower.
enum Entropy {
    static func shannon(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        guard !bytes.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for b in bytes { counts[Int(b)] += 1 }
        let n = Double(bytes.count)
        var h = 0.0
        for c in counts where c > 0 {
            let p = Double(c) / n
            h -= p * log2(p)
        }
        return h
    }

    static func shannon(_ bytes: [UInt8]) -> Double { bytes.withUnsafeBufferPointer { shannon($0) } }
}

import Foundation
