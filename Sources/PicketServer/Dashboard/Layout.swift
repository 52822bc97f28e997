import Foundation
import HTTPTypes
import PicketCore
import PicketStore

/// The page shell and the small pieces every page uses (severity badges, state labels, flash messages).
enum Layout {
    static func page(_ title: String, identity: Identity?, csrf: String?, flash: Flash? = nil, refresh: Int? = nil,
                     _ body: HTML) -> HTML {
        let nav: HTML
        if let identity {
            nav = """
            <nav><a href="/repositories">Repositories</a><a href="/findings">Findings</a><a href="/dependencies">Dependencies</a><a href="/scans">Scans</a>\
            <a href="/jobs">Jobs</a><a href="/workspaces">Workspaces</a>\(identity.isAdmin ? HTML("<a href=\"/users\">Users</a>") : HTML.empty)</nav>
            <div class="who"><a href="/account">\(identity.user.username)</a> <span class="small">(\(identity.user.role.rawValue))</span>\
            <form class="inline" method="post" action="/logout"><input type="hidden" name="_csrf" value="\(csrf ?? "")"><button class="secondary" type="submit">Sign out</button></form></div>
            """
        } else {
            nav = "<nav></nav>"
        }
        let meta: HTML = refresh.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? .empty
        return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\(meta)
        <title>\(title) · Picket</title><link rel="stylesheet" href="/static/app.css"></head>
        <body><header class="top"><a class="brand" href="/">Picket</a>\(nav)</header>
        <main>\(flash.map(render) ?? .empty)\(body)</main></body></html>
        """
    }

    static func errorPage(status: HTTPResponse.Status, message: String, identity: Identity?) -> HTML {
        page("\(status.code)", identity: identity, csrf: nil, """
        <h1>\(String(status.code)) \(status.reasonPhrase)</h1><div class="card"><p>\(message)</p><p><a href="/">Back to the dashboard</a></p></div>
        """)
    }

    struct Flash: Sendable {
        enum Kind: String, Sendable { case ok, error, warn }
        var kind: Kind
        var text: String
    }

    static func render(_ f: Flash) -> HTML { "<div class=\"flash flash-\(f.kind.rawValue)\" role=\"status\">\(f.text)</div>" }

    static func severity(_ s: Severity) -> HTML { "<span class=\"sev sev-\(s.rawValue)\">\(s.rawValue)</span>" }

    static func state(_ s: FindingState, source: IgnoreSource? = nil) -> HTML {
        let label = s == .ignored && source == .config ? "ignored (.picket.yml)" : s.rawValue
        return "<span class=\"state state-\(s.rawValue)\">\(label)</span>"
    }

    static func status(_ text: String) -> HTML { "<span class=\"st-\(text)\">\(text)</span>" }

    static func counts(_ c: [Severity: Int]) -> HTML {
        let order: [Severity] = [.critical, .high, .medium, .low, .info]
        let parts = order.compactMap { s -> HTML? in
            guard let n = c[s], n > 0 else { return nil }
            return "<span>\(severity(s)) \(n)</span>"
        }
        return parts.isEmpty ? "<span class=\"muted\">none</span>" : "<span class=\"counts\">\(parts)</span>"
    }

    static func csrfField(_ token: String?) -> HTML { "<input type=\"hidden\" name=\"_csrf\" value=\"\(token ?? "")\">" }

    static func shortSHA(_ sha: String?) -> String { sha.map { String($0.prefix(8)) } ?? "—" }

    static func duration(_ from: Date?, _ to: Date?) -> String {
        guard let from, let to else { return "—" }
        let s = to.timeIntervalSince(from)
        if s < 1 { return String(format: "%.0f ms", s * 1000) }
        if s < 120 { return String(format: "%.1f s", s) }
        return String(format: "%.0f min", s / 60)
    }
}
