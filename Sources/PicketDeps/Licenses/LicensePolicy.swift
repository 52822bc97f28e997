import PicketCore

/// The licence policy of `.picket.yml`:
///
/// ```yaml
/// licenses:
///   deny: [GPL-3.0-only, AGPL-3.0-only]     # these are never acceptable
///   allow: [MIT, Apache-2.0, BSD-3-Clause]  # when non-empty: only these are acceptable
/// ```
///
/// A package's licence is an SPDX expression; it complies when the licences it can be used under can be chosen
/// within the policy: `A OR B` complies when either side does (the user picks), `A AND B` when both do. One
/// licence complies when it is not denied and, if the allow list is non-empty, is on it. A list entry matches a
/// licence by its id (`GPL-2.0-only`) or its whole form with exception (`GPL-2.0-only WITH Classpath-exception-2.0`),
/// case-insensitively; `X+` also matches entries for `X`. Text that is not an SPDX expression is one licence
/// named by that text. Packages whose lockfile carries no licence are not judged (nothing is known).
public struct LicensePolicy: Sendable, Hashable {
    public var deny: [String]
    public var allow: [String]
    private var denyKeys: Set<String>
    private var allowKeys: Set<String>

    public init(deny: [String] = [], allow: [String] = []) {
        self.deny = deny
        self.allow = allow
        denyKeys = Set(deny.map { $0.uppercased() })
        allowKeys = Set(allow.map { $0.uppercased() })
    }

    public var isEmpty: Bool { deny.isEmpty && allow.isEmpty }

    /// Reads the `licenses:` section, naming file, line and key on any mistake.
    public init(config: PicketConfig) throws {
        guard let section = config.section("licenses"), !section.isNull else {
            self.init()
            return
        }
        try section.checkKeys(["deny", "allow"])
        func ids(_ key: String) throws -> [(String, ConfigReader)] {
            guard let list = try section.optional(key) else { return [] }
            return try list.sequence().map { item in
                let id = try item.string().trimmingSpaces
                guard !id.isEmpty else { throw item.error("empty licence id") }
                guard case .license = SPDXExpression.parse(id), SPDXExpression.Parser.isPolicyEntry(id) else {
                    throw item.error("'\(id)' is not one SPDX licence id (such as MIT, Apache-2.0, GPL-3.0-only, LicenseRef-x or "
                                     + "'GPL-2.0-only WITH Classpath-exception-2.0'); list each licence of an expression separately")
                }
                return (id, item)
            }
        }
        let deny = try ids("deny"), allow = try ids("allow")
        let denied = Set(deny.map { $0.0.uppercased() })
        if let clash = allow.first(where: { denied.contains($0.0.uppercased()) }) {
            throw clash.1.error("'\(clash.0)' is in both licenses.deny and licenses.allow")
        }
        self.init(deny: deny.map(\.0), allow: allow.map(\.0))
    }

    public enum Verdict: Sendable, Hashable {
        case complies
        /// At least one licence that cannot be avoided is on the deny list (`offending` lists the licences).
        case denied(offending: [String])
        /// No choice of licences is on the allow list.
        case notAllowed(offending: [String])
    }

    /// Judges an SPDX expression (or free licence text).
    public func evaluate(_ text: String) -> Verdict {
        let expr = SPDXExpression.parse(text)
        if complies(expr) { return .complies }
        let bad = offenders(expr)
        let names = unique(bad.map(\.description))
        return bad.contains(where: isDenied) ? .denied(offending: names) : .notAllowed(offending: names)
    }

    func complies(_ e: SPDXExpression) -> Bool {
        switch e {
        case .license: !isDenied(e) && (allowKeys.isEmpty || isAllowed(e))
        case let .and(l, r): complies(l) && complies(r)
        case let .or(l, r): complies(l) || complies(r)
        }
    }

    /// The licences that make a non-compliant expression fail: for `AND`, those of the failing sides; for `OR`,
    /// those of every side (none could be chosen).
    func offenders(_ e: SPDXExpression) -> [SPDXExpression] {
        switch e {
        case .license: complies(e) ? [] : [e]
        case let .and(l, r): offenders(l) + offenders(r)
        case let .or(l, r): complies(e) ? [] : offenders(l) + offenders(r)
        }
    }

    private func keys(_ e: SPDXExpression) -> [String] {
        guard case let .license(id, exception) = e else { return [] }
        var k = [id.uppercased()]
        if let exception { k.append("\(id) WITH \(exception)".uppercased()) }
        if id.hasSuffix("+") { k.append(String(id.dropLast()).uppercased()) }
        return k
    }

    func isDenied(_ e: SPDXExpression) -> Bool { keys(e).contains(where: denyKeys.contains) }
    func isAllowed(_ e: SPDXExpression) -> Bool { keys(e).contains(where: allowKeys.contains) }

    private func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}

extension SPDXExpression.Parser {
    /// A policy entry is one licence id, optionally with `WITH exception`.
    static func isPolicyEntry(_ text: String) -> Bool {
        let words = text.split(separator: " ").map(String.init)
        switch words.count {
        case 1: return isID(words[0])
        case 3: return isID(words[0]) && words[1].uppercased() == "WITH" && isID(words[2])
        default: return false
        }
    }
}
