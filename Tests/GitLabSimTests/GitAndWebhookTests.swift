import AsyncHTTPClient
import Foundation
import GitLabSimKit
import NIOCore
import Testing

@Suite("Git over smart HTTP and webhooks")
struct GitAndWebhookTests {
    static let git = "/usr/bin/git"

    func cloneURL(_ h: SimHarness, user: String? = nil, token: String? = nil, path: String) -> String {
        let hostPort = h.sim.baseURL.replacingOccurrences(of: "http://", with: "")
        if let token { return "http://\(user ?? "oauth2"):\(token)@\(hostPort)/\(path).git" }
        return "http://\(hostPort)/\(path).git"
    }

    @Test func cloneWithTokenAsPasswordOrHeader() async throws {
        try await SimHarness.with() { h async throws in
            let dir = try tempDir()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let path = "acme/platform/backend/payments/payments-api"
            let basic = try await run(Self.git, ["clone", "-q", cloneURL(h, user: "anything", token: Tok.picketRead, path: path), dir + "/a"])
            #expect(basic.status == 0, "\(basic.output)")
            let log = try await run(Self.git, ["-C", dir + "/a", "log", "--format=%s", "main"])
            #expect(log.output == "Move credentials to the environment\nInitial payments service\n")
            // The removed secret is still in history.
            #expect(!FileManager.default.fileExists(atPath: dir + "/a/.commit-message"))
            let first = try await run(Self.git, ["-C", dir + "/a", "show", "main~1:app/settings.py"])
            #expect(first.output.contains("AKIAQYLPMN5HFIQR7XQS"))
            let header = try await run(Self.git, ["-c", "http.extraHeader=Authorization: Bearer \(Tok.picket)", "clone", "-q",
                                            cloneURL(h, path: "acme/web/storefront"), dir + "/b"])
            #expect(header.status == 0, "\(header.output)")
            #expect(FileManager.default.fileExists(atPath: dir + "/b/package-lock.json"))
            let v2 = try await run(Self.git, ["-c", "protocol.version=2", "-c", "http.extraHeader=PRIVATE-TOKEN: \(Tok.picket)", "clone", "-q",
                                        "--depth", "1", cloneURL(h, path: "acme/platform/infra"), dir + "/c"])
            #expect(v2.status == 0, "\(v2.output)")
        }
    }

    @Test func cloneFailsWithoutOrWithBadCredentials() async throws {
        try await SimHarness.with() { h async throws in
            let dir = try tempDir()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let path = "acme/platform/backend/ledger"
            let none = try await run(Self.git, ["clone", "-q", cloneURL(h, path: path), dir + "/a"])
            #expect(none.status != 0)
            let bad = try await run(Self.git, ["clone", "-q", cloneURL(h, token: "glpat-wrong", path: path), dir + "/b"])
            #expect(bad.status != 0)
            #expect(bad.output.contains("Authentication failed"))
            let scope = try await run(Self.git, ["clone", "-q", cloneURL(h, token: Tok.aliceReadUser, path: path), dir + "/c"])
            #expect(scope.status != 0)
            let expired = try await run(Self.git, ["clone", "-q", cloneURL(h, token: Tok.bobExpired, path: path), dir + "/d"])
            #expect(expired.status != 0)
            // A guest of a private project may not download code.
            let guest = try await run(Self.git, ["clone", "-q", cloneURL(h, token: Tok.dave, path: "acme/platform/backend/payments/payments-api"), dir + "/e"])
            #expect(guest.status != 0)
            #expect(guest.output.contains("not allowed to download code"))
            let raw = try await h.get(h.sim.baseURL + "/\(path).git/info/refs?service=git-upload-pack")
            #expect(raw.status == 401)
            #expect(raw.header("WWW-Authenticate") == "Basic realm=\"GitLab\"")
        }
    }

