/// What went wrong in the store, typed so a server can answer precisely (503, 404, 409, 400). Messages never
/// carry bound values: no token, password hash or secret reaches an error text.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database cannot be reached or is locked; the call changed nothing and can be retried later.
    case unavailable(String)
    case notFound(String)
    /// A uniqueness rule or a concurrent change refused the write.
    case conflict(String)
    /// The caller passed something the store refuses to hold (a raw secret, a bad filter).
    case invalidInput(String)
    /// A job's lease belongs to another worker now (it expired and the job was claimed again).
    case leaseLost(jobID: Int64)
    /// The database was migrated by a newer Picket.
    case schemaTooNew(database: Int, supported: Int)
    case migrationFailed(version: Int, name: String, message: String)
    /// A bad `--database-url` or store option.
    case configuration(String)
    /// Any other database error.
    case database(String)

    public var description: String {
        switch self {
        case .unavailable(let m):
            return "database unavailable: \(m); check that the database is running and reachable, then retry"
        case .notFound(let m): return "not found: \(m)"
        case .conflict(let m): return "conflict: \(m)"
        case .invalidInput(let m): return "invalid input: \(m)"
        case .leaseLost(let id): return "job \(id): the lease expired and another worker owns the job now"
        case let .schemaTooNew(database, supported):
            return "the database schema is at version \(database) but this Picket knows versions up to \(supported); upgrade Picket (never run an older Picket on a newer database)"
        case let .migrationFailed(version, name, message):
            return "migration \(version) (\(name)) failed and was rolled back: \(message)"
        case .configuration(let m): return "database configuration: \(m)"
        case .database(let m): return "database error: \(m)"
        }
    }
}
