import CPCRE2

/// A compiled, JIT-enabled PCRE2 pattern. Immutable and shareable across threads; each thread matches
/// through its own `PCRE2Matcher`. Matching is byte-oriented (no UTF mode), so invalid UTF-8 is fine.
public final class PCRE2Pattern: @unchecked Sendable {
    let code: OpaquePointer
    public let pattern: String
    /// Number of capture groups.
    public let captureCount: Int
    public let jitCompiled: Bool

    public struct Options: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        public static let caseless = Options(rawValue: 0x0000_0008)    // PCRE2_CASELESS
        public static let multiline = Options(rawValue: 0x0000_0400)   // PCRE2_MULTILINE
        public static let dotAll = Options(rawValue: 0x0000_0020)      // PCRE2_DOTALL
    }

    public init(_ pattern: String, options: Options = []) throws {
        self.pattern = pattern
        var errorCode: Int32 = 0
        var errorOffset = 0
        let bytes = Array(pattern.utf8)
        guard let code = bytes.withUnsafeBufferPointer({ buf in
            pcre2_compile_8(buf.baseAddress, buf.count, options.rawValue, &errorCode, &errorOffset, nil)
        }) else {
            throw RegexError("invalid pattern at offset \(errorOffset): \(PCRE2Pattern.message(errorCode))")
        }
        self.code = code
        var count: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
        jitCompiled = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0
    }

    deinit { pcre2_code_free_8(code) }

    /// Number of a named group, nil when the pattern has no such group.
    public func groupNumber(named name: String) -> Int? {
        let n = name.withCString { pcre2_substring_number_from_name_8(code, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
        return n > 0 ? Int(n) : nil
    }

    static func message(_ code: Int32) -> String {
        var buf = [UInt8](repeating: 0, count: 256)
        let n = pcre2_get_error_message_8(code, &buf, buf.count)
        return n > 0 ? String(decoding: buf.prefix(Int(n)), as: UTF8.self) : "error \(code)"
    }
}

/// Per-thread matching state: match data, a JIT stack, and the limits that stop a catastrophic pattern.
public final class PCRE2Matcher {
    public enum Outcome: Equatable {
        case match
        case noMatch
        /// The match or depth limit was hit: the pattern backtracks catastrophically on this input.
        case limitExceeded
        case error(String)
    }

    private let matchData: OpaquePointer
    private let context: OpaquePointer
    private let jitStack: OpaquePointer?
    public let maxGroups: Int

    /// `matchLimit` bounds backtracking steps per match attempt; `depthLimit` bounds nesting.
    public init(maxGroups: Int = 16, matchLimit: UInt32 = 2_000_000, depthLimit: UInt32 = 5_000) {
        self.maxGroups = maxGroups
        matchData = pcre2_match_data_create_8(UInt32(maxGroups + 1), nil)
        context = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(context, matchLimit)
        pcre2_set_depth_limit_8(context, depthLimit)
        jitStack = pcre2_jit_stack_create_8(32 << 10, 4 << 20, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }

    /// Matches `pattern` in `subject[0..<length]` starting at `start`. The bytes before `start` stay visible
    /// to look-behinds and `\b`. `notBOL`/`notEOL` say the subject's ends are not line ends.
    public func match(_ pattern: PCRE2Pattern, subject: UnsafePointer<UInt8>, length: Int, start: Int,
                      notBOL: Bool = false, notEOL: Bool = false) -> Outcome {
        var opts: UInt32 = 0
        if notBOL { opts |= UInt32(PCRE2_NOTBOL) }
        if notEOL { opts |= UInt32(PCRE2_NOTEOL) }
        let rc = pattern.jitCompiled
            ? pcre2_jit_match_8(pattern.code, subject, length, start, opts, matchData, context)
            : pcre2_match_8(pattern.code, subject, length, start, opts, matchData, context)
        if rc >= 0 { return .match }
        if rc == PCRE2_ERROR_NOMATCH { return .noMatch }
        if rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT { return .limitExceeded }
        return .error(PCRE2Pattern.message(rc))
    }

    /// Byte range of group `n` of the last match, nil when the group did not take part.
    public func group(_ n: Int) -> Range<Int>? {
        guard n <= maxGroups, n < Int(pcre2_get_ovector_count_8(matchData)) else { return nil }
        let ov = pcre2_get_ovector_pointer_8(matchData)!
        let s = ov[2 * n], e = ov[2 * n + 1]
        // PCRE2_UNSET is SIZE_MAX, which imports as Int -1.
        guard s != Int.max, s >= 0, e >= s else { return nil }
        return s..<e
    }

    /// Convenience for small inputs (config values, allowlist checks): does `pattern` match anywhere in `text`?
    public func matches(_ pattern: PCRE2Pattern, in text: String) -> Bool {
        var t = text
        return t.withUTF8 { buf in
            guard let base = buf.baseAddress else {
                return [UInt8(0)].withUnsafeBufferPointer { match(pattern, subject: $0.baseAddress!, length: 0, start: 0) == .match }
            }
            return match(pattern, subject: base, length: buf.count, start: 0) == .match
        }
    }
}