    @Test func pushControlDeliversPushHooks() async throws {
        try await SimHarness.with() { h async throws in
            let receiver = try await HookReceiver.start()
            defer { Task { await receiver.stop() } }
            let create = try await h.request(.POST, "/projects/102/hooks", token: Tok.picket,
                                             json: #"{"url":"\#(receiver.url)","token":"hook-secret","push_events":true,"merge_requests_events":true,"enable_ssl_verification":false}"#)
            #expect(create.status == 201)
            #expect(create.json["token"] == nil)
            #expect(create.json["push_events"] == true)
            #expect(create.json["enable_ssl_verification"] == false)
            let push = try await h.request(.POST, "/-/sim/projects/acme%2Fplatform%2Fbackend%2Fledger/push",
                                           json: #"{"branch":"main","message":"Add config","files":{"config/app.env":"TOKEN=abc\n"},"author":"bob"}"#)
            #expect(push.status == 201, "\(push.text)")
            let received = await receiver.requests
            #expect(received.count == 1)
            guard let first = received.first else { return }
            #expect(first.headers["x-gitlab-event"] == "Push Hook")
            #expect(first.headers["x-gitlab-token"] == "hook-secret")
            #expect(first.headers["user-agent"] == "GitLab/17.9.2-ee")
            #expect(first.headers["x-gitlab-instance"] == h.sim.baseURL)
            #expect(first.headers["x-gitlab-event-uuid"]?.count == 36)
            #expect(first.headers["idempotency-key"]?.count == 36)
            let payload = try JSONValue.parse(first.body)
            #expect(payload["object_kind"] == "push")
            #expect(payload["ref"] == "refs/heads/main")
            #expect(payload["after"] == push.json["after"])
            #expect(payload["before"] == push.json["before"])
            #expect(payload["user_username"] == "bob")
            #expect(payload["total_commits_count"] == 1)
            #expect(payload["commits"]?.arrayValue?.first?["added"] == ["config/app.env"])
            #expect(payload["project"]?["path_with_namespace"] == "acme/platform/backend/ledger")
            // The new commit is served over git and the API.
            let branch = try await h.get("/projects/102/repository/branches/main", token: Tok.picket)
            #expect(branch.json["commit"]?["id"] == push.json["after"])
            let deliveries = try await h.get("/-/sim/deliveries")
            #expect(deliveries.json.arrayValue?.first?["response_status"] == 200)
            #expect(deliveries.json.arrayValue?.first?["request_headers"]?["X-Gitlab-Token"] == "[REDACTED]")
        }
    }

    @Test func mergeRequestEventsAndGroupHooks() async throws {
        try await SimHarness.with() { h async throws in
            let receiver = try await HookReceiver.start()
            defer { Task { await receiver.stop() } }
            // Group hooks: Owner on a Premium/Ultimate top-level group; absent on Free.
            #expect(try await h.request(.POST, "/groups/acme/hooks", token: Tok.picket, json: #"{"url":"\#(receiver.url)"}"#).status == 403)
            #expect(try await h.request(.POST, "/groups/partners/hooks", token: Tok.root, json: #"{"url":"\#(receiver.url)"}"#).status == 404)
            let g = try await h.request(.POST, "/groups/acme/hooks", token: Tok.aliceAPI,
                                        json: #"{"url":"\#(receiver.url)","merge_requests_events":true,"push_events":false,"token":"grp"}"#)
            #expect(g.status == 201)
            #expect(g.json["group_id"] == 10)
            let open = try await h.request(.POST, "/-/sim/projects/101/merge_requests",
                                           json: #"{"title":"Add webhook","source_branch":"feature/hook","files":{"hook.py":"print(1)\n"},"author":"bob"}"#)
            #expect(open.status == 201, "\(open.text)")
            let iid = open.json["merge_request"]?["iid"]?.intValue ?? 0
            #expect(iid == 2)
            let update = try await h.request(.POST, "/-/sim/projects/101/merge_requests",
                                             json: #"{"iid":\#(iid),"action":"update","files":{"hook.py":"print(2)\n"}}"#)
            #expect(update.status == 201, "\(update.text)")
            let received = await receiver.requests
            #expect(received.count == 2)
            let payloads = try received.map { try JSONValue.parse($0.body) }
            #expect(payloads.map { $0["object_attributes"]?["action"] } == ["open", "update"])
            #expect(payloads[0]["object_attributes"]?["oldrev"] == nil)
            #expect(payloads[1]["object_attributes"]?["oldrev"] == open.json["merge_request"]?["sha"])
            #expect(received.allSatisfy { $0.headers["x-gitlab-event"] == "Merge Request Hook" && $0.headers["x-gitlab-token"] == "grp" })
            let diffs = try await h.get("/projects/101/merge_requests/\(iid)/diffs", token: Tok.picket)
            #expect(diffs.json.arrayValue?.first?["new_path"] == "hook.py")
            #expect(diffs.json.arrayValue?.first?["diff"]?.stringValue?.hasPrefix("@@ -0,0 +1 @@") == true)
            let versions = try await h.get("/projects/101/merge_requests/\(iid)/versions", token: Tok.picket)
            #expect(versions.json.arrayValue?.count == 2)
        }
    }

    @Test func gitPushWithAWriteTokenFiresPushHooks() async throws {
        try await SimHarness.with() { h async throws in
            let receiver = try await HookReceiver.start()
            defer { Task { await receiver.stop() } }
            #expect(try await h.request(.POST, "/projects/104/hooks", token: Tok.aliceAPI, json: #"{"url":"\#(receiver.url)"}"#).status == 201)
            let dir = try tempDir()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let url = cloneURL(h, token: Tok.aliceAPI, path: "acme/platform/infra")
            #expect(try await run(Self.git, ["clone", "-q", url, dir + "/w"]).status == 0)
            try "variable \"region\" {}\n".write(toFile: dir + "/w/vars.tf", atomically: true, encoding: .utf8)
            _ = try await run(Self.git, ["-C", dir + "/w", "add", "vars.tf"])
            _ = try await run(Self.git, ["-C", dir + "/w", "-c", "user.name=Bob", "-c", "user.email=bob@example.com", "commit", "-qm", "Add vars"])
            let push = try await run(Self.git, ["-C", dir + "/w", "push", "-q", "origin", "main"])
            #expect(push.status == 0, "\(push.output)")
            // Read-only scopes may not push.
            let readOnly = try await run(Self.git, ["-C", dir + "/w", "push", "-q", cloneURL(h, token: Tok.picketRead, path: "acme/platform/infra"), "main:other"])
            #expect(readOnly.status != 0)
            var received = await receiver.requests
            for _ in 0 ..< 50 where received.isEmpty {
                try await Task.sleep(for: .milliseconds(100))
                received = await receiver.requests
            }
            #expect(received.count == 1)
            let payload = try JSONValue.parse(received.first?.body ?? Data())
            #expect(payload["object_kind"] == "push")
            #expect(payload["user_username"] == "alice")
            #expect(payload["commits"]?.arrayValue?.first?["title"] == "Add vars")
            #expect(payload["commits"]?.arrayValue?.first?["added"] == ["vars.tf"])
        }
    }

    @Test func failedDeliveriesAreRecorded() async throws {
        try await SimHarness.with() { h async throws in
            let receiver = try await HookReceiver.start(status: .internalServerError)
            defer { Task { await receiver.stop() } }
            #expect(try await h.request(.POST, "/projects/102/hooks", token: Tok.picket, json: #"{"url":"\#(receiver.url)"}"#).status == 201)
            // Port 9 (discard) is closed on loopback: a connection error.
            #expect(try await h.request(.POST, "/projects/102/hooks", token: Tok.picket, json: #"{"url":"http://127.0.0.1:9/hook"}"#).status == 201)
            let push = try await h.request(.POST, "/-/sim/projects/102/push", json: #"{"files":{"a.txt":"a"}}"#)
            let deliveries = push.json["deliveries"]?.arrayValue ?? []
            #expect(deliveries.count == 2)
            #expect(deliveries.first?["response_status"] == 500)
            #expect(deliveries.last?["response_status"] == .null)
            #expect(deliveries.last?["error"] != .null)
            #expect(try await h.get("/projects/102/hooks", token: Tok.dave).status == 404)
        }
    }

    @Test func gzipUploadPackRequestBodies() async throws {
        try await SimHarness.with() { h async throws in
            let repo = h.sim.baseURL + "/acme/platform/backend/ledger.git"
            let refs = try await h.get(repo + "/info/refs?service=git-upload-pack", token: Tok.picket)
            #expect(refs.status == 200)
            #expect(refs.header("Content-Type") == "application/x-git-upload-pack-advertisement")
            // The first advertised ref line after the service header: "<len><sha> HEAD\0caps".
            let lines = refs.text.components(separatedBy: "\n")
            let headLine = try #require(lines.first { $0.contains(" HEAD") })
            let sha = String(headLine.suffix(from: headLine.index(headLine.startIndex, offsetBy: headLine.hasPrefix("0000") ? 8 : 4)).prefix(40))
            let want = "want \(sha)\n"
            let request = String(format: "%04x", want.utf8.count + 4) + want + "0000" + "0009done\n"
            let dir = try tempDir()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try request.write(toFile: dir + "/req", atomically: true, encoding: .utf8)
            _ = try await run("/bin/gzip", ["-k", dir + "/req"])
            let gz = try Data(contentsOf: URL(fileURLWithPath: dir + "/req.gz"))
            var req = HTTPClientRequest(url: repo + "/git-upload-pack")
            req.method = .POST
            req.headers.add(name: "PRIVATE-TOKEN", value: Tok.picket)
            req.headers.add(name: "Content-Type", value: "application/x-git-upload-pack-request")
            req.headers.add(name: "Content-Encoding", value: "gzip")
            req.body = .bytes(ByteBuffer(bytes: gz))
            let resp = try await HTTPClient.shared.execute(req, timeout: .seconds(30))
            let body = try await resp.body.collect(upTo: 16 << 20)
            #expect(resp.status.code == 200)
            #expect(resp.headers.first(name: "Content-Type") == "application/x-git-upload-pack-result")
            #expect(String(decoding: body.readableBytesView, as: UTF8.self).contains("PACK"))
        }
    }

    @Test func archiveAndRawFiles() async throws {
        try await SimHarness.with() { h async throws in
            let r = try await h.get("/projects/103/repository/archive.tar.gz?sha=main", token: Tok.picketRead)
            #expect(r.status == 200)
            #expect(r.body.prefix(2) == Data([0x1f, 0x8b]))
            let dir = try tempDir()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try r.body.write(to: URL(fileURLWithPath: dir + "/a.tgz"))
            let list = try await run("/bin/tar", ["tzf", dir + "/a.tgz"])
            #expect(list.output.contains("/package-lock.json"))
            let raw = try await h.get("/projects/103/repository/files/src%2Findex.js/raw?ref=main", token: Tok.picketRead)
            #expect(raw.text.contains("lodash"))
            #expect(try await h.get("/projects/103/repository/files/nope.txt/raw?ref=main", token: Tok.picketRead).json == ["message": "404 File Not Found"])
        }
    }
}
