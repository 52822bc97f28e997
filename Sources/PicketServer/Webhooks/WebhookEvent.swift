import Foundation

/// The parts of a GitLab webhook payload Picket acts on. Anything else in the payload is ignored; a body that
/// is not a JSON object, or lacks the event kind or the project, is refused (400).
struct WebhookEvent: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case push(ref: String, after: String)
        case mergeRequest(iid: Int64, action: String, state: String?, sourceBranch: String, targetBranch: String, sha: String?,
                          oldrev: String?, sourceProjectID: Int64?)
        case other(String)
    }

    var objectKind: String
    var projectID: Int64
    var kind: Kind

    static let zeroSHA = String(repeating: "0", count: 40)

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ data: Data) throws -> WebhookEvent {
        guard let any = try? JSONSerialization.jsonObject(with: data), let obj = any as? [String: Any] else {
            throw Malformed(description: "the body is not a JSON object")
        }
        guard let objectKind = obj["object_kind"] as? String, !objectKind.isEmpty else {
            throw Malformed(description: "object_kind is missing")
        }
        let project = obj["project"] as? [String: Any]
        let attrs = obj["object_attributes"] as? [String: Any]
        guard let projectID = int(obj["project_id"]) ?? int(project?["id"]) ?? int(attrs?["target_project_id"]) else {
            throw Malformed(description: "the payload names no project (project_id / project.id)")
        }
        switch objectKind {
        case "push":
            guard let ref = obj["ref"] as? String, let after = obj["after"] as? String else {
                throw Malformed(description: "a push event needs ref and after")
            }
            return WebhookEvent(objectKind: objectKind, projectID: projectID, kind: .push(ref: ref, after: after))
        case "merge_request":
            guard let attrs, let iid = int(attrs["iid"]), let source = attrs["source_branch"] as? String,
                  let target = attrs["target_branch"] as? String else {
                throw Malformed(description: "a merge request event needs object_attributes.iid, source_branch and target_branch")
            }
            let last = attrs["last_commit"] as? [String: Any]
            return WebhookEvent(objectKind: objectKind, projectID: projectID, kind: .mergeRequest(
                iid: iid, action: attrs["action"] as? String ?? "", state: attrs["state"] as? String, sourceBranch: source,
                targetBranch: target, sha: last?["id"] as? String, oldrev: attrs["oldrev"] as? String,
                sourceProjectID: int(attrs["source_project_id"])))
        default:
            return WebhookEvent(objectKind: objectKind, projectID: projectID, kind: .other(objectKind))
        }
    }

    private static func int(_ v: Any?) -> Int64? {
        switch v {
        case let n as Int: return Int64(n)
        case let n as Int64: return n
        case let s as String: return Int64(s)
        default: return nil
        }
    }
}
