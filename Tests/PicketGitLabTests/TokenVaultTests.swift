#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PicketCore
@testable import PicketGitLab
import PicketTestSupport
import Testing

@Suite struct TokenVaultTests {
    static let secret = "glpat-VaultTest-9f8e7d6c5b4a"

    func metadata() -> TokenRecord.Metadata {
        TokenRecord.Metadata(tokenID: 7, name: "picket", scopes: ["api"], expiresAt: "2027-01-31",
                             owner: .init(id: 3, username: "service_account_group_1_abc", kind: .serviceAccount))
    }

    @Test func storesEncryptedWithMetadataInClearAndKeyFileIs0600() throws {
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-vault")
        defer { TestEnvironment.remove(dir) }
        let data = DataDirectory(path: dir)
        let vault = try TokenVault(dataDirectory: data, environment: [:])
        let token = try #require(GitLabToken(Self.secret))
        try vault.store(token, url: "https://gitlab.example.org", group: "acme", metadata: metadata())

        let recordText = try String(contentsOfFile: dir + "/gitlab/tokens/default.json", encoding: .utf8)
        #expect(!recordText.contains(Self.secret))
        #expect(recordText.contains("\"expiresAt\" : \"2027-01-31\""))
        #expect(recordText.contains("service_account_group_1_abc"))
        var st = stat()
        #expect(stat(dir + "/secret.key", &st) == 0)
        #expect(st.st_mode & 0o777 == 0o600)
        #expect(stat(dir + "/gitlab/tokens/default.json", &st) == 0)
        #expect(st.st_mode & 0o777 == 0o600)

        let loaded = try #require(try vault.load())
        #expect(loaded.token.reveal == Self.secret)
        #expect(loaded.record.metadata.owner?.kind == .serviceAccount)
        // Metadata is readable without the key.
        #expect(try TokenVault.record(dataDirectory: data)?.metadata.tokenID == 7)
        // A second vault on the same folder reuses the key.
        #expect(try TokenVault(dataDirectory: data, environment: [:]).load()?.token.reveal == Self.secret)
    }

    @Test func keyFromEnvironmentAndWrongKeysAreExplained() throws {
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-vault")
        defer { TestEnvironment.remove(dir) }
        let data = DataDirectory(path: dir)
        let keyA = Data((0..<32).map { UInt8($0) }).base64EncodedString()
        let keyB = Data((0..<32).map { UInt8(255 - $0) }).base64EncodedString()
        let token = try #require(GitLabToken(Self.secret))
        try TokenVault(dataDirectory: data, environment: ["PICKET_SECRET_KEY": keyA])
            .store(token, url: "https://gitlab.example.org", group: "acme", metadata: metadata())
        #expect(!FileManager.default.fileExists(atPath: dir + "/secret.key"), "no key file when the key comes from the environment")
        #expect(try TokenVault(dataDirectory: data, environment: ["PICKET_SECRET_KEY": keyA]).load()?.token == token)

        do {
            _ = try TokenVault(dataDirectory: data, environment: ["PICKET_SECRET_KEY": keyB]).load()
            Issue.record("a wrong key must not decrypt")
        } catch {
            #expect("\(error)" == "\(dir)/gitlab/tokens/default.json: cannot decrypt the stored token with the current key (did PICKET_SECRET_KEY or secret.key change?); store the token again with 'picket gitlab token set'")
        }
        #expect(throws: GitLabError.vault("PICKET_SECRET_KEY must be the base64 of 32 random bytes (e.g. from 'openssl rand -base64 32')")) {
            _ = try TokenVault(dataDirectory: data, environment: ["PICKET_SECRET_KEY": "c2hvcnQ="])
        }
    }

    @Test func recordEditedToAnotherInstanceNoLongerDecrypts() throws {
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-vault")
        defer { TestEnvironment.remove(dir) }
        let data = DataDirectory(path: dir)
        let vault = try TokenVault(dataDirectory: data, environment: [:])
        try vault.store(try #require(GitLabToken(Self.secret)), url: "https://gitlab.example.org", group: "acme", metadata: metadata())
        let path = dir + "/gitlab/tokens/default.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "gitlab.example.org", with: "evil.example.org").utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: GitLabError.self) { _ = try vault.load() }
    }

    @Test func keyFileReadableByOthersIsRefused() throws {
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-vault")
        defer { TestEnvironment.remove(dir) }
        let data = DataDirectory(path: dir)
        _ = try TokenVault(dataDirectory: data, environment: [:])
        chmod(dir + "/secret.key", 0o644)
        #expect(throws: GitLabError.vault("\(dir)/secret.key is readable by other users (mode 644); run 'chmod 600 \(dir)/secret.key'")) {
            _ = try TokenVault(dataDirectory: data, environment: [:])
        }
    }

    @Test func keyFileIs0600EvenUnderAPermissiveUmask() async throws {
        // A child process with umask 000 creates the key (token set opens the vault before it contacts GitLab).
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-vault")
        defer { TestEnvironment.remove(dir) }
        try TestEnvironment.write(["tok": Self.secret + "\n"], under: dir)
        let r = try await ProcessRunner("/bin/sh", ["-c", "umask 000; exec \"$0\" gitlab token set --url http://127.0.0.1:9 --group g --token-file \"$1\" --data-dir \"$2\"",
                                                     TestEnvironment.picketBinary, dir + "/tok", dir + "/data"],
                                        environment: ProcessInfo.processInfo.environment.filter { $0.key != "PICKET_SECRET_KEY" && $0.key != "PICKET_GITLAB_TOKEN" },
                                        timeout: .seconds(120)).run()
        #expect(r.status == 1, "GitLab is not there, so the check fails: \(r.stderrText)")
        #expect(r.stderrText.contains("the new token was not stored (nothing was stored)"))
        #expect(!(r.stdoutText + r.stderrText).contains(Self.secret))
        var st = stat()
        #expect(stat(dir + "/data/secret.key", &st) == 0)
        #expect(st.st_mode & 0o777 == 0o600)
        #expect(!FileManager.default.fileExists(atPath: dir + "/data/gitlab/tokens/default.json"))
    }

    @Test func tokenDescriptionsAreRedacted() throws {
        let t = try #require(GitLabToken("  \(Self.secret)\n"))
        #expect(t.reveal == Self.secret)
        #expect("\(t)" == "glpat-[REDACTED]")
        #expect(String(reflecting: t) == "glpat-[REDACTED]")
        #expect(GitLabToken("two words") == nil)
        #expect(GitLabToken("") == nil)
        #expect(t.redact("remote: token \(Self.secret) rejected") == "remote: token [REDACTED] rejected")
    }
}
