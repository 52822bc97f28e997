import Foundation
import PicketCore

/// CycloneDX 1.6 JSON.
public struct CycloneDXWriter: SBOMWriter {
    public let format = "cyclonedx"

    public init() {}

    public func render(_ document: SBOMDocument) throws -> Data {
        let stamp = ISO8601DateFormatter().string(from: document.created)
        var root: [String: Any] = ["type": "application", "name": document.name, "bom-ref": "picket:root"]
        if let v = document.version { root["version"] = v }
        var components: [[String: Any]] = []
        var refs = Set<String>()
        for (p, files) in document.uniquePackages {
            var ref = p.purl ?? "\(p.ecosystem.rawValue):\(p.name)@\(p.version ?? "unknown")"
            var n = 2
            while refs.contains(ref) { ref = "\(ref)#\(n)"; n += 1 }
            refs.insert(ref)
            var c: [String: Any] = ["type": "library", "bom-ref": ref]
            let (group, name) = split(p)
            c["name"] = name
            if let group { c["group"] = group }
            if let v = p.version { c["version"] = v }
            if let purl = p.purl { c["purl"] = purl }
            c["scope"] = (p.scope == "dev" || p.scope == "test") ? "excluded" : (p.scope == "optional" ? "optional" : "required")
            if let l = p.license, !l.isEmpty {
                c["licenses"] = SPDXLicense.isExpression(l) ? [["expression": l]] : [["license": ["name": l]]]
            }
            var props: [[String: String]] = files.map { ["name": "picket:lockfile", "value": $0] }
            props.append(["name": "picket:ecosystem", "value": p.ecosystem.rawValue])
            if let d = p.direct { props.append(["name": "picket:direct", "value": d ? "true" : "false"]) }
            if let why = p.unresolvedReason { props.append(["name": "picket:unresolved", "value": why]) }
            c["properties"] = props
            components.append(c)
        }
        let direct = document.uniquePackages.enumerated().filter { $0.element.package.direct == true }
            .map { components[$0.offset]["bom-ref"] as! String }
        let bom: [String: Any] = [
            "bomFormat": "CycloneDX",
            "specVersion": "1.6",
            "serialNumber": "urn:uuid:\(UUID().uuidString.lowercased())",
            "version": 1,
            "metadata": [
                "timestamp": stamp,
                "tools": ["components": [["type": "application", "name": "Picket", "version": PicketVersion.string]]],
                "component": root,
            ],
            "components": components,
            "dependencies": [["ref": "picket:root", "dependsOn": direct]],
        ]
        return try Data.stableJSON(bom)
    }

    /// CycloneDX keeps namespaces apart: npm `@scope`, Maven group id, Go/Packagist vendor paths.
    private func split(_ p: PackageRef) -> (String?, String) {
        switch p.ecosystem {
        case .maven:
            let parts = p.name.split(separator: ":", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : (nil, p.name)
        case .npm where p.name.hasPrefix("@"):
            if let slash = p.name.firstIndex(of: "/") {
                return (String(p.name[..<slash]), String(p.name[p.name.index(after: slash)...]))
            }
            return (nil, p.name)
        default:
            return (nil, p.name)
        }
    }
}
