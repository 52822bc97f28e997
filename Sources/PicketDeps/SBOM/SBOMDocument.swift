import Foundation
import PicketCore

/// What an SBOM describes: the scanned project and the packages its lockfiles name.
public struct SBOMDocument: Sendable {
    public var name: String
    public var version: String?
    public var packages: [PackageRef]
    public var created: Date

    public init(name: String, version: String? = nil, packages: [PackageRef], created: Date = Date()) {
        self.name = name
        self.version = version
        self.packages = packages
        self.created = created
    }

    /// One entry per distinct package (ecosystem, name, version); the lockfiles naming it are kept as evidence.
    var uniquePackages: [(package: PackageRef, files: [String])] {
        var order: [String] = []
        var byKey: [String: (PackageRef, [String])] = [:]
        for p in packages {
            let key = "\(p.ecosystem.rawValue)|\(p.name)|\(p.version ?? "")"
            if var existing = byKey[key] {
                if !existing.1.contains(p.file) { existing.1.append(p.file) }
                if existing.0.direct != true, p.direct == true { existing.0.direct = true }
                if existing.0.license == nil { existing.0.license = p.license }
                byKey[key] = existing
            } else {
                order.append(key)
                byKey[key] = (p, [p.file])
            }
        }
        return order.map { (byKey[$0]!.0, byKey[$0]!.1) }
    }
}

/// Writes an SBOM format; one type per format, like the report writers.
public protocol SBOMWriter: Sendable {
    var format: String { get }
    func render(_ document: SBOMDocument) throws -> Data
}

public enum SBOMFormats {
    public static let all: [any SBOMWriter] = [CycloneDXWriter(), SPDXWriter()]

    public static func writer(named name: String) throws -> any SBOMWriter {
        guard let w = all.first(where: { $0.format == name }) else {
            throw PicketError.usage("unknown SBOM format '\(name)'; expected one of: \(all.map(\.format).joined(separator: ", "))")
        }
        return w
    }
}

enum SPDXLicense {
    /// True for text shaped like an SPDX license expression (`MIT`, `Apache-2.0 OR MIT`, `GPL-2.0-only WITH
    /// Classpath-exception-2.0`, `LicenseRef-x`); free text such as "BSD style" is not.
    static func isExpression(_ text: String) -> Bool {
        let tokens = text.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
            .split(separator: " ")
        guard !tokens.isEmpty else { return false }
        var expectID = true
        for t in tokens {
            if expectID {
                guard t.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == ":" }),
                      t.first?.isLetter == true || t.first?.isNumber == true else { return false }
                expectID = false
            } else {
                guard ["AND", "OR", "WITH"].contains(t) else { return false }
                expectID = true
            }
        }
        return !expectID
    }
}
