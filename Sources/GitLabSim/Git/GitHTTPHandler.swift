#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PicketCore
import HTTPTypes
import Hummingbird
import NIOCore

/// `/<namespace>/<project>(.git)/info/refs|git-upload-pack|git-receive-pack`.
struct GitHTTPRoute {
    let projectPath: String
    let service: String  // "info/refs", "git-upload-pack", "git-receive-pack"

    init?(path: String) {
        let p = percentDecode(path)
        for suffix in ["/info/refs", "/git-upload-pack", "/git-receive-pack"] where p.hasSuffix(suffix) {
            var project = String(p.dropLast(suffix.count))
            if project.hasSuffix(".git") { project.removeLast(4) }
            while project.hasPrefix("/") { project.removeFirst() }
            guard !project.isEmpty, project.contains("/"), !project.contains("..") else { return nil }
            self.projectPath = project
            self.service = String(suffix.dropFirst())
            return
        }
        return nil
    }
}

/// Serves smart HTTP by running `git http-backend` as a CGI, streaming the body both ways. Authentication
/// follows GitLab: HTTP Basic with a token as the password (any user name), or a `PRIVATE-TOKEN` /
/// `Authorization: Bearer` header; scopes read_repository/write_repository/read_api/api.
struct GitHTTPHandler {
    let core: SimulatorCore

    static let readScopes = ["api", "read_api", "read_repository", "write_repository"]
    static let writeScopes = ["api", "write_repository"]

    static func denied(_ message: String = "HTTP Basic: Access denied\n") -> APIResponse {
        APIResponse(status: 401, headers: [("WWW-Authenticate", "Basic realm=\"GitLab\"")], body: .text(message, contentType: "text/plain; charset=utf-8"))
    }

    static let badCredentials = "HTTP Basic: Access denied. If a password was provided for Git authentication, the password was incorrect or you're required to use a token instead of a password. If a token was provided, it was either incorrect, expired, or improperly scoped.\n"

    static func text(_ status: Int, _ s: String) -> APIResponse { APIResponse(status: status, body: .text(s, contentType: "text/plain; charset=utf-8")) }

