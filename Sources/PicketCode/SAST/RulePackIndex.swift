import Foundation
import PicketCore
import Yams

/// What Picket needs to know about a folder of Semgrep-syntax rules before running the engine: how many rules,
/// their ids, and the languages they cover (so only files of those languages become targets). Reading it also
/// catches a broken rule file early with its name, instead of an engine failure later.
struct RulePackIndex: Sendable {
    var folder: String
    var ruleIDs: [String]
    var languages: Set<String>
    var files: Int

    static func load(folder: String) throws -> RulePackIndex {
        var ids: [String] = []
        var langs = Set<String>()
        var count = 0
        guard let walker = FileManager.default.enumerator(atPath: folder) else {
            throw PicketError.input(file: folder, message: "cannot read the SAST rule folder")
        }
        var files: [String] = []
        while let rel = walker.nextObject() as? String {
            let name = (rel as NSString).lastPathComponent
            // Semgrep's --config DIR skips hidden files and folders; so does Picket.
            if name.hasPrefix(".") { walker.skipDescendants(); continue }
            if rel.hasSuffix(".yaml") || rel.hasSuffix(".yml") { files.append(rel) }
        }
        for rel in files.sorted() {
            let path = folder + "/" + rel
            guard let data = FileManager.default.contents(atPath: path), data.count < 4 << 20 else {
                throw PicketError.input(file: path, message: "cannot read the rule file (or it is over 4 MB)")
            }
            let node: Node?
            do { node = try Yams.compose(yaml: String(decoding: data, as: UTF8.self)) } catch {
                throw PicketError.input(file: path, message: "invalid YAML in a SAST rule file: \(error)")
            }
            guard let rules = node?.mapping?["rules"]?.sequence else {
                throw PicketError.input(file: path, message: "not a Semgrep rule file (no top-level 'rules:' list)")
            }
            count += 1
            for r in rules {
                guard let id = r.mapping?["id"]?.string else {
                    throw PicketError.input(file: path, message: "a rule without an 'id' (line \(r.mark?.line ?? 0))")
                }
                ids.append(id)
                for l in r.mapping?["languages"]?.sequence ?? [] {
                    if let s = l.string { langs.insert(s.lowercased()) }
                }
            }
        }
        return RulePackIndex(folder: folder, ruleIDs: ids, languages: langs, files: count)
    }
}

/// File names per Semgrep language id, to pick targets. A language missing here (or `generic`/`regex`)
/// makes every file a target: Picket never drops a file a rule could apply to.
enum LanguageFiles {
    static let extensions: [String: [String]] = [
        "python": ["py", "pyi", "pyw"], "py": ["py", "pyi", "pyw"], "python3": ["py", "pyi", "pyw"],
        "javascript": ["js", "jsx", "mjs", "cjs"], "js": ["js", "jsx", "mjs", "cjs"],
        "typescript": ["ts", "tsx", "mts", "cts"], "ts": ["ts", "tsx", "mts", "cts"],
        "java": ["java"], "go": ["go"], "golang": ["go"], "ruby": ["rb", "rake", "gemspec"], "rb": ["rb"],
        "php": ["php", "phtml", "php5", "php7", "inc"], "c": ["c", "h"], "cpp": ["cc", "cpp", "cxx", "c++", "hpp", "hh", "hxx", "h", "ino"],
        "c++": ["cc", "cpp", "cxx", "c++", "hpp", "hh", "hxx", "h"], "csharp": ["cs"], "c#": ["cs"],
        "kotlin": ["kt", "kts", "ktm"], "kt": ["kt", "kts"], "scala": ["scala", "sc"], "swift": ["swift"],
        "rust": ["rs"], "bash": ["sh", "bash"], "sh": ["sh", "bash"], "yaml": ["yaml", "yml"], "json": ["json", "ipynb"],
        "terraform": ["tf", "hcl", "tfvars"], "hcl": ["tf", "hcl", "tfvars"], "html": ["html", "htm"],
        "lua": ["lua"], "elixir": ["ex", "exs"], "ex": ["ex", "exs"], "solidity": ["sol"], "sol": ["sol"],
        "ocaml": ["ml", "mli"], "r": ["r", "R"], "dart": ["dart"], "julia": ["jl"], "clojure": ["clj", "cljs", "cljc", "edn"],
        "apex": ["cls"], "vue": ["vue"], "xml": ["xml", "plist", "csproj", "config"], "dockerfile": ["dockerfile"],
        "docker": ["dockerfile"], "jsonnet": ["jsonnet", "libsonnet"], "promql": ["promql"],
    ]

    /// A predicate over relative paths, or nil when every file may match (a generic rule or an unknown language).
    static func matcher(for languages: Set<String>) -> (@Sendable (String) -> Bool)? {
        var exts = Set<String>()
        var dockerfiles = false
        for l in languages {
            guard let e = extensions[l] else { return nil }
            exts.formUnion(e.map { $0.lowercased() })
            if l == "dockerfile" || l == "docker" { dockerfiles = true }
        }
        let finalExts = exts
        let docker = dockerfiles
        return { path in
            let name = path.split(separator: "/").last.map(String.init) ?? path
            if docker && (name == "Dockerfile" || name.hasPrefix("Dockerfile.") || name.hasSuffix(".dockerfile")) { return true }
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
            return finalExts.contains(name[name.index(after: dot)...].lowercased())
        }
    }
}
