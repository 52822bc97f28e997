import Foundation
import PicketCore
import PicketRegex
import Synchronization

/// All rules compiled together: one Vectorscan database finds candidates (and encoded blobs) in a single pass,
/// PCRE2 confirms each candidate in a small window and extracts the secret. Immutable and shared by every
/// worker thread; per-thread state lives in `EngineWorker`.
final class SecretEngine: Sendable {
    let rules: [CompiledRule]
    let database: VectorscanDatabase?
    let decoders: [any EncodedBlobDecoder]
    /// Pattern id of the first decoder in the database; rule ids are their indexes.
    let decoderBase: Int
    /// The decoders fed by `EncodedRunFinder` rather than by the database.
    let base64Decoder: Int?
    let hexDecoder: Int?
    /// Rules the database could not hold even as a prefilter; run by PCRE2 over files that contain a keyword.
    let pcreOnly: [Int]
    /// Rules compiled as Vectorscan prefilters (superset patterns) rather than exactly.
    let prefiltered: Set<Int>
    let globalValues: [PCRE2Pattern]
    let globalStopwords: [[UInt8]]
    let globalLines: [PCRE2Pattern]
    let globalPaths: GlobSet
    let globalPathPatterns: [PCRE2Pattern]
    /// Rules with a path allowlist, checked per file.
    let pathAllowRules: [Int]
    /// Literal prefixes of provider tokens (see `CompiledRule.providerPrefix`).
    let providerPrefixes: [[UInt8]]
    let maxDecodeDepth = 2

    init(rules: [CompiledRule], database: VectorscanDatabase?, decoders: [any EncodedBlobDecoder], pcreOnly: [Int],
         prefiltered: Set<Int>, allow: RuleAllowlist) throws {
        self.rules = rules
        self.database = database
        self.decoders = decoders
        decoderBase = rules.count
        base64Decoder = decoders.firstIndex { $0.name == "base64" }
        hexDecoder = decoders.firstIndex { $0.name == "hex" }
        self.pcreOnly = pcreOnly
        self.prefiltered = prefiltered
        globalValues = try allow.values.map { p in
            do { return try PCRE2Pattern(p) } catch { throw PicketError.input(file: "allowlist", message: "value pattern '\(p)': \(error)") }
        }
        globalLines = try allow.lines.map { p in
            do { return try PCRE2Pattern(p, options: [.multiline]) } catch { throw PicketError.input(file: "allowlist", message: "line pattern '\(p)': \(error)") }
        }
        globalStopwords = allow.stopwords.map { Array($0.lowercased().utf8) }
        globalPaths = GlobSet(allow.paths)
        globalPathPatterns = try allow.pathPatterns.map { p in
            do { return try PCRE2Pattern(p) } catch { throw PicketError.input(file: "allowlist", message: "path pattern '\(p)': \(error)") }
        }
        pathAllowRules = rules.indices.filter { rules[$0].hasPathAllowlist }
        providerPrefixes = Array(Set(rules.compactMap(\.providerPrefix))).sorted { $0.count > $1.count }
    }

    // MARK: building

    private static let cache = Mutex<[String: SecretEngine]>([:])