    func credential(_ headers: HTTPFields) -> String? {
        if let auth = headers[.authorization] {
            let parts = auth.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "basic",
               let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)) {
                let pair = String(decoding: data, as: UTF8.self)
                if let colon = pair.firstIndex(of: ":") { return String(pair[pair.index(after: colon)...]) }
            }
        }
        return Authenticator.extractToken(params: Params(), headers: headers)
    }

    func handle(_ request: Request, route: GitHTTPRoute, context: SimRequestContext) async throws -> APIResponse {
        let response = try await authorizeAndRun(request, route: route, context: context)
        await core.store.record(method: request.method.rawValue, route: "/:namespace/:project.git/\(route.service)",
                                path: request.uri.path, status: response.0.status, userID: response.1, tokenID: nil)
        return response.0
    }

    private func authorizeAndRun(_ request: Request, route: GitHTTPRoute, context: SimRequestContext) async throws -> (APIResponse, Int?) {
        let now = Date()
        let query = Params(query: request.uri.query)
        let wantsPush = route.service == "git-receive-pack" || query["service"] == "git-receive-pack"
        if route.service == "info/refs", query["service"] == nil {
            return (GitHTTPHandler.text(403, "dumb HTTP protocol is not supported\n"), nil)
        }
        var authedUser: Int?
        if let token = credential(request.headers) {
            let digest = WorldLoader.digest(token)
            let world = await core.store.snapshot()
            guard let id = world.tokenByDigest[digest], let t = world.tokens[id], t.isActive(now: now),
                  t.scopes.contains(where: (wantsPush ? GitHTTPHandler.writeScopes : GitHTTPHandler.readScopes).contains),
                  let u = world.users[t.userID], u.state == "active" else {
                return (GitHTTPHandler.denied(GitHTTPHandler.badCredentials), nil)
            }
            authedUser = u.id
            await core.store.mutate { w in
                if w.tokens[id]?.lastUsedAt.map({ now.timeIntervalSince($0) >= 600 }) ?? true { w.tokens[id]?.lastUsedAt = now }
            }
        }
        let userID = authedUser
        let world = await core.store.snapshot()
        guard let project = world.project(fullPath: route.projectPath), world.canReadProject(userID: userID, project: project, now: now) else {
            if userID == nil { return (GitHTTPHandler.denied(), nil) }
            return (GitHTTPHandler.text(404, "The project you were looking for could not be found or you don't have permission to view it.\n"), userID)
        }
        if wantsPush {
            guard userID != nil else { return (GitHTTPHandler.denied(), nil) }
            guard world.projectAccess(userID: userID, project: project, now: now) >= AccessLevel.developer, !project.archived else {
                return (GitHTTPHandler.text(403, "You are not allowed to push code to this project.\n"), userID)
            }
        } else if !world.canReadCode(userID: userID, project: project, now: now) {
            if userID == nil { return (GitHTTPHandler.denied(), nil) }
            return (GitHTTPHandler.text(403, "You are not allowed to download code from this project.\n"), userID)
        }
        let repo = try await core.repositories.ensureRepository(project)
        let before = wantsPush && route.service == "git-receive-pack" ? await repo.branches() : []
        var response = try await runBackend(request, route: route, projectID: project.id, userName: userID.flatMap { world.users[$0]?.username },
                                            remoteIP: context.remoteIP, onFinish: { [core] in
            guard wantsPush, route.service == "git-receive-pack" else { return }
            await GitHTTPHandler.afterPush(core: core, project: project, before: before, userID: userID)
        })
        response.header("X-Frame-Options", "DENY")
        return (response, userID)
    }

    /// Fires push hooks for refs a `git push` changed (no hooks when more than `push_event_hooks_limit` refs moved).
    static func afterPush(core: SimulatorCore, project: SimProject, before: [(name: String, sha: String)], userID: Int?) async {
        let repo = core.repositories.repository(project.id)
        let after = await repo.branches()
        var changed: [(String, String, String)] = []
        let old = Dictionary(before.map { ($0.name, $0.sha) }, uniquingKeysWith: { a, _ in a })
        for b in after where old[b.name] != b.sha { changed.append((b.name, old[b.name] ?? GitRepository.zeroSHA, b.sha)) }
        guard !changed.isEmpty else { return }
        await core.store.mutate { w in
            w.projects[project.id]?.emptyRepo = false
            w.projects[project.id]?.lastActivityAt = Date()
        }
        let limit = await core.store.snapshot().instance.pushEventHooksLimit
        guard changed.count <= limit else { return }
        for (name, b, a) in changed {
            await WebhookEvents.push(core: core, project: project, ref: name, before: b, after: a, userID: userID)
        }
    }

    func runBackend(_ request: Request, route: GitHTTPRoute, projectID: Int, userName: String?, remoteIP: String,
                    onFinish: @escaping @Sendable () async -> Void) async throws -> APIResponse {
        var env = GitCommand.baseEnvironment(home: core.repositories.home)
        env["GIT_PROJECT_ROOT"] = core.repositories.root
        env["GIT_HTTP_EXPORT_ALL"] = "1"
        env["PATH_INFO"] = "/\(projectID).git/\(route.service)"
        env["QUERY_STRING"] = request.uri.query ?? ""
        env["REQUEST_METHOD"] = request.method.rawValue
        env["CONTENT_TYPE"] = request.headers[.contentType] ?? ""
        env["REMOTE_ADDR"] = remoteIP
        env["REMOTE_USER"] = userName ?? ""
        env["GATEWAY_INTERFACE"] = "CGI/1.1"
        env["SERVER_PROTOCOL"] = "HTTP/1.1"
        if let enc = request.headers[.contentEncoding] { env["HTTP_CONTENT_ENCODING"] = enc }
        if let name = HTTPField.Name("Git-Protocol"), let proto = request.headers[name] { env["HTTP_GIT_PROTOCOL"] = proto }
        if let len = request.headers[.contentLength] { env["CONTENT_LENGTH"] = len }
        if route.service == "git-receive-pack" || env["QUERY_STRING"]?.contains("git-receive-pack") == true {
            env["GIT_CONFIG_COUNT"] = "1"
            env["GIT_CONFIG_KEY_0"] = "http.receivepack"
            env["GIT_CONFIG_VALUE_0"] = "true"
        }

        let cgi = try CGIProcess(executable: GitCommand.executable, arguments: ["http-backend"], environment: env)
        let stdinTask = Task {
            defer { cgi.closeInput() }
            if request.method == .post {
                for try await chunk in request.body { await cgi.send(Data(chunk.readableBytesView)) }
            }
        }
        var iterator = cgi.output.makeAsyncIterator()
        var headerBytes = Data()
        var leftover = Data()
        while true {
            guard let chunk = try await iterator.next() else { break }
            headerBytes.append(chunk)
            if let r = headerBytes.range(of: Data("\r\n\r\n".utf8)) ?? headerBytes.range(of: Data("\n\n".utf8)) {
                leftover = headerBytes.subdata(in: r.upperBound ..< headerBytes.endIndex)
                headerBytes = headerBytes.subdata(in: headerBytes.startIndex ..< r.lowerBound)
                break
            }
            if headerBytes.count > 64 << 10 { break }
        }
        var status = 200
        var headers: [(String, String)] = []
        var contentType = "text/plain"
        let headerText = String(decoding: headerBytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        for line in headerText.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name.lowercased() == "status" { status = Int(value.prefix(3)) ?? 200 } else if name.lowercased() == "content-type" { contentType = value } else {
                headers.append((name, value))
            }
        }
        headers.append(("Content-Type", contentType))
        let first = leftover
        let box = IteratorBox(iterator)
        let body = ResponseBody { writer in
            if !first.isEmpty { try await writer.write(ByteBuffer(bytes: first)) }
            while let chunk = try await box.next() { try await writer.write(ByteBuffer(bytes: chunk)) }
            _ = try? await stdinTask.value
            await cgi.waitForExit()
            await onFinish()
            try await writer.finish(nil)
        }
        return APIResponse(status: status, headers: headers, body: .stream(body))
    }
}

