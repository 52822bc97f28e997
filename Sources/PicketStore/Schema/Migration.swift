/// One step of the schema's history. Statements shared by both databases use `{PK}` and `{BLOB}` for the types
/// that differ; a statement only one database needs is marked with its dialect.
public struct Migration: Sendable {
    public enum Step: Sendable {
        case both(String)
        case sqlite(String)
        case postgres(String)
    }

    public let version: Int
    public let name: String
    public let steps: [Step]

    public init(version: Int, name: String, steps: [Step]) {
        self.version = version
        self.name = name
        self.steps = steps
    }

    public func statements(for dialect: SQLDialect) -> [String] {
        steps.compactMap { step in
            switch step {
            case .both(let s): return dialect.ddl(s)
            case .sqlite(let s): return dialect == .sqlite ? s : nil
            case .postgres(let s): return dialect == .postgres ? s : nil
            }
        }
    }
}