    /// Compiles a rule set, reusing an engine already built in this process and a Vectorscan database cached
    /// on disk (`<data>/cache/`), since compiling a few hundred patterns takes a second or more.
    static func build(_ set: SecretRuleSet, cacheDirectory: String?) throws -> SecretEngine {
        let key = set.compileKey + Hashing.sha256Hex("\(set.allow)")
        if let e = cache.withLock({ $0[key] }) { return e }
        let compiled = try set.rules.map(CompiledRule.init)
        let decoders = EncodedBlobDecoders.all
        // A rule with keywords is gated by them: Vectorscan looks only for the keywords (cheap literals) and
        // PCRE2 runs the rule on the lines around each one. Rule authors give keywords to patterns that have no
        // literal to anchor on, which would otherwise cost every scan more than all other rules together.
        var patterns: [VectorscanDatabase.Pattern] = compiled.enumerated().flatMap { i, r -> [VectorscanDatabase.Pattern] in
            if r.keywords.isEmpty { return [.init(expression: r.rule.pattern, id: UInt32(i))] }
            return r.keywords.map { .init(expression: SecretEngine.literalPattern($0), id: UInt32(i), caseless: true) }
        }
        patterns += decoders.enumerated().compactMap { i, d in d.pattern.map { .init(expression: $0, id: UInt32(compiled.count + i)) } }

        let diskKey = set.compileKey
        var database: VectorscanDatabase?
        var excluded = Set<Int>(), prefiltered = Set<Int>()
        if let cacheDirectory, let cached = loadCached(directory: cacheDirectory, key: diskKey) {
            database = cached.db
            excluded = cached.excluded
            prefiltered = cached.prefiltered
        } else {
            var attempt = patterns
            var guardCount = 0
            while database == nil {
                guardCount += 1
                do {
                    database = try VectorscanDatabase(patterns: attempt)
                } catch let e as RegexError {
                    guard let idx = e.patternIndex, idx < attempt.count, guardCount < patterns.count * 2 + 2 else {
                        throw PicketError.runtime("cannot compile the secret rules for Vectorscan: \(e.message)")
                    }
                    let id = Int(attempt[idx].id)
                    if id >= compiled.count || !compiled[id].keywords.isEmpty {
                        throw PicketError.runtime("internal decoder pattern rejected by Vectorscan: \(e.message)")
                    }
                    if !attempt[idx].prefilter {
                        attempt[idx].prefilter = true
                        prefiltered.insert(id)
                    } else {
                        attempt.remove(at: idx)
                        prefiltered.remove(id)
                        excluded.insert(id)
                    }
                }
            }
            if let cacheDirectory, let database {
                storeCached(directory: cacheDirectory, key: diskKey, db: database, excluded: excluded, prefiltered: prefiltered)
            }
        }
        let engine = try SecretEngine(rules: compiled, database: database, decoders: decoders, pcreOnly: excluded.sorted(),
                                      prefiltered: prefiltered, allow: set.allow)
        cache.withLock { $0[key] = engine }
        return engine
    }

    /// A keyword as a Vectorscan literal: every byte that is not a letter or digit escaped as `\xHH`.
    static func literalPattern(_ keyword: [UInt8]) -> String {
        var out = ""
        for b in keyword {
            if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) {
                out.append(Character(Unicode.Scalar(b)))
            } else {
                out += String(format: "\\x%02x", b)
            }
        }
        return out
    }

    private static func cacheFiles(_ dir: String, _ key: String) -> (db: String, meta: String) {
        (dir + "/secrets-\(key.prefix(32)).hsdb", dir + "/secrets-\(key.prefix(32)).json")
    }

    private static func loadCached(directory: String, key: String) -> (db: VectorscanDatabase, excluded: Set<Int>, prefiltered: Set<Int>)? {
        let files = cacheFiles(directory, key)
        guard let bytes = FileManager.default.contents(atPath: files.db), let meta = FileManager.default.contents(atPath: files.meta),
              let json = try? JSONSerialization.jsonObject(with: meta) as? [String: Any],
              json["key"] as? String == key,
              let db = VectorscanDatabase(serialized: [UInt8](bytes)) else { return nil }
        return (db, Set(json["excluded"] as? [Int] ?? []), Set(json["prefiltered"] as? [Int] ?? []))
    }

    private static func storeCached(directory: String, key: String, db: VectorscanDatabase, excluded: Set<Int>, prefiltered: Set<Int>) {
        guard let bytes = db.serialized() else { return }
        let files = cacheFiles(directory, key)
        let meta: [String: Any] = ["key": key, "excluded": excluded.sorted(), "prefiltered": prefiltered.sorted()]
        // Best effort: a read-only data directory only costs the next run a compile.
        try? Data(bytes).write(to: URL(fileURLWithPath: files.db), options: .atomic)
        if let m = try? JSONSerialization.data(withJSONObject: meta) { try? m.write(to: URL(fileURLWithPath: files.meta), options: .atomic) }
    }
}