final class IteratorBox: @unchecked Sendable {
    var iterator: AsyncThrowingStream<Data, Error>.AsyncIterator
    init(_ it: AsyncThrowingStream<Data, Error>.AsyncIterator) { iterator = it }
    func next() async throws -> Data? { try await iterator.next() }
}

/// A child process whose stdout is an async stream and whose stdin is written as request bytes arrive. Spawned
/// with Picket's `ChildProcess` (no descriptor of another request's child can leak into it and hold its output
/// open), read and waited on dedicated threads so concurrent clones never starve Dispatch's pool.
final class CGIProcess: @unchecked Sendable {
    let child: ChildProcess
    let output: AsyncThrowingStream<Data, Error>
    let stderr = DataBox()
    private let exitStatus = DispatchSemaphore(value: 0)

    init(executable: String, arguments: [String], environment: [String: String]) throws {
        child = try ChildProcess.launch(executable, arguments, environment: environment, stdin: .pipe, stdout: .pipe, stderr: .pipe)
        let (stream, continuation) = AsyncThrowingStream<Data, Error>.makeStream()
        output = stream
        let child = self.child, sink = stderr, exited = exitStatus
        Thread.detachNewThread {
            if let fd = child.stdoutFD { CGIProcess.readAll(fd) { continuation.yield($0) } }
            continuation.finish()
        }
        Thread.detachNewThread {
            if let fd = child.stderrFD { CGIProcess.readAll(fd) { sink.append($0) } }
        }
        Thread.detachNewThread {
            _ = child.wait()
            exited.signal()
        }
    }

    private static func readAll(_ fd: Int32, _ sink: (Data) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            sink(Data(buffer[0..<n]))
        }
    }

    private func write(_ d: Data) {
        guard let fd = child.stdinFD else { return }
        d.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 { if errno == EINTR { continue }; return }
                off += n
            }
        }
    }

    /// Writes on a thread of its own: the pipe blocks while git has not read what came before, and a blocked
    /// cooperative thread would stall every other request of the simulator (and of a test process hosting it).
    func send(_ d: Data) async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                self.write(d)
                c.resume()
            }
        }
    }

    func closeInput() { child.closeStdin() }

    func waitForExit() async {
        let sem = exitStatus
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                sem.wait()
                sem.signal()
                c.resume()
            }
        }
    }
}
