import Crypto
import Foundation
import PicketCore

/// What the last scan of a group saw, for incremental mode: per project, the default branch head it scanned.
/// One small JSON file per URL+group under `<data dir>/gitlab/state/`, replaced atomically.
public struct ScanState: Sendable, Codable, Hashable {
    public struct Entry: Sendable, Codable, Hashable {
        public var path: String
        public var branch: String
        public var headSHA: String
        public var scannedAt: Date
        public var activeFindings: Int

        public init(path: String, branch: String, headSHA: String, scannedAt: Date = Date(), activeFindings: Int) {
            self.path = path
            self.branch = branch
            self.headSHA = headSHA
            self.scannedAt = scannedAt
            self.activeFindings = activeFindings
        }
    }

    public var url: String
    public var group: String
    /// Keyed by project id (as a string, for JSON).
    public var projects: [String: Entry]

    public init(url: String, group: String, projects: [String: Entry] = [:]) {
        self.url = url
        self.group = group
        self.projects = projects
    }

    public static func path(dataDirectory: DataDirectory, url: String, group: String) -> String {
        let digest = SHA256.hash(data: Data("\(url)|\(group.lowercased())".utf8))
        let hex = digest.prefix(8).map { String(format: "%02x", $0) }.joined()
        return dataDirectory.path + "/gitlab/state/\(hex).json"
    }

    /// The saved state, or an empty one. A damaged file is reported, not silently dropped.
    public static func load(dataDirectory: DataDirectory, url: String, group: String) throws -> ScanState {
        let p = path(dataDirectory: dataDirectory, url: url, group: group)
        guard let data = FileManager.default.contents(atPath: p) else { return ScanState(url: url, group: group) }
        let dec = JSONDecoder()
        dec.dateDecodingStrategy = .iso8601
        do { return try dec.decode(ScanState.self, from: data) } catch {
            throw PicketError.input(file: p, message: "not a Picket scan state (\(error)); delete it to start a full scan")
        }
    }

    public func save(dataDirectory: DataDirectory) throws {
        let p = ScanState.path(dataDirectory: dataDirectory, url: url, group: group)
        _ = try TokenVault.ensureDirectory((p as NSString).deletingLastPathComponent)
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        enc.dateEncodingStrategy = .iso8601
        try DurableFile.write(try enc.encode(self), to: p)
    }
}
