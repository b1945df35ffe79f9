/// The store refused a request or cannot serve; messages never carry SQL.
public struct StoreError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: String, Sendable {
        case noSuchTenant
        case creditCodeInUse
        /// The database was written by a newer parkd.
        case schemaTooNew
        /// The database failed its integrity check or cannot be opened.
        case unusableDatabase
    }

    public let kind: Kind
    public let message: String
    /// The tenant reference that was not found, or the tenant holding a credit code.
    public let subject: String
    public let tenantID: Int64?

    public static func noSuchTenant(_ reference: String) -> StoreError {
        StoreError(kind: .noSuchTenant, message: "no tenant has id or credit code '\(reference)'", subject: reference, tenantID: nil)
    }

    public static func creditCodeInUse(_ code: String, by id: Int64) -> StoreError {
        StoreError(kind: .creditCodeInUse, message: "credit code \(code) already belongs to tenant \(id)", subject: code, tenantID: id)
    }

    public static func schemaTooNew(_ path: String, unknown: [String], known: String) -> StoreError {
        StoreError(
            kind: .schemaTooNew,
            message: "\(path) was written by a newer parkd (schema \(unknown.joined(separator: ", ")); this parkd knows up to \(known)); upgrade parkd or restore a backup",
            subject: path, tenantID: nil)
    }

    public static func unusable(_ path: String, _ reason: String) -> StoreError {
        StoreError(kind: .unusableDatabase, message: "\(path): \(reason)", subject: path, tenantID: nil)
    }

    public var description: String { message }
}
