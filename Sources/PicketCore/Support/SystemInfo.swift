import Foundation

public enum SystemInfo {
    public static var activeProcessorCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    public static func environment(_ name: String) -> String? {
        guard let v = ProcessInfo.processInfo.environment[name], !v.isEmpty else { return nil }
        return v
    }
}
