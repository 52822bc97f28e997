import Foundation
import PicketCore
import PicketDeps
import PicketStore

/// A repository's SBOM, written from the components its last successful dependency scan of the default branch
/// recorded (the same writers as `picket sbom`).
struct RepositorySBOM: Sendable {
    let store: SQLStore

    struct Export: Sendable {
        var data: Data
        var contentType: String
        var fileName: String
    }

    static let contentTypes = ["cyclonedx": "application/vnd.cyclonedx+json", "spdx": "application/spdx+json"]

    func render(_ repo: Repository, format: String) async throws -> Export {
        guard let contentType = Self.contentTypes[format] else {
            throw ServerError.badRequest("format must be one of \(Self.contentTypes.keys.sorted().joined(separator: ", "))")
        }
        let writer = try SBOMFormats.writer(named: format)
        var components: [StoredComponent] = []
        var offset: Int? = 0
        while let o = offset {
            let page = try await store.components(ComponentQuery(repositoryIDs: [repo.id], limit: ComponentQuery.maxLimit, offset: o))
            components += page.components
            offset = page.nextOffset
        }
        // The scan the list came from dates the document and names the commit; without one, the document is empty.
        let scan: Scan? = if let id = components.first?.scanID { try await store.scan(id) } else { nil }
        let document = SBOMDocument(name: repo.path, version: scan?.commitSHA, packages: components.map { PackageRef($0.component) },
                                    created: scan?.finishedAt ?? Date())
        let slug = repo.path.replacingOccurrences(of: "/", with: "-")
        return Export(data: try writer.render(document), contentType: contentType,
                      fileName: "\(slug).\(format == "spdx" ? "spdx" : "cdx").json")
    }
}
