import Foundation
import PicketCore

/// A place OSV records are imported from: an OSV dump (`<Ecosystem>/all.zip`, one JSON per record), any other
/// zip of records, a folder of `.json` records (searched recursively), or one `.json` record.
/// Importing a source again replaces what it brought the previous time.
public struct AdvisorySource: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case dump, zip, folder, file }

    public let kind: Kind
    public let path: String
    /// Stable key: `dump:<Ecosystem>` for a dump (so a newer dump replaces an older one wherever it lies),
    /// else the kind and absolute path.
    public let name: String

    public init(kind: Kind, path: String, name: String) {
        self.kind = kind
        self.path = path
        self.name = name
    }

    /// Classifies a path given on the command line; errors name the path.
    public static func resolve(_ raw: String) throws -> AdvisorySource {
        let expanded = (raw as NSString).expandingTildeInPath
        let abs = expanded.hasPrefix("/") ? expanded : FileManager.default.currentDirectoryPath + "/" + expanded
        let path = (abs as NSString).standardizingPath
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw PicketError.input(file: raw, message: "no such file or folder")
        }
        if isDir.boolValue { return AdvisorySource(kind: .folder, path: path, name: "folder:" + path) }
        if path.lowercased().hasSuffix(".json") { return AdvisorySource(kind: .file, path: path, name: "file:" + path) }
        guard path.lowercased().hasSuffix(".zip") || Self.looksLikeZip(path) else {
            throw PicketError.input(file: raw, message: "not an OSV source: expected a zip of OSV records (such as <Ecosystem>/all.zip), a folder of .json records or a .json record")
        }
        if (path as NSString).lastPathComponent == "all.zip" {
            let folder = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
            return AdvisorySource(kind: .dump, path: path, name: "dump:" + folder)
        }
        return AdvisorySource(kind: .zip, path: path, name: "zip:" + path)
    }

    static func looksLikeZip(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        let head = (try? h.read(upToCount: 4)) ?? Data()
        return head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06])
    }

    /// A record document and where it came from (for error messages: `all.zip (entry X.json)`, a file path).
    struct Document {
        var location: String
        var bytes: [UInt8]
    }

    /// Hands every `.json` document to `body` in a stable order; returns what was not JSON (named, not silent).
    func forEachDocument(_ body: (Document) throws -> Void) throws -> [String] {
        var ignored: [String] = []
        switch kind {
        case .dump, .zip:
            let zip: ZipArchive
            do { zip = try ZipArchive(path: path) } catch {
                throw PicketError.input(file: path, message: error.description)
            }
            for entry in zip.entries {
                if entry.isDirectory { continue }
                guard entry.name.lowercased().hasSuffix(".json") else { ignored.append("\(path) (entry \(entry.name))"); continue }
                let bytes: [UInt8]
                do { bytes = try zip.read(entry) } catch { throw PicketError.input(file: path, message: error.description) }
                try body(Document(location: "\(path) (entry \(entry.name))", bytes: bytes))
            }
        case .folder:
            let fm = FileManager.default
            guard let walker = fm.enumerator(atPath: path) else {
                throw PicketError.input(file: path, message: "cannot list the folder")
            }
            var files: [String] = []
            while let rel = walker.nextObject() as? String {
                let full = path + "/" + rel
                guard (walker.fileAttributes?[.type] as? FileAttributeType) == .typeRegular else { continue }
                if rel.lowercased().hasSuffix(".json") { files.append(full) } else { ignored.append(full) }
            }
            for file in files.sorted() {
                try body(Document(location: file, bytes: try Self.readFile(file)))
            }
        case .file:
            try body(Document(location: path, bytes: try Self.readFile(path)))
        }
        return ignored
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PicketError.input(file: path, message: "cannot read the file")
        }
        guard data.count <= Int(ZipArchive.maxEntrySize) else {
            throw PicketError.input(file: path, message: "\(data.count) bytes; records over \(ZipArchive.maxEntrySize >> 20) MiB are refused")
        }
        return [UInt8](data)
    }
}
