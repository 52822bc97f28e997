import Foundation

/// The one folder where Picket keeps its state: `--data-dir`, else `PICKET_DATA_DIR`, else
/// `$XDG_DATA_HOME/picket`, else `~/.local/share/picket`.
public struct DataDirectory: Sendable, Hashable {
    public let path: String

    public init(path: String) { self.path = (path as NSString).standardizingPath }

    public static func resolve(explicit: String?) -> DataDirectory {
        if let explicit, !explicit.isEmpty { return DataDirectory(path: absolute(explicit)) }
        if let env = SystemInfo.environment("PICKET_DATA_DIR") { return DataDirectory(path: absolute(env)) }
        if let xdg = SystemInfo.environment("XDG_DATA_HOME") { return DataDirectory(path: absolute(xdg) + "/picket") }
        let home = SystemInfo.environment("HOME") ?? NSHomeDirectory()
        return DataDirectory(path: home + "/.local/share/picket")
    }

    /// A sub-folder, created on first use with owner-only permissions.
    public func directory(_ name: String) throws -> String {
        let p = path + "/" + name
        try DataDirectory.ensure(p)
        return p
    }

    public func file(_ name: String) -> String { path + "/" + name }

    public func ensureExists() throws { try DataDirectory.ensure(path) }

    static func ensure(_ p: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw PicketError.runtime("cannot create data directory \(p): \(error.localizedDescription)")
        }
    }

    private static func absolute(_ p: String) -> String {
        let expanded = (p as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        return FileManager.default.currentDirectoryPath + "/" + expanded
    }
}
