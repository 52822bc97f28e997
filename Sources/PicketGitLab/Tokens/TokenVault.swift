#if canImport(Glibc)
import Glibc
#endif
import Crypto
import Foundation
import PicketCore

/// Keeps GitLab tokens encrypted at rest (AES-GCM, 256-bit key). The key comes from `PICKET_SECRET_KEY`
/// (base64 of 32 bytes) or from `<data dir>/secret.key`, created 0600 on first use. One record per
/// connection name under `<data dir>/gitlab/tokens/<name>.json`, written durably (the rotation path depends on
/// it: GitLab revokes the old token the moment it hands out the new one).
public struct TokenVault: Sendable {
    public let dataDirectory: DataDirectory
    public let directory: String
    let key: SymmetricKey

    public init(dataDirectory: DataDirectory, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        try dataDirectory.ensureExists()
        self.dataDirectory = dataDirectory
        key = try TokenVault.loadKey(dataDirectory: dataDirectory, environment: environment)
        directory = try TokenVault.ensureDirectory(dataDirectory.path + "/gitlab/tokens")
    }

    /// Reading metadata only needs no key.
    public static func record(dataDirectory: DataDirectory, name: String = "default") throws -> TokenRecord? {
        try readRecord(at: dataDirectory.path + "/gitlab/tokens/\(try safeName(name)).json")
    }

    public func path(for name: String) throws -> String { directory + "/\(try TokenVault.safeName(name)).json" }

    /// Seals and stores `token` with its metadata, replacing any earlier record of that name durably.
    public func store(_ token: GitLabToken, url: String, group: String?, metadata: TokenRecord.Metadata,
                      name: String = "default") throws {
        let sealed: AES.GCM.SealedBox
        do {
            sealed = try AES.GCM.seal(Data(token.reveal.utf8), using: key, authenticating: TokenVault.aad(name: name, url: url))
        } catch {
            throw GitLabError.vault("cannot encrypt the token: \(error)")
        }
        guard let combined = sealed.combined else { throw GitLabError.vault("cannot encrypt the token (no combined form)") }
        let record = TokenRecord(url: url, group: group, metadata: metadata, sealed: combined.base64EncodedString())
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        enc.dateEncodingStrategy = .iso8601
        let data: Data
        do { data = try enc.encode(record) } catch { throw GitLabError.vault("cannot encode the token record: \(error)") }
        try DurableFile.write(data, to: try path(for: name))
    }

    /// The record and its token, or nil when nothing is stored under `name`.
    public func load(name: String = "default") throws -> (record: TokenRecord, token: GitLabToken)? {
        let p = try path(for: name)
        guard let record = try TokenVault.readRecord(at: p) else { return nil }
        guard let combined = Data(base64Encoded: record.sealed) else {
            throw GitLabError.vault("\(p): the sealed token is not base64; store the token again with 'picket gitlab token set'")
        }
        do {
            let box = try AES.GCM.SealedBox(combined: combined)
            let plain = try AES.GCM.open(box, using: key, authenticating: TokenVault.aad(name: name, url: record.url))
            guard let t = GitLabToken(String(decoding: plain, as: UTF8.self)) else {
                throw GitLabError.vault("\(p): the decrypted token is empty")
            }
            return (record, t)
        } catch let e as GitLabError {
            throw e
        } catch {
            throw GitLabError.vault("\(p): cannot decrypt the stored token with the current key (did PICKET_SECRET_KEY or secret.key change?); store the token again with 'picket gitlab token set'")
        }
    }

    /// The record is bound to its name and URL: a record copied under another name or edited to point at
    /// another instance no longer decrypts.
    static func aad(name: String, url: String) -> Data { Data("picket-gitlab-token/v1|\(name)|\(url)".utf8) }

    static func readRecord(at path: String) throws -> TokenRecord? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { throw GitLabError.vault("cannot read \(path)") }
        let dec = JSONDecoder()
        dec.dateDecodingStrategy = .iso8601
        do { return try dec.decode(TokenRecord.self, from: data) } catch {
            throw GitLabError.vault("\(path) is not a Picket token record (\(error)); store the token again with 'picket gitlab token set'")
        }
    }

    static func safeName(_ name: String) throws -> String {
        guard !name.isEmpty, name.count <= 64, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw GitLabError.vault("connection name '\(name)' must be 1-64 letters, digits, '-' or '_'")
        }
        return name
    }

    static func ensureDirectory(_ p: String) throws -> String {
        do {
            try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw GitLabError.vault("cannot create \(p): \(error.localizedDescription)")
        }
        return p
    }

    // MARK: Key

    /// `PICKET_SECRET_KEY` when set, else `<data dir>/secret.key` (created on first use).
    public static func loadKey(dataDirectory: DataDirectory, environment: [String: String]) throws -> SymmetricKey {
        if let env = environment["PICKET_SECRET_KEY"], !env.isEmpty {
            guard let raw = Data(base64Encoded: env.trimmingCharacters(in: .whitespacesAndNewlines)), raw.count == 32 else {
                throw GitLabError.vault("PICKET_SECRET_KEY must be the base64 of 32 random bytes (e.g. from 'openssl rand -base64 32')")
            }
            return SymmetricKey(data: raw)
        }
        let path = dataDirectory.path + "/secret.key"
        if let key = try readKeyFile(path) { return key }
        let fresh = SymmetricKey(size: .bits256)
        let text = fresh.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
        if try DurableFile.createExclusive(Data(text.utf8), at: path) { return fresh }
        // Another process created it first: use theirs.
        guard let key = try readKeyFile(path) else { throw GitLabError.vault("cannot read \(path)") }
        return key
    }

    private static func readKeyFile(_ path: String) throws -> SymmetricKey? {
        var st = stat()
        guard lstat(path, &st) == 0 else {
            if errno == ENOENT { return nil }
            throw DurableFile.failure("cannot read \(path)")
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw GitLabError.vault("\(path) is not a regular file") }
        guard st.st_mode & 0o077 == 0 else {
            throw GitLabError.vault("\(path) is readable by other users (mode \(String(st.st_mode & 0o777, radix: 8))); run 'chmod 600 \(path)'")
        }
        guard let data = FileManager.default.contents(atPath: path),
              let raw = Data(base64Encoded: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
              raw.count == 32 else {
            throw GitLabError.vault("\(path) does not hold a key (base64 of 32 bytes); move it away to have Picket create a new one, then store the token again")
        }
        return SymmetricKey(data: raw)
    }
}
