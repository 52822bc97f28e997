import Foundation

enum RepositoryHandlers {
    static func routes() -> [Route] {
        [
            Route(.get, "projects/:id/repository/branches", scopes: .read, auth: .optional) { call in
                let p = try call.project()
                try call.requireCode(p)
                guard let repo = await call.nonEmptyRepository(p) else { return Pagination.offset(call, items: [JSONValue]()) { $0 } }
                var branches = await repo.branches()
                if let search = call.params["search"], !search.isEmpty { branches = branches.filter { $0.name.contains(search) } }
                var rendered: [JSONValue] = []
                let defaultSHA = await repo.resolve("refs/heads/\(p.defaultBranch)")
                for b in branches {
                    guard let c = await repo.commit(b.sha) else { continue }
                    let merged = b.name != p.defaultBranch && defaultSHA != nil ? await repo.isAncestor(b.sha, of: defaultSHA ?? "") : false
                    rendered.append(Entities.branch(name: b.name, commit: c, project: p, base: call.baseURL, merged: merged, access: call.access(p)))
                }
                return Pagination.offset(call, items: rendered) { $0 }
            },
            Route(.get, "projects/:id/repository/branches/:branch", scopes: .read, auth: .optional) { call in
                let p = try call.project()
                try call.requireCode(p)
                let name = call.path("branch")
                guard let repo = await call.nonEmptyRepository(p), let sha = await repo.resolve("refs/heads/\(name)"),
                      let c = await repo.commit(sha) else { throw APIFailure(.notFound("Branch")) }
                let defaultSHA = await repo.resolve("refs/heads/\(p.defaultBranch)")
                let merged = name != p.defaultBranch && defaultSHA != nil ? await repo.isAncestor(sha, of: defaultSHA ?? "") : false
                return .json(Entities.branch(name: name, commit: c, project: p, base: call.baseURL, merged: merged, access: call.access(p)))
            },
            Route(.get, "projects/:id/repository/commits/:sha", scopes: .read, auth: .optional) { call in
                let p = try call.project()
                try call.requireCode(p)
                guard let repo = await call.nonEmptyRepository(p), let c = await repo.commit(call.path("sha")) else {
                    throw APIFailure(.notFound("Commit"))
                }
                let stats = call.params.bool("stats") == false ? nil : await repo.stats(c.id)
                return .json(Entities.commit(c, project: p, base: call.baseURL, stats: stats.map { ($0.additions, $0.deletions) } ?? (0, 0)))
            },
            Route(.get, "projects/:id/repository/archive{.format}", scopes: .read, auth: .optional, appLimit: "repository_archive") { call in
                let p = try call.project()
                try call.requireCode(p)
                let format = call.pathParams["format"] ?? "tar.gz"
                let types = ["tar.gz": "application/gzip", "tgz": "application/gzip", "gz": "application/gzip", "tar": "application/x-tar",
                             "zip": "application/zip", "tar.bz2": "application/x-bzip2", "tbz": "application/x-bzip2",
                             "tbz2": "application/x-bzip2", "tb2": "application/x-bzip2", "bz2": "application/x-bzip2"]
                guard let contentType = types[format] else { throw APIFailure(.notFound()) }
                guard let repo = await call.nonEmptyRepository(p), let sha = await repo.resolve(call.params["sha"] ?? p.defaultBranch) else {
                    throw APIFailure(.notFound("File"))
                }
                let ref = (call.params["sha"] ?? p.defaultBranch).replacingOccurrences(of: "/", with: "-")
                let prefix = "\(p.path)-\(ref)-\(sha)"
                let data: Data
                do { data = try await repo.archive(sha: sha, format: format, prefix: prefix, path: call.params["path"]) } catch {
                    throw APIFailure(.notFound("File"))
                }
                var r = APIResponse(status: 200, body: .data(data, contentType: contentType))
                r.header("Content-Disposition", "attachment; filename=\"\(prefix).\(format)\"")
                r.header("Content-Transfer-Encoding", "binary")
                return r
            },
            Route(.get, "projects/:id/repository/files/:file_path", scopes: .read, auth: .optional, appLimit: "repository_files") { call in
                let (p, repo, sha, path) = try await fileTarget(call)
                guard let blob = await repo.blob(at: sha, path: path) else { throw APIFailure(.notFound("File")) }
                let last = await repo.lastCommit(touching: path, from: sha) ?? sha
                let sha256 = WorldLoader.digestData(blob.data)
                _ = p
                return .json(["file_name": .string(String(path.split(separator: "/").last ?? "")), "file_path": .string(path),
                              "size": .int(blob.data.count), "encoding": "base64", "content_sha256": .string(sha256),
                              "ref": .string(call.params["ref"] ?? ""), "blob_id": .string(blob.id), "commit_id": .string(sha),
                              "last_commit_id": .string(last), "execute_filemode": false,
                              "content": .string(blob.data.base64EncodedString())])
            },
            Route(.get, "projects/:id/repository/files/:file_path/raw", scopes: .read, auth: .optional, appLimit: "repository_files") { call in
                let (_, repo, sha, path) = try await fileTarget(call)
                guard let blob = await repo.blob(at: sha, path: path) else { throw APIFailure(.notFound("File")) }
                let isText = !blob.data.prefix(8000).contains(0)
                var r = APIResponse(status: 200, body: .data(blob.data, contentType: isText ? "text/plain; charset=utf-8" : "application/octet-stream"))
                r.header("X-Gitlab-Blob-Id", blob.id)
                r.header("X-Gitlab-Commit-Id", sha)
                r.header("X-Gitlab-File-Path", path)
                r.header("X-Gitlab-Size", String(blob.data.count))
                return r
            },
            Route(.get, "projects/:id/repository/tree", scopes: .read, auth: .optional) { call in
                let p = try call.project()
                try call.requireCode(p)
                guard let repo = await call.nonEmptyRepository(p) else { throw APIFailure(.notFound("Tree")) }
                guard let sha = await repo.resolve(call.params["ref"] ?? p.defaultBranch),
                      let entries = await repo.tree(at: sha, path: call.params["path"], recursive: call.params.bool("recursive") == true) else {
                    throw APIFailure(.notFound("Tree"))
                }
                return Pagination.offset(call, items: entries) {
                    ["id": .string($0.id), "name": .string($0.name), "type": .string($0.type), "path": .string($0.path), "mode": .string($0.mode)]
                }
            },
        ]
    }

    static func fileTarget(_ call: APICall) async throws -> (SimProject, GitRepository, String, String) {
        let p = try call.project()
        try call.requireCode(p)
        let path = call.path("file_path")
        guard let repo = await call.nonEmptyRepository(p) else { throw APIFailure(.notFound("File")) }
        let ref = call.params["ref"] ?? "HEAD"
        guard let sha = await repo.resolve(ref == "HEAD" ? p.defaultBranch : ref) else { throw APIFailure(.notFound("Commit")) }
        return (p, repo, sha, path)
    }
}

extension WorldLoader {
    static func digestData(_ d: Data) -> String {
        SHA256Hex.hex(d)
    }
}
