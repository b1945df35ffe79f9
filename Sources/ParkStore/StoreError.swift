/// The store refused a request or cannot serve, with the values that say why; messages never
/// carry SQL. The daemon turns each case into the interface's declared error.
public enum StoreError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No tenant has this id or credit code (as given).
    case noSuchTenant(_ reference: String)
    /// The credit code belongs to tenant `by`.
    case creditCodeInUse(_ code: String, by: Int64)
    case noSuchUnit(_ id: Int64)
    case noSuchUnitLabel(_ label: String)
    /// Another unit, `id`, has the same building and number.
    case unitExists(_ label: String, id: Int64)
    case noSuchLease(_ id: Int64)
    case noSuchProject(_ id: Int64)
    case noSuchRun(_ id: Int64)
    case noSuchEvent(_ id: Int64)
    case noSuchRegistration(_ id: Int64)
    /// The tenant never reported the month.
    case noSuchReport(tenant: Int64, month: String)
    /// No tenant key has this key id.
    case noSuchTenantKey(_ keyId: String)
    /// The key is already recorded, for tenant `by`.
    case tenantKeyInUse(_ keyId: String, by: Int64)
    /// No recorded submission has this id (or tenant and submission id), as given.
    case noSuchSubmission(_ reference: String)
    /// The run is not a draft (approved runs are immutable; superseded ones are history).
    case runNotDraft(_ id: Int64, status: String)
    case noSuchApplication(_ id: Int64)
    /// The firm is on the blocklist already (entry `id`, since `since`).
    case alreadyBlocklisted(_ code: String, since: String)
    /// The firm is not on the blocklist.
    case notBlocklisted(_ code: String)
    case noSuchSession(_ id: Int64)
    /// The session is open: its scores and anything derived from them are sealed until it closes.
    case sessionOpen(_ id: Int64)
    /// The review session's results have not been put on public notice.
    case sessionNotOnNotice(_ session: Int64)
    case noSuchReviewObjection(_ id: Int64)
    case noSuchReviewDecision(_ id: Int64)
    case noSuchReviewAppeal(_ id: Int64)
    /// The database was written by a newer parkd.
    case schemaTooNew(_ path: String, unknown: [String], known: String)
    /// The database failed its integrity check, cannot be opened, or holds what cannot be read.
    case unusable(_ path: String, _ reason: String)

    /// A unit named by its label.
    public static func noSuchUnit(label: String) -> StoreError { .noSuchUnitLabel(label) }

    /// A row holding `what` this parkd cannot read: written by hand, or by a newer parkd.
    static func unreadable(_ row: String, _ what: String = "a value") -> StoreError {
        .unusable(row, "holds \(what) this parkd cannot read")
    }

    public var description: String {
        switch self {
        case .noSuchTenant(let reference): "no tenant has id or credit code '\(reference)'"
        case .creditCodeInUse(let code, let id): "credit code \(code) already belongs to tenant \(id)"
        case .noSuchUnit(let id): "no unit has id \(id)"
        case .noSuchUnitLabel(let label): "no unit has label '\(label)'"
        case .unitExists(let label, let id): "unit \(label) already exists (id \(id))"
        case .noSuchLease(let id): "no lease has id \(id)"
        case .noSuchProject(let id): "no incubator project has id \(id)"
        case .noSuchRun(let id): "no reward run has id \(id)"
        case .noSuchEvent(let id): "no event has id \(id)"
        case .noSuchRegistration(let id): "no event registration has id \(id)"
        case .noSuchReport(let tenant, let month): "tenant \(tenant) has no report for \(month)"
        case .noSuchTenantKey(let keyId): "no tenant key has id \(keyId)"
        case .tenantKeyInUse(let keyId, let tenant): "key \(keyId) is already recorded for tenant \(tenant)"
        case .noSuchSubmission(let reference): "no submission is recorded as \(reference)"
        case .runNotDraft(let id, let status): "run \(id) is \(status), not a draft"
        case .noSuchApplication(let id): "no application has id \(id)"
        case .alreadyBlocklisted(let code, let since): "\(code) is on the blocklist already, since \(since)"
        case .notBlocklisted(let code): "\(code) is not on the blocklist"
        case .noSuchSession(let id): "no review session has id \(id)"
        case .sessionOpen(let id): "review session \(id) is open: its scores are sealed until it closes"
        case .sessionNotOnNotice(let id): "review session \(id) has not been put on notice"
        case .noSuchReviewObjection(let id): "no objection to a review result has id \(id)"
        case .noSuchReviewDecision(let id): "no review decision has id \(id)"
        case .noSuchReviewAppeal(let id): "no appeal has id \(id)"
        case .schemaTooNew(let path, let unknown, let known):
            "\(path) was written by a newer parkd (schema \(unknown.joined(separator: ", ")); this parkd knows up to \(known)); upgrade parkd or restore a backup"
        case .unusable(let path, let reason): "\(path): \(reason)"
        }
    }
}
