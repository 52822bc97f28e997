import Crypto
import Foundation

/// Sealing for tokens kept elsewhere than the vault's own files (the platform keeps each workspace's token as
/// a ciphertext column in its database). Same key and cipher as the files; the ciphertext is bound to
/// `context` (for example the workspace id and GitLab URL), so a blob copied to another row does not open.
extension TokenVault {
    /// AES-GCM of the token: nonce ‖ ciphertext ‖ tag.
    public func seal(_ token: GitLabToken, context: String) throws -> [UInt8] {
        do {
            let box = try AES.GCM.seal(Data(token.reveal.utf8), using: key, authenticating: Data("picket-sealed-token/v1|\(context)".utf8))
            guard let combined = box.combined else { throw GitLabError.vault("cannot encrypt the token (no combined form)") }
            return [UInt8](combined)
        } catch let e as GitLabError {
            throw e
        } catch {
            throw GitLabError.vault("cannot encrypt the token: \(error)")
        }
    }

    /// The token sealed by `seal(_:context:)` with the same context.
    public func open(_ sealed: [UInt8], context: String) throws -> GitLabToken {
        do {
            let box = try AES.GCM.SealedBox(combined: Data(sealed))
            let plain = try AES.GCM.open(box, using: key, authenticating: Data("picket-sealed-token/v1|\(context)".utf8))
            guard let t = GitLabToken(String(decoding: plain, as: UTF8.self)) else {
                throw GitLabError.vault("the decrypted token is empty")
            }
            return t
        } catch let e as GitLabError {
            throw e
        } catch {
            throw GitLabError.vault("cannot decrypt the stored GitLab token with the current key (did PICKET_SECRET_KEY or <data dir>/secret.key change?); connect the token again")
        }
    }

    /// A key for another purpose derived from the vault's key (HKDF-SHA256), so one secret on disk serves
    /// several uses without reusing key material.
    public func derivedKey(purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data("picket/\(purpose)".utf8), outputByteCount: 32)
    }
}
