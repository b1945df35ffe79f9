/// A firm withdrawing its open application: the application ends and the firm's record in the
/// registry, under review for it, is rejected with the firm's reason.
public struct ApplicationWithdrawal: Equatable, Sendable {
    public let on: CivilDate
    public let reason: String
    /// reviewing → rejected, when the firm's record is under review.
    public let statusChange: StatusChange?

    /// Decides the withdrawal of application `id` (in `status`) on `day`. `closedSession`: a
    /// closed review session whose result on it still leads to a decision: what becomes of the
    /// firm is then decided through the notice, objections, decisions and appeals, not by a
    /// withdrawal (which would leave a decision and its firm behind, or a notice that can never
    /// close). A result withdrawn by an upheld objection, or a rejection an accepted appeal
    /// reopened, leads to none: the application is open again, and may be withdrawn.
    public static func decide(
        application id: Int64, status: ApplicationStatus, closedSession: Int64? = nil, appliedOn: CivilDate, tenant: Tenant?,
        reason: String, on day: CivilDate, today: CivilDate
    ) throws(DomainError) -> ApplicationWithdrawal {
        guard status.isOpen else {
            throw .invalid("application", "application \(id) is \(status.rawValue), not open: only an open application can be withdrawn")
        }
        if let closedSession {
            throw .invalid(
                "application",
                "application \(id) was reviewed in session \(closedSession), which is closed: its result goes through the notice and the decisions, and cannot be withdrawn")
        }
        guard day >= appliedOn else { throw .invalid("on", "\(day) is before \(appliedOn), when the firm applied") }
        guard day <= today else { throw .invalid("on", "\(day) is in the future (today is \(today))") }
        let reason = try FieldText.text(reason, field: "reason", maxLength: 500)
        var change: StatusChange?
        if let tenant, tenant.status == .reviewing {
            change = try tenant.change(to: .rejected, on: day, reason: "application \(id) withdrawn: \(reason)", today: today)
        }
        return ApplicationWithdrawal(on: day, reason: reason, statusChange: change)
    }
}
