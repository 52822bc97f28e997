/// HTML built by string interpolation with escaping by construction: literal parts of a template are trusted
/// (they are Swift source), every interpolated `String` is escaped for text and quoted-attribute context, and
/// only `HTML` values pass through unescaped. A page is a Swift function the compiler checks; no template files,
/// no template engine to build, and no way to forget an escape.
///
///     let row: HTML = "<td>\(finding.title)</td><td><a href=\"\(url: link)\">open</a></td>"
public struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var rendered: String

    public init(stringLiteral value: String) { rendered = value }

    public init(stringInterpolation: StringInterpolation) { rendered = stringInterpolation.out }

    /// Markup made by Picket itself (never from input).
    init(trusted: String) { rendered = trusted }

    public static let empty = HTML(trusted: "")

    public var description: String { rendered }

    public static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(trusted: lhs.rendered + rhs.rendered) }

    public static func += (lhs: inout HTML, rhs: HTML) { lhs.rendered += rhs.rendered }

    public struct StringInterpolation: StringInterpolationProtocol {
        var out = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            out.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) { out += literal }

        public mutating func appendInterpolation(_ text: String) { out += HTML.escape(text) }

        public mutating func appendInterpolation(_ text: Substring) { out += HTML.escape(String(text)) }

        public mutating func appendInterpolation(_ text: String?) { if let text { out += HTML.escape(text) } }

        public mutating func appendInterpolation(_ html: HTML) { out += html.rendered }

        public mutating func appendInterpolation(_ html: HTML?) { if let html { out += html.rendered } }

        public mutating func appendInterpolation(_ parts: [HTML]) { for p in parts { out += p.rendered } }

        public mutating func appendInterpolation<T: BinaryInteger>(_ number: T) { out += String(number) }

        /// A link target: relative paths and http(s) URLs only (a `javascript:` URL from outside becomes `#`).
        public mutating func appendInterpolation(url: String?) { out += HTML.escape(HTML.safeURL(url)) }
    }

    /// Escapes `& < > " '` so the text is inert in element content and in quoted attributes.
    public static func escape(_ text: String) -> String {
        var needs = false
        for b in text.utf8 where b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 { needs = true; break }
        guard needs else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func safeURL(_ url: String?) -> String {
        guard let url, !url.isEmpty else { return "#" }
        if url.hasPrefix("/") && !url.hasPrefix("//") { return url }
        if url.hasPrefix("?") || url.hasPrefix("#") { return url }
        let lower = url.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") { return url }
        return "#"
    }
}

extension Sequence {
    /// Renders each element and joins the results.
    func html(_ render: (Element) throws -> HTML) rethrows -> HTML {
        var out = HTML.empty
        for e in self { out += try render(e) }
        return out
    }
}
