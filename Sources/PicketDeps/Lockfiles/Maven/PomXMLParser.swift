import Foundation

/// Maven's `pom.xml` (and `*.pom`) without a network: the declared dependencies (project level and
/// active-by-default profiles; not plugin dependencies) with versions taken literally, interpolated from
/// `${property}` (the POM's and its parents' `<properties>`, `project.version`, `project.parent.version`...)
/// or filled in from `<dependencyManagement>`. Parent POMs are looked up inside the repository through
/// `<relativePath>` (default `../pom.xml`); a parent that is not there (a published parent) cannot be read, and
/// what it would have supplied is reported as unresolved, never guessed. Version ranges (`[1.0,2.0)`) are
/// reported unresolved too; `[1.2.3]` is an exact pin. Inherited dependencies are reported at the parent's
/// file and line. Transitive dependencies need a repository and are not resolved.
public struct PomXMLParser: LockfileParser {
    public init() {}
    public var formatName: String { "pom.xml" }
    public var ecosystem: Ecosystem { .maven }

    public func matches(path: String) -> Bool {
        let name = LockfileFiles.fileName(of: path)
        return name == "pom.xml" || (name.hasSuffix(".pom") && name.count > 4)
    }

    static let maxParentDepth = 16

    struct Dependency {
        var groupId: String?
        var artifactId: String?
        var version: String?
        var scope: String?
        var type: String?
        var classifier: String?
        var optional: Bool
        var line: Int
        var file: String
    }

