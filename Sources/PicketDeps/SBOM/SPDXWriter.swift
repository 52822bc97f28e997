import Foundation
import PicketCore

/// SPDX 2.3 JSON.
public struct SPDXWriter: SBOMWriter {
    public let format = "spdx"

    public init() {}

    public func render(_ document: SBOMDocument) throws -> Data {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        var packages: [[String: Any]] = []
        var relationships: [[String: String]] = []
        var extracted: [[String: String]] = []
        var licenseRefs: [String: String] = [:]
        let rootID = "SPDXRef-Package-root"
        var root: [String: Any] = ["name": document.name, "SPDXID": rootID, "downloadLocation": "NOASSERTION",
                                   "filesAnalyzed": false, "primaryPackagePurpose": "APPLICATION"]
        if let v = document.version { root["versionInfo"] = v }
        packages.append(root)
        relationships.append(["spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": rootID])
        for (i, (p, files)) in document.uniquePackages.enumerated() {
            let id = "SPDXRef-Package-\(i + 1)"
            var pkg: [String: Any] = ["name": p.name, "SPDXID": id, "downloadLocation": "NOASSERTION", "filesAnalyzed": false,
                                      "licenseConcluded": "NOASSERTION", "primaryPackagePurpose": "LIBRARY",
                                      "comment": "Found in \(files.joined(separator: ", ")) (\(p.ecosystem.rawValue))"]
            if let v = p.version { pkg["versionInfo"] = v }
            if let l = p.license, !l.isEmpty {
                if SPDXLicense.isExpression(l) {
                    pkg["licenseDeclared"] = l
                } else {
                    let ref = licenseRefs[l] ?? "LicenseRef-\(licenseRefs.count + 1)"
                    if licenseRefs[l] == nil {
                        licenseRefs[l] = ref
                        extracted.append(["licenseId": ref, "extractedText": l, "name": l])
                    }
                    pkg["licenseDeclared"] = ref
                }
            } else {
                pkg["licenseDeclared"] = "NOASSERTION"
            }
            if let purl = p.purl {
                pkg["externalRefs"] = [["referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": purl]]
            }
            packages.append(pkg)
            relationships.append(["spdxElementId": rootID, "relationshipType": p.scope == "dev" ? "DEV_DEPENDENCY_OF" : "DEPENDS_ON",
                                  "relatedSpdxElement": id])
        }
        // DEV_DEPENDENCY_OF points from the dependency to the package it serves.
        relationships = relationships.map { r in
            guard r["relationshipType"] == "DEV_DEPENDENCY_OF" else { return r }
            return ["spdxElementId": r["relatedSpdxElement"]!, "relationshipType": "DEV_DEPENDENCY_OF", "relatedSpdxElement": rootID]
        }
        let safeName = document.name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "-" }
        var doc: [String: Any] = [
            "spdxVersion": "SPDX-2.3",
            "dataLicense": "CC0-1.0",
            "SPDXID": "SPDXRef-DOCUMENT",
            "name": document.name,
            "documentNamespace": "https://spdx.org/spdxdocs/picket-\(String(safeName))-\(UUID().uuidString.lowercased())",
            "creationInfo": ["created": f.string(from: document.created), "creators": ["Tool: Picket-\(PicketVersion.string)"]],
            "packages": packages,
            "relationships": relationships,
        ]
        if !extracted.isEmpty { doc["hasExtractedLicensingInfos"] = extracted }
        return try Data.stableJSON(doc)
    }
}
