import Foundation
import PicketCore

/// Finds an engine executable without trusting the scanned repository: only the environment of the person
/// running Picket and Picket's own installation are consulted, never `.picket.yml` (a hostile repository must
/// not be able to name a program for Picket to run).
///
/// Order: the engine's own variable (`PICKET_SEMGREP`, `PICKET_OPENGREP`, `PICKET_CHECKOV`), then
/// `$PICKET_VENV/bin/NAME` (when `PICKET_VENV` is set it is the only venv consulted), else a `.venv/bin/NAME`
/// beside Picket's installation (the checkout a debug build runs from, found by walking up from the
/// executable), then `PATH`.
public struct EngineLocator: Sendable {
    public var environment: [String: String]
    /// Folders to search upwards for `.venv/bin` (the running executable's folder by default).
    public var installationRoots: [String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                installationRoots: [String]? = nil) {
        self.environment = environment
        self.installationRoots = installationRoots ?? EngineLocator.executableFolder.map { [$0] } ?? []
    }

    public static var executableFolder: String? {
        guard let exe = Bundle.main.executablePath else { return nil }
        return (URL(fileURLWithPath: exe).resolvingSymlinksInPath().deletingLastPathComponent().path)
    }

    public struct Located: Sendable, Hashable {
        public var path: String
        /// How it was found, for messages ("PICKET_SEMGREP", "PATH", ...).
        public var source: String
    }

    public enum Outcome: Sendable {
        case found(Located)
        /// The variable named a file that is missing or not executable: an error, never a silent fallback.
        case badOverride(variable: String, path: String)
        case notFound
    }

    public func locate(_ name: String, variable: String, venv: Bool = true) -> Outcome {
        let fm = FileManager.default
        if let explicit = environment[variable], !explicit.isEmpty {
            return fm.isExecutableFile(atPath: explicit) ? .found(Located(path: explicit, source: variable)) : .badOverride(variable: variable, path: explicit)
        }
        if venv {
            if let v = environment["PICKET_VENV"], !v.isEmpty {
                let p = v + "/bin/" + name
                if fm.isExecutableFile(atPath: p) { return .found(Located(path: p, source: "PICKET_VENV")) }
            } else {
                for root in installationRoots {
                var dir = URL(fileURLWithPath: root)
                for _ in 0..<5 {
                    let p = dir.appendingPathComponent(".venv/bin/" + name).path
                    if fm.isExecutableFile(atPath: p) { return .found(Located(path: p, source: "Picket's .venv")) }
                    dir.deleteLastPathComponent()
                }
                }
            }
        }
        if let p = ProcessRunner.locate(name, path: environment["PATH"] ?? "") {
            return .found(Located(path: p, source: "PATH"))
        }
        return .notFound
    }

    /// Finds a data folder Picket ships (`rules/sast`): `PICKET_RULES_DIR/<sub>`, then walking up from the
    /// installation roots, then the usual share folders.
    public func ruleFolder(_ sub: String) -> String? {
        var isDir: ObjCBool = false
        func dir(_ p: String) -> Bool { FileManager.default.fileExists(atPath: p, isDirectory: &isDir) && isDir.boolValue }
        if let r = environment["PICKET_RULES_DIR"], !r.isEmpty {
            return dir(r + "/" + sub) ? r + "/" + sub : nil
        }
        for root in installationRoots {
            var d = URL(fileURLWithPath: root)
            for _ in 0..<5 {
                let p = d.appendingPathComponent("rules/" + sub).path
                if dir(p) { return p }
                d.deleteLastPathComponent()
            }
        }
        for share in ["/usr/local/share/picket/rules", "/usr/share/picket/rules"] where dir(share + "/" + sub) {
            return share + "/" + sub
        }
        return nil
    }
}

/// A dotted version (`1.185.0`), compared numerically.
public struct EngineVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var parts: [Int]

    public init(_ parts: [Int]) { self.parts = parts }

    /// Takes the first `N.N[.N]` run in the text (`semgrep --version` prints `1.185.0`, some builds prefix a name).
    public init?(parsing text: String) {
        var current: [Int] = []
        var digits = ""
        var found: [Int]?
        for ch in text + " " {
            if ch.isASCII && ch.isNumber {
                digits.append(ch)
            } else if ch == "." && !digits.isEmpty {
                current.append(Int(digits) ?? 0)
                digits = ""
            } else {
                if !digits.isEmpty { current.append(Int(digits) ?? 0) }
                if current.count >= 2 { found = current; break }
                current = []
                digits = ""
            }
        }
        guard let found else { return nil }
        parts = found
    }

    public var description: String { parts.map(String.init).joined(separator: ".") }

    public static func < (a: EngineVersion, b: EngineVersion) -> Bool {
        for i in 0..<max(a.parts.count, b.parts.count) {
            let x = i < a.parts.count ? a.parts[i] : 0, y = i < b.parts.count ? b.parts[i] : 0
            if x != y { return x < y }
        }
        return false
    }
}
