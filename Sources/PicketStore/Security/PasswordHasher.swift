import Crypto
import Dispatch
import Foundation
import _CryptoExtras

/// Password hashing with PBKDF2-HMAC-SHA256 (BoringSSL's implementation through swift-crypto), 600,000
/// iterations as OWASP recommends for this KDF, 16-byte random salt. Encoded as
/// `pbkdf2-sha256$ITERATIONS$SALT_BASE64$HASH_BASE64` so the cost can rise later without breaking old hashes.
public enum PasswordHasher {
    public static let iterations = 600_000
    static let scheme = "pbkdf2-sha256"
    static let keyLength = 32
    public static let minimumPasswordLength = 10
    public static let maximumPasswordLength = 1024

    /// Hashes off Swift's cooperative threads: one derivation takes a few hundred milliseconds by design.
    public static func hash(_ password: String) async throws -> String {
        try validate(password)
        var salt = [UInt8](repeating: 0, count: 16)
        var rng = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = rng.next() }
        let s = salt
        let key = try await offPool { try derive(password, salt: s, iterations: iterations) }
        return "\(scheme)$\(iterations)$\(Data(salt).base64EncodedString())$\(Data(key).base64EncodedString())"
    }

    /// True when `password` matches `encoded`. Malformed hashes never match.
    public static func verify(_ password: String, against encoded: String) async -> Bool {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == scheme, let n = Int(parts[1]), n >= 210_000, n <= 10_000_000,
              let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3])),
              password.utf8.count <= maximumPasswordLength
        else { return false }
        let s = [UInt8](salt)
        guard let key = try? await offPool({ try derive(password, salt: s, iterations: n) }) else { return false }
        return SecretToken.constantTimeEqual(key, [UInt8](expected))
    }

    /// Spends the same time as a real check, for unknown usernames (no timing oracle for which names exist).
    static func burnEquivalentTime(_ password: String) async {
        _ = try? await offPool { try derive(password, salt: [UInt8](repeating: 7, count: 16), iterations: iterations) }
    }

    public static func validate(_ password: String) throws {
        let n = password.count
        guard n >= minimumPasswordLength else {
            throw StoreError.invalidInput("the password must have at least \(minimumPasswordLength) characters")
        }
        guard password.utf8.count <= maximumPasswordLength else {
            throw StoreError.invalidInput("the password must have at most \(maximumPasswordLength) bytes")
        }
    }

    static func derive(_ password: String, salt: [UInt8], iterations: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256,
                                                    outputByteCount: keyLength, unsafeUncheckedRounds: iterations)
        return key.withUnsafeBytes { Array($0) }
    }

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { c in
            DispatchQueue.global(qos: .userInitiated).async {
                do { c.resume(returning: try work()) } catch { c.resume(throwing: error) }
            }
        }
    }
}
