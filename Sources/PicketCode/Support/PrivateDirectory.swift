#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PicketCore

/// A fresh owner-only temp folder for one engine run: its HOME, XDG folders, target lists and output files.
/// Nothing of the user's own home (tokens, settings, caches) is visible to the engine.
final class PrivateDirectory: Sendable {
    let path: String

    init(prefix: String) throws {
        let base = SystemInfo.environment("TMPDIR") ?? "/tmp"
        var template = Array("\(base)/picket-\(prefix)-XXXXXX".utf8CString)
        guard let p = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw PicketError.runtime("cannot create a temporary folder in \(base): \(String(cString: strerror(errno)))")
        }
        path = String(cString: p)
        for sub in ["home", "config", "cache", "data", "state"] {
            mkdir(path + "/" + sub, 0o700)
        }
    }

    var home: String { path + "/home" }

    /// HOME and the XDG base folders, all inside this directory.
    var isolatedEnvironment: [String: String] {
        ["HOME": home, "XDG_CONFIG_HOME": path + "/config", "XDG_CACHE_HOME": path + "/cache",
         "XDG_DATA_HOME": path + "/data", "XDG_STATE_HOME": path + "/state", "TMPDIR": path]
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
