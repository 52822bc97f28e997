import Foundation
import PicketCore

/// SPDX 2.3 JSON, written straight to bytes (keys in ascending order, the layout of the other reports).
public struct SPDXWriter: SBOMWriter {
    public let format = "spdx"

    public init() {}

    public func render(_ document: SBOMDocument) throws -> Data {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        let unique = document.uniquePackages
        let rootID = "SPDXRef-Package-root"
        // Licence texts that are not SPDX expressions get a LicenseRef each, in order of first use.
        var licenseRefs: [String: String] = [:]
        var extracted: [(ref: String, text: String)] = []
        let declared = unique.map { entry -> String in
            guard let l = entry.package.license, !l.isEmpty else { return "NOASSERTION" }
            if SPDXLicense.isExpression(l) { return l }
            if let ref = licenseRefs[l] { return ref }
            let ref = "LicenseRef-\(licenseRefs.count + 1)"
            licenseRefs[l] = ref
            extracted.append((ref, l))
            return ref
        }
        let safeName = document.name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "-" }
        var json = JSONEmitter(reserve: 384 * unique.count + 4096)
        json.object { o in
            o.field("SPDXID", "SPDXRef-DOCUMENT")
            o.field("creationInfo", object: { c in
                c.field("created", f.string(from: document.created))
                c.field("creators", ["Tool: Picket-\(PicketVersion.string)"])
            })
            o.field("dataLicense", "CC0-1.0")
            o.field("documentNamespace", "https://spdx.org/spdxdocs/picket-\(String(safeName))-\(UUID().uuidString.lowercased())")
            if !extracted.isEmpty {
                o.field("hasExtractedLicensingInfos", each: extracted) { a, e in
                    a.object { x in
                        x.field("extractedText", e.text)
                        x.field("licenseId", e.ref)
                        x.field("name", e.text)
                    }
                }
            }
            o.field("name", document.name)
            o.field("packages", array: { a in
                a.object { r in
                    r.field("SPDXID", rootID)
                    r.field("downloadLocation", "NOASSERTION")
                    r.field("filesAnalyzed", false)
                    r.field("name", document.name)
                    r.field("primaryPackagePurpose", "APPLICATION")
                    r.field("versionInfo", document.version)
                }
                for (i, entry) in unique.enumerated() {
                    let p = entry.package
                    a.object { x in
                        x.field("SPDXID", "SPDXRef-Package-\(i + 1)")
                        x.field("comment", "Found in \(entry.files.joined(separator: ", ")) (\(p.ecosystem.rawValue))")
                        x.field("downloadLocation", "NOASSERTION")
                        if let purl = p.purl {
                            x.field("externalRefs", array: { refs in
                                refs.object { e in
                                    e.field("referenceCategory", "PACKAGE-MANAGER")
                                    e.field("referenceLocator", purl)
                                    e.field("referenceType", "purl")
                                }
                            })
                        }
                        x.field("filesAnalyzed", false)
                        x.field("licenseConcluded", "NOASSERTION")
                        x.field("licenseDeclared", declared[i])
                        x.field("name", p.name)
                        x.field("primaryPackagePurpose", "LIBRARY")
                        x.field("versionInfo", p.version)
                    }
                }
            })
            o.field("relationships", array: { a in
                func relationship(_ from: String, _ type: String, _ to: String) {
                    a.object { x in
                        x.field("relatedSpdxElement", to)
                        x.field("relationshipType", type)
                        x.field("spdxElementId", from)
                    }
                }
                relationship("SPDXRef-DOCUMENT", "DESCRIBES", rootID)
                for (i, entry) in unique.enumerated() {
                    let id = "SPDXRef-Package-\(i + 1)"
                    // DEV_DEPENDENCY_OF points from the dependency to the package it serves.
                    if entry.package.scope == "dev" {
                        relationship(id, "DEV_DEPENDENCY_OF", rootID)
                    } else {
                        relationship(rootID, "DEPENDS_ON", id)
                    }
                }
            })
            o.field("spdxVersion", "SPDX-2.3")
        }
        try json.finish()
        return Data(json.bytes)
    }
}
