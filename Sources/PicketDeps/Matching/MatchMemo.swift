/// What one matching thread has already worked out: parsed versions and CVSS scores. Advisories repeat the same
/// event versions and vectors over and over, and a version is parsed again for every upgrade candidate it is
/// tried as. Not thread-safe: one per worker. Bounded, so memory stays flat on any database.
final class MatchMemo {
    private var versions: [String: [String: Result<AnyVersion, VersionParseError>]] = [:]
    private var versionCount = 0
    private var scores: [String: CVSS.Score?] = [:]
    static let limit = 50_000

    init() {}

    func version(_ text: String, _ scheme: AnyVersionScheme) -> Result<AnyVersion, VersionParseError> {
        if let hit = versions[scheme.name]?[text] { return hit }
        let r = Result { () throws(VersionParseError) -> AnyVersion in try scheme.parse(text) }
        if versionCount >= Self.limit {
            versions.removeAll(keepingCapacity: true)
            versionCount = 0
        }
        versions[scheme.name, default: [:]][text] = r
        versionCount += 1
        return r
    }

    /// nil for a vector that does not parse (the caller ignores it, as without the memo).
    func cvss(_ vector: String) -> CVSS.Score? {
        if let hit = scores[vector] { return hit }
        let s = try? CVSS.score(vector)
        if scores.count >= Self.limit { scores.removeAll(keepingCapacity: true) }
        scores[vector] = s
        return s
    }
}
