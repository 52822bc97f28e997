import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PicketCore

/// `picket db update`: downloads per-ecosystem OSV dumps over HTTPS in the public bucket layout
/// (`<base>/<Ecosystem>/all.zip`, `<base>/<Ecosystem>/modified_id.csv`, `<base>/<Ecosystem>/<ID>.json`).
///
/// The first time (or with `full`) an ecosystem's `all.zip` is streamed to disk and imported as the source
/// `dump:<Ecosystem>`. Afterwards `modified_id.csv` (newest first, `<timestamp>,<id>`) is read only until the
/// newest `modified` already imported, and just the changed records are fetched and applied in one
/// transaction; too many changes fall back to the full dump. Foundation's URLSession is enough for a few
/// sequential downloads, so no HTTP client package is pulled in for it.
public struct AdvisoryUpdater: Sendable {
    public static let defaultBaseURL = "https://osv-vulnerabilities.storage.googleapis.com"
    /// Above this many changed records a full dump is cheaper than one request per record.
    public static let incrementalLimit = 500

    public enum Mode: String, Sendable { case full, incremental, upToDate = "up to date" }

    public struct Result: Sendable {
        public var ecosystem: String
        public var mode: Mode
        /// Records imported (full) or added/replaced (incremental).
        public var records: Int
        public var bytesDownloaded: Int64
    }

    public let dataDirectory: DataDirectory
    public let baseURL: String

    public init(dataDirectory: DataDirectory, baseURL: String = AdvisoryUpdater.defaultBaseURL) {
        self.dataDirectory = dataDirectory
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }

    /// Ecosystems already loaded from dumps (what `update` refreshes when none are named).
    public func installedEcosystems() throws -> [String] {
        guard FileManager.default.fileExists(atPath: AdvisoryStore.path(in: dataDirectory)) else { return [] }
        // Opening for writing upgrades a database an older Picket wrote; reading it needs the current schema.
        _ = try AdvisoryStore.open(AdvisoryStore.path(in: dataDirectory), create: true)
        return try AdvisoryDatabase.open(dataDirectory: dataDirectory).status().sources
            .filter { $0.name.hasPrefix("dump:") }.map { String($0.name.dropFirst(5)) }
    }

    public func update(ecosystems: [String], full: Bool = false,
                       progress: (@Sendable (String) -> Void)? = nil) async throws -> [Result] {
        var results: [Result] = []
        let importer = AdvisoryImporter(dataDirectory: dataDirectory)
        let cursors = try cursorsByEcosystem()
        for eco in ecosystems {
            if !full, let cursor = cursors[eco] {
                progress?("\(eco): checking for changes since \(cursor)")
                if let r = try await incremental(eco, cursor: cursor, importer: importer) {
                    results.append(r)
                    continue
                }
            }
            progress?("\(eco): downloading all.zip")
            results.append(try await fullDump(eco, importer: importer))
        }
        return results
    }

    private func cursorsByEcosystem() throws -> [String: String] {
        guard FileManager.default.fileExists(atPath: AdvisoryStore.path(in: dataDirectory)) else { return [:] }
        _ = try AdvisoryStore.open(AdvisoryStore.path(in: dataDirectory), create: true)
        var out: [String: String] = [:]
        for s in try AdvisoryDatabase.open(dataDirectory: dataDirectory).status().sources where s.name.hasPrefix("dump:") {
            if let m = s.newestModified { out[String(s.name.dropFirst(5))] = m }
        }
        return out
    }

    private func fullDump(_ eco: String, importer: AdvisoryImporter) async throws -> Result {
        let folder = try dataDirectory.directory("osv")
        let target = folder + "/download-\(UUID().uuidString).zip"
        defer { try? FileManager.default.removeItem(atPath: target) }
        let bytes = try await download(url(eco, "all.zip"), to: target)
        let report = try importer.run([AdvisorySource(kind: .dump, path: target, name: "dump:" + eco)])
        return Result(ecosystem: eco, mode: .full, records: report.sources.first?.records ?? 0, bytesDownloaded: bytes)
    }

