import PicketCore

/// One secret-detection rule as written in a rule file: a PCRE2 pattern whose capture group is the secret,
/// plus the filters that turn a pattern match into a finding, and examples that must and must not match.
public struct SecretRule: Sendable, Hashable {
    public var id: String
    public var title: String
    public var description: String?
    public var severity: Severity
    public var confidence: Confidence
    /// PCRE2 syntax, restricted to what Vectorscan compiles exactly where possible (else it runs as a prefilter).
    public var pattern: String
    /// The capture group holding the secret: a number, or nil for the group named `secret`, else group 1,
    /// else the whole match.
    public var secretGroup: Int?
    /// Minimum Shannon entropy (bits per byte) of the secret.
    public var minEntropy: Double?
    /// Name of a checksum validator (`github`, `npm`, `gitlab-routable`...): a secret whose checksum fails is dropped.
    public var checksum: String?
    /// The match may span lines (private keys): the engine looks further back from a candidate.
    public var multiline: Bool
    /// Literals (matched without regard to case) that gate the rule: when present, only they are searched for
    /// in the fast pass and the pattern is confirmed on the lines around them. For patterns with no literal to
    /// anchor on (a bare `[A-Za-z0-9]{40}`-style key), which would otherwise slow every scan.
    public var keywords: [String]
    public var allow: RuleAllowlist
    public var examples: RuleExamples
    /// Free-form labels; `generic` marks a rule that recognises a value by its name or container rather than by a
    /// format, whose finding is dropped when another rule reports the same value (see `EngineWorker`).
    public var tags: [String]
    /// Provider documentation of the format.
    public var references: [String]
    /// Where the rule was defined, for error messages.
    public var origin: String

    public init(id: String, title: String, description: String? = nil, severity: Severity = .high,
                confidence: Confidence = .high, pattern: String, secretGroup: Int? = nil, minEntropy: Double? = nil,
                checksum: String? = nil, multiline: Bool = false, keywords: [String] = [], allow: RuleAllowlist = RuleAllowlist(),
                examples: RuleExamples = RuleExamples(), tags: [String] = [], references: [String] = [], origin: String = "") {
        self.id = id
        self.title = title
        self.description = description
        self.severity = severity
        self.confidence = confidence
        self.pattern = pattern
        self.secretGroup = secretGroup
        self.minEntropy = minEntropy
        self.checksum = checksum
        self.multiline = multiline
        self.keywords = keywords
        self.allow = allow
        self.examples = examples
        self.tags = tags
        self.references = references
        self.origin = origin
    }
}

/// Exceptions to a rule (and, at the top level, to every rule).
public struct RuleAllowlist: Sendable, Hashable {
    /// PCRE2 patterns tested against the secret: a match drops the candidate.
    public var values: [String]
    /// Case-insensitive words; a secret containing one is dropped (for generic rules).
    public var stopwords: [String]
    /// Globs of paths where the rule does not apply.
    public var paths: [String]
    /// PCRE2 patterns tested against the whole line holding the match.
    public var lines: [String]
    /// PCRE2 patterns tested against the file's path (gitleaks' path allowlists are regular expressions).
    public var pathPatterns: [String]

    public init(values: [String] = [], stopwords: [String] = [], paths: [String] = [], lines: [String] = [],
                pathPatterns: [String] = []) {
        self.values = values
        self.stopwords = stopwords
        self.paths = paths
        self.lines = lines
        self.pathPatterns = pathPatterns
    }

    public var isEmpty: Bool { values.isEmpty && stopwords.isEmpty && paths.isEmpty && lines.isEmpty && pathPatterns.isEmpty }

    public func merged(with other: RuleAllowlist) -> RuleAllowlist {
        RuleAllowlist(values: values + other.values, stopwords: stopwords + other.stopwords,
                      paths: paths + other.paths, lines: lines + other.lines, pathPatterns: pathPatterns + other.pathPatterns)
    }
}

/// Text that must produce a finding of the rule (`positive`) and text that must not (`negative`).
public struct RuleExamples: Sendable, Hashable {
    public var positive: [String]
    public var negative: [String]

    public init(positive: [String] = [], negative: [String] = []) {
        self.positive = positive
        self.negative = negative
    }
}
