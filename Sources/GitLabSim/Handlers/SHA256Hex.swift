import Crypto
import Foundation

enum SHA256Hex {
    static func hex(_ d: Data) -> String { SHA256.hash(data: d).map { String(format: "%02x", $0) }.joined() }
}
