import PicketCore

import Foundation

/// pip requirements files (`requirements*.txt`, `*-requirements.txt`, `requirements/*.txt`).
///
/// Only exact pins (`==1.2` without a wildcard, `===1.2`) give a version. Anything else (a range, no
/// specifier, an environment variable) is reported without one and says why in `unresolvedReason`: a guessed
/// version would produce wrong findings. A `-c` constraints file can pin an otherwise unpinned requirement
/// (pip installs the constrained version). `-r`/`-c` references are resolved against the referring file's
/// folder, must stay inside the scan root, and are followed once each (cycles end). Packages of an included
/// file are reported at their own file and line. Handles line continuations, comments (`#` at the start or
/// after whitespace), extras, environment markers and per-requirement options (`--hash`, `-C`...).
public struct RequirementsParser: LockfileParser {
    public init() {}
    public var formatName: String { "requirements.txt" }
    public var ecosystem: Ecosystem { .pypi }

    public func matches(path: String) -> Bool {
        let name = LockfileFiles.fileName(of: path)
        guard name.hasSuffix(".txt") else { return false }
        let stem = name.dropLast(4)
        if stem.hasPrefix("requirements") || stem.hasSuffix("-requirements") || stem.hasSuffix("_requirements") { return true }
        return LockfileFiles.fileName(of: LockfileFiles.directory(of: path)) == "requirements"
    }

    /// Includes deeper than this are refused (a chain of distinct files is as bad as a cycle).
    static let maxIncludeDepth = 32

    public func parse(_ input: LockfileInput) throws -> LockfileResult {
        var state = State()
        state.visited.insert(input.path)
        let lines = try input.textLines()
        try readFile(path: input.path, lines: lines, input: input, state: &state, depth: 0)
        // Apply constraints to unpinned requirements.
        var packages: [PackageRef] = []
        for var p in state.packages {
            if p.version == nil, let pin = state.constraints[Self.normalize(p.name)] {
                p.version = pin.version
                p.unresolvedReason = nil
                p.purl = PackageURL.make(ecosystem: .pypi, name: p.name, version: pin.version)
            }
            packages.append(p)
        }
        return LockfileResult(packages: packages, warnings: state.warnings)
    }

    private struct State {
        var visited = Set<String>()
        var packages: [PackageRef] = []
        var constraints: [String: (version: String, file: String, line: Int)] = [:]
        var warnings: [LockfileWarning] = []
    }

    private func readFile(path: String, lines: [String], input: LockfileInput, state: inout State, depth: Int,
                          asConstraints: Bool = false) throws {
        for (lineNo, text) in Self.logicalLines(lines) {
            if text.hasPrefix("-") {
                handleOption(text, path: path, line: lineNo, input: input, state: &state, depth: depth)
                continue
            }
            guard let req = Self.parseRequirement(text) else {
                state.warnings.append(LockfileWarning(file: path, line: lineNo, message: "not a requirement: '\(text.prefix(80))'; skipped"))
                continue
            }
            switch req {
            case .skip:
                continue
            case let .package(name, version, reason):
                if asConstraints {
                    if let version { state.constraints[Self.normalize(name)] = (version, path, lineNo) }
                    continue
                }
                state.packages.append(.entry(.pypi, name: name, version: version, file: path, line: lineNo,
                                             unresolvedReason: reason))
            }
        }
    }

    private func handleOption(_ text: String, path: String, line: Int, input: LockfileInput, state: inout State, depth: Int) {
        var option = text
        var argument = ""
        if let eq = text.firstIndex(where: { $0 == "=" || $0 == " " || $0 == "\t" }) {
            option = String(text[..<eq])
            argument = String(text[text.index(after: eq)...]).trimmedSpaces
        } else if text.hasPrefix("-r") || text.hasPrefix("-c") {
            option = String(text.prefix(2))
            argument = String(text.dropFirst(2)).trimmedSpaces
        }
        let constraints: Bool
        switch option {
        case "-r", "--requirement": constraints = false
        case "-c", "--constraint": constraints = true
        default: return // index URLs, -e editable installs, --hash on its own line...
        }
        guard !argument.isEmpty else {
            state.warnings.append(LockfileWarning(file: path, line: line, message: "'\(option)' without a file name"))
            return
        }
        if argument.contains("://") {
            state.warnings.append(LockfileWarning(file: path, line: line, message: "remote include '\(argument.prefix(100))' not fetched"))
            return
        }
        guard depth < Self.maxIncludeDepth else {
            state.warnings.append(LockfileWarning(file: path, line: line, message: "includes nested deeper than \(Self.maxIncludeDepth) levels; '\(argument)' not read"))
            return
        }
        guard let target = LockfileFiles.resolve(argument, from: LockfileFiles.directory(of: path)) else {
            state.warnings.append(LockfileWarning(file: path, line: line, message: "include '\(argument.prefix(100))' points outside the scanned folder; not read"))
            return
        }
        // Each file is read once per role: a cycle or a repeated include ends here.
        guard state.visited.insert(constraints ? "constraints:" + target : target).inserted else { return }
        do {
            let data = try input.files.read(target)
            let lines: [String]
            do { lines = try TextLines.lines(data) } catch {
                state.warnings.append(LockfileWarning(file: target, message: "\(error)"))
                return
            }
            try readFile(path: target, lines: lines, input: input, state: &state, depth: depth + 1, asConstraints: constraints)
        } catch let e as LockfileFiles.AccessError {
            state.warnings.append(LockfileWarning(file: path, line: line, message: "include \(e)"))
        } catch {
            state.warnings.append(LockfileWarning(file: path, line: line, message: "include '\(argument)': \(error)"))
        }
    }

