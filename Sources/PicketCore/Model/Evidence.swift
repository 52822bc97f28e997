/// What a finding shows of the offending text. For secrets the matched value is never stored in plain text:
/// `preview` is redacted and `sha256` identifies the value; `revealed` is filled only when the user asked for
/// `--no-redact`, and it is never written by the store.
public struct Evidence: Sendable, Hashable, Codable {
    /// The line (or a window of it) around the finding, with any secret already redacted.
    public var snippet: String?
    /// A short, redacted form of the matched value, e.g. `glpat-ab…` for a secret.
    public var preview: String?
    /// Hex SHA-256 of the matched value (secrets only); lets reports and stores recognise a secret without holding it.
    public var sha256: String?
    /// The unredacted value; set only on explicit request.
    public var revealed: String?

    public init(snippet: String? = nil, preview: String? = nil, sha256: String? = nil, revealed: String? = nil) {
        self.snippet = snippet
        self.preview = preview
        self.sha256 = sha256
        self.revealed = revealed
    }
}