    /// One POM of the inheritance chain.
    struct Model {
        var file: String
        var root: XMLElementNode
        var properties: [String: String]
        var dependencies: [Dependency]
        var managed: [Dependency]
        var groupId: String?
        var artifactId: String?
        var version: String?
        var parentVersion: String?
        var parentGroupId: String?
    }

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        let root: XMLElementNode
        do { root = try XMLTree.parse(input.data) } catch let e as XMLTree.ParseError {
            throw input.error(e.message, line: e.line)
        }
        guard root.localName == "project" else {
            throw input.error("the root element is <\(root.name)>, not <project>; not a Maven POM", line: root.line)
        }
        var warnings: [LockfileWarning] = []
        var chain = [Self.model(root, file: input.path)]
        // Walk up the parents found in the repository.
        var seen: Set<String> = [input.path]
        var parentMissing: String?
        while chain.count <= Self.maxParentDepth, let parent = chain.last?.root.child("parent") {
            let child = chain[chain.count - 1]
            let rel = parent.child("relativePath").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) } ?? "../pom.xml"
            let coordinates = "\(parent.value("groupId") ?? "?"):\(parent.value("artifactId") ?? "?"):\(parent.value("version") ?? "?")"
            guard !rel.isEmpty, let resolved = LockfileFiles.resolve(rel, from: LockfileFiles.directory(of: child.file)) else {
                parentMissing = coordinates
                break
            }
            var candidate = resolved
            if !candidate.hasSuffix(".xml") && !candidate.hasSuffix(".pom") { candidate = LockfileFiles.join(candidate, "pom.xml") }
            guard !seen.contains(candidate), input.files.exists(candidate) else {
                parentMissing = coordinates
                break
            }
            seen.insert(candidate)
            do {
                let parentRoot = try XMLTree.parse(try input.files.read(candidate))
                let model = Self.model(parentRoot, file: candidate)
                // Maven checks that the POM found at relativePath is the declared parent.
                if let a = parent.value("artifactId"), model.artifactId != a {
                    warnings.append(input.warning("the POM at \(candidate) is \(model.artifactId ?? "?"), not the declared parent \(coordinates)", line: parent.line))
                    parentMissing = coordinates
                    break
                }
                chain.append(model)
            } catch {
                warnings.append(input.warning("parent POM \(candidate) cannot be read: \(error)", line: parent.line))
                parentMissing = coordinates
                break
            }
        }

        // Properties: nearest POM wins.
        var properties: [String: String] = [:]
        for model in chain.reversed() {
            for (k, v) in model.properties { properties[k] = v }
        }
        let project = chain[0]
        let projectVersion = project.version ?? project.parentVersion
        let projectGroup = project.groupId ?? project.parentGroupId
        var builtins: [String: String] = [:]
        if let v = projectVersion { builtins["project.version"] = v; builtins["pom.version"] = v; builtins["version"] = v }
        if let g = projectGroup { builtins["project.groupId"] = g; builtins["pom.groupId"] = g; builtins["groupId"] = g }
        if let a = project.artifactId { builtins["project.artifactId"] = a; builtins["pom.artifactId"] = a; builtins["artifactId"] = a }
        if let pv = project.parentVersion { builtins["project.parent.version"] = pv; builtins["parent.version"] = pv }
        if let pg = project.parentGroupId { builtins["project.parent.groupId"] = pg; builtins["parent.groupId"] = pg }
        let resolver = PropertyResolver(properties: properties, builtins: builtins)

        // Managed versions and scopes: nearest POM wins; `import` BOMs cannot be read offline.
        var managed: [String: Dependency] = [:]
        for model in chain.reversed() {
            for d in model.managed where d.scope != "import" {
                guard let g = d.groupId.flatMap({ resolver.resolve($0).value }), let a = d.artifactId.flatMap({ resolver.resolve($0).value }) else { continue }
                managed["\(g):\(a)"] = d
            }
        }

        var result = LockfileResult(warnings: warnings)
        var dedup = PackageDeduplicator()
        var declared = Set<String>()
        // Nearest declaration of a groupId:artifactId wins over an inherited one.
        for model in chain {
            for d in model.dependencies {
                guard let rawGroup = d.groupId, let rawArtifact = d.artifactId else {
                    result.warnings.append(LockfileWarning(file: d.file, line: d.line, message: "dependency without a groupId or artifactId; skipped"))
                    continue
                }
                let group = resolver.resolve(rawGroup)
                let artifact = resolver.resolve(rawArtifact)
                guard let g = group.value, let a = artifact.value else {
                    result.warnings.append(LockfileWarning(file: d.file, line: d.line, message: "cannot resolve '\(group.value == nil ? rawGroup : rawArtifact)'; dependency skipped"))
                    continue
                }
                let key = "\(g):\(a)"
                if model.file != project.file && declared.contains(key) { continue }
                if model.file == project.file { declared.insert(key) }
                let managedDep = managed[key]
                let scope = d.scope.flatMap { resolver.resolve($0).value } ?? managedDep?.scope
                if scope == "import" { continue }
                var version: String?
                var reason: String?
                if let raw = d.version ?? managedDep?.version {
                    let r = resolver.resolve(raw)
                    if let v = r.value {
                        (version, reason) = Self.exactVersion(v)
                    } else {
                        reason = r.problem
                    }
                } else if let parentMissing {
                    reason = "no version here; it would come from the parent \(parentMissing), which is not in the repository"
                } else {
                    reason = "no version declared or managed"
                }
                var groups: [String] = []
                if let scope, scope != "compile", scope != "runtime" { groups.append(scope) }
                if d.optional { groups.append("optional") }
                dedup.add(.entry(.maven, name: key, version: version, file: d.file, line: d.line, groups: groups,
                                 groupsKnown: true, direct: true, unresolvedReason: reason))
            }
        }
        result.packages = dedup.packages
        return result
    }

    static func model(_ root: XMLElementNode, file: String) -> Model {
        var props: [String: String] = [:]
        for p in root.child("properties")?.children ?? [] {
            props[String(p.localName)] = p.text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var deps = dependencies(root.child("dependencies"), file: file)
        for profile in root.child("profiles")?.children("profile") ?? [] where profile.child("activation")?.value("activeByDefault") == "true" {
            deps += dependencies(profile.child("dependencies"), file: file)
        }
        let parent = root.child("parent")
        return Model(file: file, root: root, properties: props, dependencies: deps,
                     managed: dependencies(root.child("dependencyManagement")?.child("dependencies"), file: file),
                     groupId: root.value("groupId"), artifactId: root.value("artifactId"), version: root.value("version"),
                     parentVersion: parent?.value("version"), parentGroupId: parent?.value("groupId"))
    }

    static func dependencies(_ list: XMLElementNode?, file: String) -> [Dependency] {
        (list?.children("dependency") ?? []).map { d in
            Dependency(groupId: d.value("groupId"), artifactId: d.value("artifactId"), version: d.value("version"),
                       scope: d.value("scope"), type: d.value("type"), classifier: d.value("classifier"),
                       optional: d.value("optional") == "true", line: d.line, file: file)
        }
    }

    /// A Maven version requirement → exact version or why not. `1.2` (soft) and `[1.2]` (hard) are exact;
    /// ranges are not.
    static func exactVersion(_ v: String) -> (String?, String?) {
        let t = v.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("[") && t.hasSuffix("]") && !t.contains(",") {
            let inner = String(t.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
            return inner.isEmpty ? (nil, "empty version range") : (inner, nil)
        }
        if t.hasPrefix("[") || t.hasPrefix("(") || t.contains(",") {
            return (nil, "version range '\(t.prefix(80))' is not pinned")
        }
        return (t, nil)
    }
}

/// `${name}` interpolation with cycle and depth bounds.
struct PropertyResolver {
    var properties: [String: String]
    var builtins: [String: String]

    struct Resolved { var value: String?; var problem: String? }

    func resolve(_ text: String) -> Resolved {
        var depth = 0
        return resolve(text, depth: &depth, seen: [])
    }

    private func resolve(_ text: String, depth: inout Int, seen: Set<String>) -> Resolved {
        guard text.contains("${") else { return Resolved(value: text) }
        depth += 1
        guard depth < 32 else { return Resolved(problem: "property references nested too deeply in '\(text.prefix(80))'") }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                return Resolved(problem: "unterminated property reference in '\(text.prefix(80))'")
            }
            let name = String(rest[open.upperBound..<close])
            guard !seen.contains(name) else { return Resolved(problem: "property '\(name)' refers to itself") }
            guard let raw = properties[name] ?? builtins[name] else {
                return Resolved(problem: "property '${\(name)}' is not defined in this POM or its parents in the repository")
            }
            let inner = resolve(raw, depth: &depth, seen: seen.union([name]))
            guard let v = inner.value else { return inner }
            out += v
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return Resolved(value: out)
    }
}
