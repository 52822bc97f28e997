import Foundation
import PicketCore
@testable import PicketStore
import Testing

@Suite("Workspaces, repositories, webhooks, settings")
struct WorkspaceTests {
    @Test("workspace with encrypted token and clear metadata", arguments: Backend.allCases)
    func workspaces(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let w = try await store.createWorkspace(NewWorkspace(name: "Acme", gitlabURL: "https://gitlab.example.com/", groupPath: "acme/platform", groupID: 42))
            #expect(w.gitlabURL == "https://gitlab.example.com")
            #expect(w.token == nil)
            #expect(w.gateSeverity == .high)
            await #expect(throws: StoreError.self) { try await store.createWorkspace(NewWorkspace(name: "dup", gitlabURL: "https://gitlab.example.com", groupPath: "acme/platform")) }
            await #expect(throws: StoreError.self) { try await store.createWorkspace(NewWorkspace(name: "x", gitlabURL: "https://user:pw@gitlab.example.com", groupPath: "g")) }
            let expiry = Date(timeIntervalSince1970: 1_900_000_000)
            let cipher: [UInt8] = Array("v1:nonce:ciphertext-bytes".utf8) + [0, 255, 7]
            let with = try await store.setWorkspaceToken(w.id, ciphertext: cipher, metadata: TokenMetadata(name: "picket-bot", scopes: ["api", "read_repository"], expiresAt: expiry, owner: "@picket-bot"))
            #expect(with.token?.scopes == ["api", "read_repository"])
            #expect(with.token?.expiresAt == expiry)
            #expect(with.token?.lastCheckOK == nil)
            #expect(try await store.workspaceTokenCiphertext(w.id) == cipher)
            let checked = try await store.recordTokenCheck(w.id, ok: false, message: "token expired", at: expiry)
            #expect(checked.token?.lastCheckOK == false)
            #expect(checked.token?.lastCheckMessage == "token expired")
            let updated = try await store.updateWorkspace(w.id, name: "Acme Corp", gateSeverity: .critical, schedule: .some("0 3 * * *"))
            #expect(updated.name == "Acme Corp")
            #expect(updated.gateSeverity == .critical)
            #expect(updated.schedule == "0 3 * * *")
            #expect(try await store.workspaces().count == 1)
            try await store.deleteWorkspace(w.id)
            await #expect(throws: StoreError.notFound("workspace \(w.id)")) { try await store.workspace(w.id) }
        }
    }

    @Test("repositories upsert by project id; hook secrets are hashed", arguments: Backend.allCases)
    func repositories(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let r = try await Sample.repository(store, projectID: 77, path: "acme/api")
            let again = try await store.upsertRepository(workspaceID: r.workspaceID, RepositoryInfo(gitlabProjectID: 77, path: "acme/api-renamed", defaultBranch: "trunk", archived: true))
            #expect(again.id == r.id)
            #expect(again.path == "acme/api-renamed")
            #expect(again.defaultBranch == "trunk")
            #expect(try await store.repositories(workspaceID: r.workspaceID, includeArchived: false).isEmpty)
            #expect(try await store.repositories(workspaceID: r.workspaceID, includeArchived: true).count == 1)
            let secret = "whsec-" + SecretToken.random(bytes: 24)
            let hooked = try await store.setRepositoryHook(r.id, hookID: 9001, secret: secret)
            #expect(hooked.hasHookSecret)
            #expect(hooked.hookID == 9001)
            #expect(try await store.verifyHookSecret(repositoryID: r.id, presented: secret))
            #expect(try await !store.verifyHookSecret(repositoryID: r.id, presented: secret + "x"))
            let stored = try await store.database.read { ex in try await ex.queryFirst("SELECT hook_secret_hash FROM repositories")?.text("hook_secret_hash") }
            #expect(stored != secret)
            #expect(try await store.repository(workspaceID: r.workspaceID, gitlabProjectID: 77)?.id == r.id)
        }
    }

    @Test("webhook deliveries are recorded once per event UUID", arguments: Backend.allCases)
    func deliveries(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            let sha = Hashing.sha256Hex("{\"object_kind\":\"push\"}")
            let (d, dup) = try await store.recordWebhookDelivery(eventUUID: "8c1e-uuid", eventType: "Push Hook", payloadSHA256: sha, workspaceID: nil)
            #expect(!dup)
            #expect(d.status == .received)
            let racers = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<4 { group.addTask { try await store.recordWebhookDelivery(eventUUID: "8c1e-uuid", eventType: "Push Hook", payloadSHA256: sha, workspaceID: nil).duplicate } }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(racers.allSatisfy { $0 })
            let job = try await store.enqueue(NewJob(type: "scan")).job
            let done = try await store.updateWebhookDelivery(d.id, status: .processed, jobID: job.id, error: nil)
            #expect(done.status == .processed)
            #expect(done.jobID == job.id)
            #expect(done.processedAt != nil)
            #expect(try await store.webhookDeliveries(limit: 10).count == 1)
        }
    }

    @Test("settings upsert and delete", arguments: Backend.allCases)
    func settings(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store, _ in
            #expect(try await store.setting("base_url") == nil)
            try await store.setSetting("base_url", value: "https://picket.example.com")
            try await store.setSetting("base_url", value: "https://picket2.example.com")
            #expect(try await store.setting("base_url") == "https://picket2.example.com")
            try await store.deleteSetting("base_url")
            #expect(try await store.setting("base_url") == nil)
        }
    }
}