    // MARK: lines

    /// Joins `\` continuations and strips comments; yields (first physical line, text) for non-empty lines.
    static func logicalLines(_ lines: [String]) -> [(Int, String)] {
        var out: [(Int, String)] = []
        var buffer = ""
        var start = 0
        for (i, raw) in lines.enumerated() {
            if buffer.isEmpty { start = i + 1 }
            var line = stripComment(raw)
            if line.hasSuffix("\\") {
                line.removeLast()
                buffer += line
                continue
            }
            buffer += line
            let t = buffer.trimmedSpaces
            if !t.isEmpty { out.append((start, t)) }
            buffer = ""
        }
        let t = buffer.trimmedSpaces
        if !t.isEmpty { out.append((start, t)) }
        return out
    }

    /// A `#` starts a comment at the beginning of a line or after whitespace (pip's rule; `#` inside a URL
    /// fragment or a hash value is kept).
    static func stripComment(_ line: String) -> String {
        var prevSpace = true
        var idx = line.startIndex
        for ch in line {
            if ch == "#" && prevSpace { return String(line[..<idx]) }
            prevSpace = ch == " " || ch == "\t"
            idx = line.index(after: idx)
        }
        return line
    }

    // MARK: requirements

    enum Requirement: Equatable {
        case package(name: String, version: String?, reason: String?)
        /// A path, URL or archive: not a named requirement.
        case skip
    }

    /// Parses one requirement line; nil when it is not one.
    static func parseRequirement(_ line: String) -> Requirement? {
        // Per-requirement options start at the first whitespace-preceded `-`.
        var text = Substring(line)
        if let r = optionStart(text) { text = text[..<r] }
        text = Substring(String(text).trimmedSpaces)
        // A bare path or URL (a wheel, an archive, a VCS checkout) names no package.
        if text.hasPrefix(".") || text.hasPrefix("/") || text.hasPrefix("~") { return .skip }
        if let scheme = text.range(of: "://"), !text[..<scheme.lowerBound].contains("@"), !text[..<scheme.lowerBound].contains(" ") {
            return .skip
        }
        // Marker.
        if let semi = text.firstIndex(of: ";") { text = text[..<semi] }
        // Name (PEP 508: letters, digits, `-_.`, starting and ending with a letter or digit).
        let nameEnd = text.firstIndex { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") } ?? text.endIndex
        let name = String(text[..<nameEnd])
        guard let first = name.first, first.isLetter || first.isNumber else { return nil }
        var rest = Substring(String(text[nameEnd...]).trimmedSpaces)
        // Extras.
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            rest = Substring(String(rest[rest.index(after: close)...]).trimmedSpaces)
        }
        if rest.isEmpty { return .package(name: name, version: nil, reason: "no version specifier") }
        if rest.hasPrefix("@") { return .package(name: name, version: nil, reason: "direct URL reference (\(rest.dropFirst().trimmingCharacters(in: .whitespaces).prefix(100)))") }
        guard let first = rest.first, "=<>!~".contains(first) else { return nil }
        let clauses = rest.split(separator: ",").map { String($0).trimmedSpaces }
        var pin: String?
        var ops: [String] = []
        for clause in clauses {
            let op = String(clause.prefix { "=<>!~".contains($0) })
            let version = String(clause.dropFirst(op.count)).trimmedSpaces
            guard ["==", "===", "!=", "<=", ">=", "<", ">", "~="].contains(op) else { return nil }
            if version.isEmpty { return nil }
            if version.contains("${") || version.contains("$(") {
                return .package(name: name, version: nil, reason: "version comes from an environment variable (\(version.prefix(60)))")
            }
            guard version.allSatisfy({ $0.isLetter || $0.isNumber || ".-_+!*".contains($0) }) else {
                return .package(name: name, version: nil, reason: "cannot read the version specifier '\(rest.prefix(80))'")
            }
            ops.append(op + version)
            if (op == "==" && !version.contains("*")) || op == "===" { pin = version }
        }
        if let pin { return .package(name: name, version: pin, reason: nil) }
        return .package(name: name, version: nil, reason: "version range '\(ops.joined(separator: ","))' is not pinned")
    }

    /// Index of the first whitespace-preceded option (`--hash=...`, `-C x`).
    static func optionStart(_ text: Substring) -> Substring.Index? {
        var prevSpace = false
        var idx = text.startIndex
        for ch in text {
            if ch == "-" && prevSpace {
                let next = text.index(after: idx)
                if next < text.endIndex, text[next] == "-" || text[next].isLetter { return idx }
            }
            prevSpace = ch == " " || ch == "\t"
            idx = text.index(after: idx)
        }
        return nil
    }

    /// PEP 503 normalised name (`Foo_Bar.baz` → `foo-bar-baz`).
    static func normalize(_ name: String) -> String { name.pep503Normalized }
}