    /// nil when the change list is too long (the caller then downloads the full dump).
    private func incremental(_ eco: String, cursor: String, importer: AdvisoryImporter) async throws -> Result? {
        guard let since = OSVTimestamp.seconds(cursor) else { return nil }
        let csvURL = url(eco, "modified_id.csv")
        let (csv, csvBytes) = try await fetch(csvURL)
        var changed: [String] = []
        for line in String(decoding: csv, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let cols = line.split(separator: ",", maxSplits: 1)
            guard cols.count == 2, let t = OSVTimestamp.seconds(String(cols[0])) else {
                throw PicketError.input(file: csvURL.absoluteString, message: "unexpected line '\(line.prefix(80))' (expected <timestamp>,<id>)")
            }
            // Newest first: stop at the first entry already imported.
            if t <= since { break }
            changed.append(String(cols[1]).trimmingSpaces)
            if changed.count > Self.incrementalLimit { return nil }
        }
        guard !changed.isEmpty else { return Result(ecosystem: eco, mode: .upToDate, records: 0, bytesDownloaded: csvBytes) }
        var docs: [(location: String, bytes: [UInt8])] = []
        var total = csvBytes
        for id in changed {
            guard !id.contains("/"), !id.contains(".."), !id.isEmpty else {
                throw PicketError.input(file: csvURL.absoluteString, message: "refusing record id '\(id)'")
            }
            let u = url(eco, id + ".json")
            let (body, n) = try await fetch(u)
            total += n
            docs.append((u.absoluteString, [UInt8](body)))
        }
        let source = AdvisorySource(kind: .dump, path: baseURL + "/" + eco, name: "dump:" + eco)
        let report = try importer.upsert(docs, into: source)
        return Result(ecosystem: eco, mode: .incremental, records: report.sources.first?.records ?? 0, bytesDownloaded: total)
    }

    func url(_ eco: String, _ file: String) -> URL {
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))
        let e = eco.addingPercentEncoding(withAllowedCharacters: allowed) ?? eco
        let f = file.addingPercentEncoding(withAllowedCharacters: allowed) ?? file
        return URL(string: "\(baseURL)/\(e)/\(f)") ?? URL(fileURLWithPath: "/invalid")
    }

    private func request(_ url: URL) -> URLRequest {
        var r = URLRequest(url: url)
        r.timeoutInterval = 120
        r.setValue("picket", forHTTPHeaderField: "User-Agent")
        return r
    }

    private func check(_ response: URLResponse, _ url: URL) throws {
        guard let http = response as? HTTPURLResponse else { throw PicketError.runtime("GET \(url.absoluteString): not an HTTP response") }
        guard http.statusCode == 200 else {
            throw PicketError.runtime("GET \(url.absoluteString): HTTP \(http.statusCode)\(http.statusCode == 404 ? " (unknown ecosystem? names are case-sensitive, e.g. PyPI, crates.io)" : "")")
        }
    }

    private func fetch(_ url: URL) async throws -> (Data, Int64) {
        do {
            let (data, response) = try await URLSession.shared.data(for: request(url))
            try check(response, url)
            return (data, Int64(data.count))
        } catch let e as PicketError { throw e } catch {
            throw PicketError.runtime("GET \(url.absoluteString) failed: \(error.localizedDescription) (offline? `picket db import` loads dumps downloaded elsewhere)")
        }
    }

    /// Streams the body to `path` (never held in memory).
    private func download(_ url: URL, to path: String) async throws -> Int64 {
        do {
            let (tmp, response) = try await URLSession.shared.download(for: request(url))
            defer { try? FileManager.default.removeItem(at: tmp) }
            try check(response, url)
            try FileManager.default.moveItem(atPath: tmp.path, toPath: path)
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
            return size ?? 0
        } catch let e as PicketError { throw e } catch {
            throw PicketError.runtime("GET \(url.absoluteString) failed: \(error.localizedDescription) (offline? `picket db import` loads dumps downloaded elsewhere)")
        }
    }
}
