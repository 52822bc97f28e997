/// A world file that cannot be used: names the file and the field so the fixture author can fix it.
public struct WorldError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let field: String
    public let message: String
    public var description: String { field.isEmpty ? "\(file): \(message)" : "\(file): \(field): \(message)" }
}
