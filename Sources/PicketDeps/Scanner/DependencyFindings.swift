import PicketCore

/// Turns advisory matches and licence verdicts into findings.
///
/// One finding per (package at a lockfile, vulnerability): a vulnerability is the group of OSV records linked
/// by aliases, so `GHSA-x`, `PYSEC-y` and `CVE-z` describing one flaw are one finding. Each finding has its own
/// severity, fixed versions and identifiers (GitLab and SARIF track findings per advisory), and all of a
/// package's findings carry the same recommended upgrade: the smallest version that fixes every advisory
/// on that package.
///
/// The rule id (and so the fingerprint and GitLab's primary identifier) is chosen among every id of the group,
/// the records' ids and their aliases alike: a GHSA id first, then a CVE id, then the matcher's primary record id
/// (an ecosystem database's: `PYSEC-`, `GO-`, `RUSTSEC-`...); ties by the smallest id. GHSA and CVE ids are named
/// by every source, so the rule id stays the same whichever databases were imported.
public enum DependencyFindings {
    /// The rule id of a vulnerability and the ids left as its aliases (sorted).
    public static func primaryID(_ v: VulnerabilityMatch) -> (id: String, aliases: [String]) {
        let all = Set([v.id] + v.aliases)
        let pick = all.filter { $0.uppercased().hasPrefix("GHSA-") }.min()
            ?? all.filter { $0.uppercased().hasPrefix("CVE-") }.min()
            ?? v.id
        return (pick, all.subtracting([pick]).sorted())
    }

    /// Severity given to a vulnerability that neither a CVSS vector nor the database rates.
    public static let unratedSeverity = Severity.medium
    /// Longest advisory text kept in a finding's message.
    static let detailsLimit = 4000

    public static func vulnerabilities(_ match: PackageMatch) -> [Finding] {
        let p = match.package
        return match.vulnerabilities.map { v in
            let (ruleID, aliases) = primaryID(v)
            var lines: [String] = []
            if let d = v.details?.trimmingSpaces, !d.isEmpty {
                lines.append(d.count > detailsLimit ? String(d.prefix(detailsLimit)) + "…" : d)
                lines.append("")
            }
            let version = p.version ?? ""
            let aka = aliases.isEmpty ? "." : " (also known as " + aliases.joined(separator: ", ") + ")."
            lines.append("\(p.name) \(version) (\(p.ecosystem.rawValue)) in \(p.file) is affected by \(ruleID)" + aka)
            if let chain = p.introducedThrough, !chain.isEmpty {
                lines.append("Introduced through " + (chain + ["\(p.name)@\(version)"]).joined(separator: " → ") + ".")
            }
            let fixed = v.fixedVersions.joined(separator: ", ")
            lines.append(v.fixedVersions.isEmpty ? "No fixed version is known." : "Fixed in: \(fixed).")
            let count = match.vulnerabilities.count
            if let r = match.recommendedVersion {
                let scope = count == 1 ? "this vulnerability." : "all \(count) known vulnerabilities of \(p.name) \(version)."
                lines.append("Upgrade \(p.name) to \(r): the smallest version that fixes " + scope)
            } else if !v.fixedVersions.isEmpty, count > 1 {
                lines.append("No single known version fixes all \(count) vulnerabilities of \(p.name) \(version).")
            }
            let severity: Severity
            switch (v.severity, v.severitySource) {
            case let (s?, source?) where source.hasPrefix("CVSS"):
                severity = s
                lines.append("Severity from \(source)\(v.cvssScore.map { " base score \(formatScore($0))" } ?? "").")
            case let (s?, _):
                severity = s
                lines.append("Severity from the advisory database's own rating.")
            default:
                severity = unratedSeverity
                lines.append("The advisory rates no severity; reported as \(unratedSeverity.rawValue).")
            }
            let details = DependencyDetails(
                ecosystem: p.ecosystem.rawValue, name: p.name, version: p.version ?? "", purl: p.purl, direct: p.direct,
                scope: p.scope, aliases: aliases, fixedVersions: v.fixedVersions, recommendedVersion: match.recommendedVersion,
                cvssVectors: v.cvssVectors, license: p.license, introducedThrough: p.introducedThrough)
            return Finding(
                kind: .dependency, ruleID: ruleID,
                title: v.summary.map { $0.trimmingSpaces }.flatMap { $0.isEmpty ? nil : $0 } ?? "\(ruleID) in \(p.name)",
                message: lines.joined(separator: "\n"), severity: severity,
                location: Location(path: p.file, startLine: p.line ?? 1),
                fingerprint: fingerprint(kind: .dependency, rule: ruleID, package: p),
                identifiers: ([ruleID] + aliases).map(AdvisoryIdentifiers.identifier),
                dependency: details)
        }
    }

