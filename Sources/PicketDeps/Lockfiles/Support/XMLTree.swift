import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small element tree read with Foundation's `XMLParser`, for manifests in XML (pom.xml, Gradle
/// verification metadata, NuGet project files). Hostile input is refused up front: a document declaring
/// entities (`<!ENTITY`, the vehicle of external-entity reads and "billion laughs") is an error, external
/// entities are never resolved, and the tree is bounded in depth and size.
public final class XMLElementNode: @unchecked Sendable {
    public let name: String
    public let attributes: [String: String]
    public let line: Int
    public internal(set) var text = ""
    public internal(set) var children: [XMLElementNode] = []

    init(name: String, attributes: [String: String], line: Int) {
        self.name = name
        self.attributes = attributes
        self.line = line
    }

    /// The first child element named `name` (namespace prefixes ignored).
    public func child(_ name: String) -> XMLElementNode? { children.first { $0.localName == name } }
    public func children(_ name: String) -> [XMLElementNode] { children.filter { $0.localName == name } }
    /// Trimmed text of the first child named `name`; nil when absent or empty.
    public func value(_ name: String) -> String? {
        guard let t = child(name)?.text.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }
    public var localName: Substring { name.split(separator: ":").last ?? Substring(name) }
    /// Attribute lookup, case-insensitive (NuGet files mix `Include` and `include`).
    public func attribute(_ key: String) -> String? {
        attributes[key] ?? attributes.first { $0.key.caseInsensitiveCompare(key) == .orderedSame }?.value
    }
}

public enum XMLTree {
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var line: Int?
        public var message: String
        public var description: String { line.map { "line \($0): \(message)" } ?? message }
    }

    public static let maxDepth = 128
    public static let maxElements = 2_000_000

    public static func parse(_ data: Data) throws -> XMLElementNode {
        if let line = entityDeclarationLine(data) {
            throw ParseError(line: line, message: "the document declares XML entities (<!ENTITY>); refusing to read it (external entities and entity expansion are an attack vector, and no manifest needs them)")
        }
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        let builder = Builder()
        parser.delegate = builder
        let ok = parser.parse()
        if let abort = builder.abortError { throw abort }
        // swift-corelibs-foundation's parse() can return true after reporting errors: check both.
        if let (code, line) = builder.firstError ?? parser.parserError.map({ (($0 as NSError).code, parser.lineNumber) }) {
            throw ParseError(line: line > 0 ? line : nil, message: "invalid XML: \(describe(code))")
        }
        guard ok, let root = builder.root else {
            throw ParseError(line: parser.lineNumber > 0 ? parser.lineNumber : nil, message: "invalid XML: no root element")
        }
        return root
    }

    /// libxml2 error numbers (Foundation passes them through) in words.
    static func describe(_ code: Int) -> String {
        switch code {
        case 4: "the document is empty or not XML"
        case 5: "unexpected end of the document (truncated or unclosed element)"
        case 9, 64: "invalid character"
        case 26: "undefined entity"
        case 38, 39, 40, 41: "malformed attribute"
        case 73, 74: "malformed end tag"
        case 76: "end tag does not match the open element"
        case 77: "text after the root element"
        case 85, 86: "malformed document (missing '>' or misplaced content)"
        default: "malformed XML (libxml2 error \(code))"
        }
    }

    /// Line of the first `<!ENTITY` outside comments, found with a byte scan.
    static func entityDeclarationLine(_ data: Data) -> Int? {
        let needle = Array("<!ENTITY".utf8)
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int? in
            let b = raw.bindMemory(to: UInt8.self)
            var line = 1
            var i = 0
            var inComment = false
            while i < b.count {
                let c = b[i]
                if c == 0x0A { line += 1 }
                if inComment {
                    if c == UInt8(ascii: "-"), i + 2 < b.count, b[i + 1] == UInt8(ascii: "-"), b[i + 2] == UInt8(ascii: ">") { inComment = false; i += 3; continue }
                } else if c == UInt8(ascii: "<") {
                    if i + 3 < b.count, b[i + 1] == UInt8(ascii: "!"), b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") {
                        inComment = true; i += 4; continue
                    }
                    if i + needle.count <= b.count {
                        var match = true
                        for k in 0..<needle.count where b[i + k] != needle[k] { match = false; break }
                        if match { return line }
                    }
                }
                i += 1
            }
            return nil
        }
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLElementNode?
        var stack: [XMLElementNode] = []
        var count = 0
        var abortError: ParseError?
        var firstError: (Int, Int)?

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            if firstError == nil { firstError = ((parseError as NSError).code, parser.lineNumber) }
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            count += 1
            if stack.count >= XMLTree.maxDepth || count > XMLTree.maxElements {
                abortError = ParseError(line: parser.lineNumber, message: stack.count >= XMLTree.maxDepth
                                        ? "elements nested deeper than \(XMLTree.maxDepth) levels"
                                        : "more than \(XMLTree.maxElements) elements")
                parser.abortParsing()
                return
            }
            let node = XMLElementNode(name: elementName, attributes: attributeDict, line: parser.lineNumber)
            if let parent = stack.last { parent.children.append(node) } else if root == nil { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            // Only leaf text matters to manifests; cap it so a huge text node cannot exhaust memory twice.
            if let top = stack.last, top.text.utf8.count < 1 << 16 { top.text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            if let top = stack.last, let s = String(data: CDATABlock, encoding: .utf8) { top.text += s }
        }
    }
}
