import Foundation
import GitLabSimKit
import Testing

@Suite("Commit statuses, MR notes and discussions")
struct ReportingTests {
    @Test func statusesFollowTheStateMachineAndAreRecorded() async throws {
        try await SimHarness.with() { h async throws in
            let sha = try await h.get("/projects/101/repository/branches/main", token: Tok.picket).json["commit"]?["id"]?.stringValue ?? ""
            #expect(sha.count == 40)
            let running = try await h.request(.POST, "/projects/101/statuses/\(sha)", token: Tok.picket,
                                              json: #"{"state":"running","name":"picket/secrets","ref":"main","target_url":"http://127.0.0.1/report"}"#)
            #expect(running.status == 201)
            #expect(running.json["status"] == "running")
            #expect(running.json["name"] == "picket/secrets")
            let again = try await h.request(.POST, "/projects/101/statuses/\(sha)", token: Tok.picket, json: #"{"state":"running","name":"picket/secrets","ref":"main"}"#)
            #expect(again.status == 400)
            #expect(again.json == ["message": "Cannot transition status via :run from :running"])
            let done = try await h.request(.POST, "/projects/101/statuses/\(sha)", token: Tok.picket,
                                           json: #"{"state":"failed","name":"picket/secrets","ref":"main","description":"1 secret"}"#)
            #expect(done.json["id"] == running.json["id"])
            #expect(done.json["status"] == "failed")
            #expect(done.json["finished_at"] != .null)
            // Reporter may not set statuses; an unknown commit is 404.
            #expect(try await h.request(.POST, "/projects/103/statuses/\(sha)", token: Tok.carol, form: "state=success").status == 403)
            let missing = try await h.request(.POST, "/projects/101/statuses/\(String(repeating: "a", count: 40))", token: Tok.picket, form: "state=success")
            #expect(missing.json == ["message": "404 Commit Not Found"])
            let list = try await h.get("/projects/101/repository/commits/\(sha)/statuses", token: Tok.picket)
            #expect(list.json.arrayValue?.map { $0["status"] } == ["failed"])
            let recorded = try await h.get("/-/sim/statuses")
            #expect(recorded.json.arrayValue?.count == 1)
            #expect(recorded.json.arrayValue?.first?["description"] == "1 secret")
            #expect(recorded.json.arrayValue?.first?["project"] == "acme/platform/backend/payments/payments-api")
        }
    }

    @Test func notesAreCreatedUpdatedAndRecorded() async throws {
        try await SimHarness.with() { h async throws in
            let created = try await h.request(.POST, "/projects/101/merge_requests/1/notes", token: Tok.picket, json: #"{"body":"Picket: 1 finding"}"#)
            #expect(created.status == 201)
            #expect(created.json["noteable_type"] == "MergeRequest")
            #expect(created.json["noteable_iid"] == 1)
            #expect(created.json["author"]?["username"] == "service_account_group_10_picket")
            let id = created.json["id"]?.intValue ?? 0
            let updated = try await h.request(.PUT, "/projects/101/merge_requests/1/notes/\(id)", token: Tok.picket, json: #"{"body":"Picket: 0 findings"}"#)
            #expect(updated.status == 200)
            #expect(updated.json["body"] == "Picket: 0 findings")
            // Someone else's note: Developer may not edit it.
            #expect(try await h.request(.PUT, "/projects/101/merge_requests/1/notes/\(id)", token: Tok.bob, json: #"{"body":"x"}"#).status == 403)
            // A guest cannot comment.
            #expect(try await h.request(.POST, "/projects/101/merge_requests/1/notes", token: Tok.dave, json: #"{"body":"hi"}"#).status == 403)
            let notes = try await h.get("/projects/101/merge_requests/1/notes", token: Tok.picket)
            #expect(notes.json.arrayValue?.map { $0["body"] } == ["Picket: 0 findings"])
            let recorded = try await h.get("/-/sim/notes")
            #expect(recorded.json.arrayValue?.first?["body"] == "Picket: 0 findings")
            #expect(try await h.get("/projects/101/merge_requests/9/notes", token: Tok.picket).status == 404)
        }
    }

    @Test func diffDiscussionsCarryTheirPosition() async throws {
        try await SimHarness.with() { h async throws in
            let mr = try await h.get("/projects/101/merge_requests/1", token: Tok.picket)
            let refs = mr.json["diff_refs"]
            #expect(refs?["head_sha"] != nil)
            let body = """
            {"body":"Hard-coded Stripe key","position":{"position_type":"text","base_sha":"\(refs?["base_sha"]?.stringValue ?? "")",
            "head_sha":"\(refs?["head_sha"]?.stringValue ?? "")","start_sha":"\(refs?["start_sha"]?.stringValue ?? "")",
            "new_path":"app/stripe_client.py","old_path":"app/stripe_client.py","new_line":2}}
            """
            let d = try await h.request(.POST, "/projects/101/merge_requests/1/discussions", token: Tok.picket, json: body)
            #expect(d.status == 201, "\(d.text)")
            #expect(d.json["id"]?.stringValue?.count == 40)
            #expect(d.json["individual_note"] == false)
            let note = d.json["notes"]?.arrayValue?.first
            #expect(note?["type"] == "DiffNote")
            #expect(note?["position"]?["new_line"] == 2)
            #expect(note?["resolvable"] == true)
            let did = d.json["id"]?.stringValue ?? ""
            let resolved = try await h.request(.PUT, "/projects/101/merge_requests/1/discussions/\(did)?resolved=true", token: Tok.bob)
            #expect(resolved.json["notes"]?.arrayValue?.first?["resolved"] == true)
            #expect(try await h.request(.PUT, "/projects/101/merge_requests/1/discussions/\(did)?resolved=false", token: Tok.dave).status == 403)
        }
    }
}
