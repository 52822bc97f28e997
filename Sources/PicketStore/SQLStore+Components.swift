import Foundation
import PicketCore

extension SQLStore {
    /// Replaces the repository's components with this scan's (inside the recording transaction). Called only
    /// for the default branch when the dependency scanner ran successfully, so a failed scan never empties
    /// the list.
    func replaceComponents(_ ex: any SQLExecutor, repositoryID: Int64, scanID: Int64, _ components: [Component]) async throws {
        try await ex.execute("DELETE FROM components WHERE repository_id = ?", [.int(repositoryID)])
        for chunk in Self.chunks(components, size: 200) {
            try await ex.execute("""
                INSERT INTO components (repository_id, scan_id, ecosystem, name, name_key, version, purl, scope, direct, license, file, line)
                VALUES \(Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", "))
                """, chunk.flatMap { c -> [SQLValue] in
                    [.int(repositoryID), .int(scanID), .text(c.ecosystem), .text(c.name), .text(c.name.lowercased()),
                     .text(c.version), .text(c.purl), .text(c.scope), .bool(c.direct), .text(c.license), .text(c.file), .int(c.line)]
                })
        }
    }

    public func components(_ q: ComponentQuery) async throws -> ComponentPage {
        let limit = max(1, min(q.limit, ComponentQuery.maxLimit))
        let offset = max(0, q.offset)
        var filter = "1 = 1"
        var binds: [SQLValue] = []
        if let w = q.workspaceID {
            filter += " AND r.workspace_id = ?"
            binds.append(.int(w))
        }
        if !q.repositoryIDs.isEmpty {
            filter += " AND c.repository_id IN (\(Array(repeating: "?", count: q.repositoryIDs.count).joined(separator: ", ")))"
            binds += q.repositoryIDs.map { .int($0) }
        }
        if let e = q.ecosystem, !e.isEmpty {
            filter += " AND c.ecosystem = ?"
            binds.append(.text(e))
        }
        if let v = q.version, !v.isEmpty {
            filter += " AND c.version = ?"
            binds.append(.text(v))
        }
        if let s = q.search?.trimmingCharacters(in: .whitespaces), !s.isEmpty {
            filter += " AND c.name_key LIKE ? ESCAPE '\\'"
            let escaped = s.lowercased().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            binds.append(.text("%\(escaped)%"))
        }
        let from = "FROM components c JOIN repositories r ON r.id = c.repository_id WHERE \(filter)"
        return try await database.read { ex in
            let total = try await ex.queryFirst("SELECT COUNT(*) AS n \(from)", binds)?.int("n") ?? 0
            let rows = try await ex.query("""
                SELECT c.id, c.repository_id, r.path AS repository_path, c.scan_id, c.ecosystem, c.name, c.version, c.purl,
                       c.scope, c.direct, c.license, c.file, c.line
                \(from)
                ORDER BY c.name_key, c.ecosystem, c.version, r.path, c.file, c.id
                LIMIT ? OFFSET ?
                """, binds + [.int(limit), .int(offset)])
            let items = try rows.map { r in
                StoredComponent(
                    id: try r.int("id"), repositoryID: try r.int("repository_id"), repositoryPath: try r.text("repository_path"),
                    scanID: try r.int("scan_id"),
                    component: Component(ecosystem: try r.text("ecosystem"), name: try r.text("name"), version: try r.optionalText("version"),
                                         purl: try r.optionalText("purl"), scope: try r.optionalText("scope"),
                                         direct: try r.value("direct").isNull ? nil : try r.bool("direct"),
                                         license: try r.optionalText("license"), file: try r.text("file"),
                                         line: try r.optionalInt("line").map { Int($0) }))
            }
            let next = offset + items.count
            return ComponentPage(components: items, total: Int(total), nextOffset: next < total ? next : nil)
        }
    }
}