    /// A finding when the package's licence breaks the policy; nil when it complies or carries no licence.
    public static func license(_ p: PackageRef, policy: LicensePolicy) -> Finding? {
        guard !policy.isEmpty, let text = p.license?.trimmingSpaces, !text.isEmpty else { return nil }
        let rule: String, severity: Severity, offending: [String], why: String
        switch policy.evaluate(text) {
        case .complies: return nil
        case .denied(let o):
            (rule, severity, offending) = ("license-denied", .high, o)
            why = "\(o.joined(separator: ", ")) \(o.count == 1 ? "is" : "are") on the deny list (licenses.deny)"
        case .notAllowed(let o):
            (rule, severity, offending) = ("license-not-allowed", .medium, o)
            why = "\(o.joined(separator: ", ")) \(o.count == 1 ? "is" : "are") not on the allow list (licenses.allow: \(policy.allow.joined(separator: ", ")))"
        }
        let message = "\(p.name) \(p.version ?? "") (\(p.ecosystem.rawValue)) in \(p.file) is licensed under \(text): \(why). "
            + "Replace the package, get the licence approved, or ignore this finding in .picket.yml."
        let ids = offending.map { lic in
            Identifier(type: "license", name: "License \(lic)", value: lic,
                       url: lic.contains(" ") || lic.hasPrefix("LicenseRef-") ? nil : "https://spdx.org/licenses/\(lic.hasSuffix("+") ? String(lic.dropLast()) : lic).html")
        }
        return Finding(
            kind: .license, ruleID: rule, title: "\(p.name) is licensed under \(text)", message: message, severity: severity,
            location: Location(path: p.file, startLine: p.line ?? 1),
            fingerprint: fingerprint(kind: .license, rule: rule, package: p, extra: text),
            identifiers: ids,
            dependency: DependencyDetails(ecosystem: p.ecosystem.rawValue, name: p.name, version: p.version ?? "", purl: p.purl,
                                          direct: p.direct, scope: p.scope, license: text))
    }

    /// Stable across runs and line moves: kind, rule (advisory id), lockfile path, and the package's base
    /// ecosystem, normalised name and version (trimmed, lower-cased, a leading `v` dropped). No line numbers.
    public static func fingerprint(kind: FindingKind, rule: String, package p: PackageRef, extra: String = "") -> Fingerprint {
        let eco = VersionSchemes.baseEcosystem(p.ecosystem.rawValue)
        var version = (p.version ?? "").trimmingSpaces.lowercased()
        if version.hasPrefix("v"), version.dropFirst().first?.isNumber == true { version.removeFirst() }
        let name = PackageNames.normalise(p.name, ecosystem: p.ecosystem.rawValue)
        return Fingerprint(kind: kind, rule: rule, path: p.file, identity: "\(eco)|\(name)|\(version)|\(extra)")
    }

    /// Findings with the same fingerprint (one package listed twice in one lockfile) become one with further locations.
    public static func merged(_ findings: [Finding]) -> [Finding] {
        // Usually every fingerprint is unique: then the findings stand as they are, uncopied.
        var seen = Set<Fingerprint>(minimumCapacity: findings.count)
        guard !findings.allSatisfy({ seen.insert($0.fingerprint).inserted }) else { return findings }
        var out: [Finding] = []
        var index: [Fingerprint: Int] = [:]
        for f in findings {
            if let i = index[f.fingerprint] {
                if !out[i].allLocations.contains(f.location) { out[i].additionalLocations.append(f.location) }
            } else {
                index[f.fingerprint] = out.count
                out.append(f)
            }
        }
        return out
    }

    static func formatScore(_ s: Double) -> String {
        let tenths = Int((s * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

/// Identifiers and links of advisory ids.
public enum AdvisoryIdentifiers {
    /// Prefixes of databases that publish into OSV, whose ids osv.dev resolves.
    static let osvPrefixes = ["GO-", "PYSEC-", "RUSTSEC-", "OSV-", "MAL-", "GSD-", "PSF-", "HSEC-", "RSEC-", "CURL-", "BIT-",
                              "DSA-", "DLA-", "DTSA-", "USN-", "UBUNTU-", "DEBIAN-", "ALSA-", "ALBA-", "ALEA-", "RLSA-",
                              "RXSA-", "SUSE-", "OPENSUSE-", "CGA-", "MGASA-", "OESA-", "PHSA-", "BELL-", "ECHO-", "MINI-"]

    public static func identifier(_ id: String) -> Identifier {
        let upper = id.uppercased()
        if upper.hasPrefix("CVE-") {
            return Identifier(type: "cve", name: id, value: id, url: "https://nvd.nist.gov/vuln/detail/\(id)")
        }
        if upper.hasPrefix("GHSA-") {
            return Identifier(type: "ghsa", name: id, value: id, url: "https://github.com/advisories/\(id)")
        }
        if osvPrefixes.contains(where: upper.hasPrefix) {
            return Identifier(type: "osv", name: id, value: id, url: "https://osv.dev/vulnerability/\(id)")
        }
        // Another database's id (a vendor's): named, without a link Picket cannot vouch for.
        let type = id.split(separator: "-").first.map { $0.lowercased() } ?? "advisory"
        return Identifier(type: type.isEmpty ? "advisory" : type, name: id, value: id)
    }
}
