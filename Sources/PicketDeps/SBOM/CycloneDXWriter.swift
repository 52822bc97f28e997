import Foundation
import PicketCore

/// CycloneDX 1.6 JSON, written straight to bytes (keys in ascending order, the layout of the other reports).
public struct CycloneDXWriter: SBOMWriter {
    public let format = "cyclonedx"

    public init() {}

    public func render(_ document: SBOMDocument) throws -> Data {
        let stamp = ISO8601DateFormatter().string(from: document.created)
        let unique = document.uniquePackages
        var refs = Set<String>()
        refs.reserveCapacity(unique.count)
        let bomRefs = unique.map { entry -> String in
            let p = entry.package
            var ref = p.purl ?? "\(p.ecosystem.rawValue):\(p.name)@\(p.version ?? "unknown")"
            var n = 2
            while refs.contains(ref) { ref = "\(ref)#\(n)"; n += 1 }
            refs.insert(ref)
            return ref
        }
        var json = JSONEmitter(reserve: 256 * unique.count + 4096)
        json.object { o in
            o.field("bomFormat", "CycloneDX")
            o.field("components", array: { a in
                for (i, entry) in unique.enumerated() { component(&a, entry.package, files: entry.files, ref: bomRefs[i]) }
            })
            o.field("dependencies", array: { a in
                a.object { d in
                    d.field("dependsOn", unique.indices.filter { unique[$0].package.direct == true }.map { bomRefs[$0] })
                    d.field("ref", "picket:root")
                }
            })
            o.field("metadata", object: { m in
                m.field("component", object: { c in
                    c.field("bom-ref", "picket:root")
                    c.field("name", document.name)
                    c.field("type", "application")
                    c.field("version", document.version)
                })
                m.field("timestamp", stamp)
                m.field("tools", object: { t in
                    t.field("components", array: { a in
                        a.object { c in
                            c.field("name", "Picket")
                            c.field("type", "application")
                            c.field("version", PicketVersion.string)
                        }
                    })
                })
            })
            o.field("serialNumber", "urn:uuid:\(UUID().uuidString.lowercased())")
            o.field("specVersion", "1.6")
            o.field("version", 1)
        }
        try json.finish()
        return Data(json.bytes)
    }

    private func component(_ a: inout JSONEmitter, _ p: PackageRef, files: [String], ref: String) {
        let (group, name) = split(p)
        a.object { c in
            c.field("bom-ref", ref)
            c.field("group", group)
            if let l = p.license, !l.isEmpty {
                c.field("licenses", array: { ls in
                    ls.object { x in
                        if SPDXLicense.isExpression(l) {
                            x.field("expression", l)
                        } else {
                            x.field("license", object: { n in n.field("name", l) })
                        }
                    }
                })
            }
            c.field("name", name)
            c.field("properties", array: { props in
                func property(_ n: String, _ v: String) {
                    props.object { x in
                        x.field("name", n)
                        x.field("value", v)
                    }
                }
                for f in files { property("picket:lockfile", f) }
                property("picket:ecosystem", p.ecosystem.rawValue)
                if let d = p.direct { property("picket:direct", d ? "true" : "false") }
                if let why = p.unresolvedReason { property("picket:unresolved", why) }
            })
            c.field("purl", p.purl)
            c.field("scope", (p.scope == "dev" || p.scope == "test") ? "excluded" : (p.scope == "optional" ? "optional" : "required"))
            c.field("type", "library")
            c.field("version", p.version)
        }
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
