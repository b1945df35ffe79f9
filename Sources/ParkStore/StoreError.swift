import ParkCore

/// The store refused a request or cannot serve; messages never carry SQL.
public struct StoreError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: String, Sendable {
        case noSuchTenant
        case creditCodeInUse
        case noSuchUnit
        /// Another unit has the same building and number.
        case unitExists
        case noSuchLease
        case noSuchProject
        /// Another lease holds one of the units on one of the days.
        case leaseConflict
        case noSuchRun
        /// The run is not a draft (approved runs are immutable; superseded ones are history).
        case runNotDraft
        /// The database was written by a newer parkd.
        case schemaTooNew
        /// The database failed its integrity check or cannot be opened.
        case unusableDatabase
    }

    public let kind: Kind
    public let message: String
    /// What the error is about: the reference not found, the credit code or unit label in use.
    public let subject: String
    /// The record in the way: the tenant holding a credit code, the unit with the same label,
    /// the lease holding a unit.
    public let relatedID: Int64?

    public static func noSuchTenant(_ reference: String) -> StoreError {
        StoreError(kind: .noSuchTenant, message: "no tenant has id or credit code '\(reference)'", subject: reference, relatedID: nil)
    }

    public static func creditCodeInUse(_ code: String, by id: Int64) -> StoreError {
        StoreError(kind: .creditCodeInUse, message: "credit code \(code) already belongs to tenant \(id)", subject: code, relatedID: id)
    }

    public static func noSuchUnit(_ id: Int64) -> StoreError {
        StoreError(kind: .noSuchUnit, message: "no unit has id \(id)", subject: String(id), relatedID: nil)
    }

    public static func unitExists(_ label: String, id: Int64) -> StoreError {
        StoreError(kind: .unitExists, message: "unit \(label) already exists (id \(id))", subject: label, relatedID: id)
    }

    public static func noSuchLease(_ id: Int64) -> StoreError {
        StoreError(kind: .noSuchLease, message: "no lease has id \(id)", subject: String(id), relatedID: nil)
    }

    public static func noSuchProject(_ id: Int64) -> StoreError {
        StoreError(kind: .noSuchProject, message: "no incubator project has id \(id)", subject: String(id), relatedID: nil)
    }

    /// `lease` is the conflicting lease's id; `subject` the unit both would hold.
    public static func leaseConflict(unit label: String, lease: Int64, from: CivilDate, to: CivilDate) -> StoreError {
        StoreError(
            kind: .leaseConflict,
            message: "unit \(label) is held by lease \(lease) from \(from) to \(to)", subject: label, relatedID: lease)
    }

    public static func noSuchRun(_ id: Int64) -> StoreError {
        StoreError(kind: .noSuchRun, message: "no reward run has id \(id)", subject: String(id), relatedID: nil)
    }

    public static func runNotDraft(_ id: Int64, status: String) -> StoreError {
        StoreError(kind: .runNotDraft, message: "run \(id) is \(status), not a draft", subject: status, relatedID: id)
    }

    public static func schemaTooNew(_ path: String, unknown: [String], known: String) -> StoreError {
        StoreError(
            kind: .schemaTooNew,
            message: "\(path) was written by a newer parkd (schema \(unknown.joined(separator: ", ")); this parkd knows up to \(known)); upgrade parkd or restore a backup",
            subject: path, relatedID: nil)
    }

    public static func unusable(_ path: String, _ reason: String) -> StoreError {
        StoreError(kind: .unusableDatabase, message: "\(path): \(reason)", subject: path, relatedID: nil)
    }

    /// A row holding `what` this parkd cannot read: written by hand, or by a newer parkd.
    static func unreadable(_ row: String, _ what: String = "a value") -> StoreError {
        unusable(row, "holds \(what) this parkd cannot read")
    }

    public var description: String { message }
}
