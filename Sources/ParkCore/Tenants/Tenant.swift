import MemberwiseInit

/// A firm in the park's registry, from its application on. Its particulars (name, lines,
/// contacts, licences) are read and written as if they were its own fields: `tenant.name`. Its
/// memberwise initialiser restores a tenant exactly as stored (no validation: the store only holds
/// checked values).
@MemberwiseInit
public struct Tenant: HoldsFirmParticulars, Equatable, Sendable {
    public var id: Int64?
    public var particulars: FirmParticulars
    public var creditCode: CreditCode
    public var status: TenantStatus
    /// The day the firm applied.
    public var appliedOn: CivilDate
    /// Status changes, oldest first.
    public var history: [StatusChange]

    /// A new applicant; every field is checked and normalised, and the application day may not
    /// lie after `today`.
    public init(
        name: String, creditCode: String, businessLines: [String] = [], origin: String = "local",
        tags: [String] = [], contactPerson: String? = nil, contactPhone: String? = nil,
        dispatchLicence: String? = nil, hrServiceLicence: String? = nil, appliedOn: CivilDate, today: CivilDate
    ) throws(DomainError) {
        guard appliedOn <= today else { throw .invalid("appliedOn", "\(appliedOn) is in the future (today is \(today))") }
        let particulars = try FirmParticulars(
            checking: name, businessLines: businessLines, origin: origin, tags: tags, contactPerson: contactPerson,
            contactPhone: contactPhone, dispatchLicence: dispatchLicence, hrServiceLicence: hrServiceLicence)
        self.init(applicant: particulars, creditCode: try CreditCode(creditCode), appliedOn: appliedOn)
    }

    /// A new applicant with particulars already checked.
    init(applicant particulars: FirmParticulars, creditCode: CreditCode, appliedOn: CivilDate) {
        self.init(id: nil, particulars: particulars, creditCode: creditCode, status: .applicant, appliedOn: appliedOn, history: [])
    }

    /// The day of the latest status change, or the application day.
    public var statusSince: CivilDate { history.last?.on ?? appliedOn }

    /// Checks a status change against the lifecycle and the calendar and returns it, unapplied.
    ///
    /// A change may not predate the previous one (history stays in order) nor lie after `today`
    /// (the recorded status is always the status in force). `dayField` names the request's field
    /// that gave the day (`on`, or a first lease's `start`). A change made by hand gives the
    /// firm's application that awaits its entry review, if any: the review owes that firm its
    /// approval or rejection (its notice decides it), so neither is made by hand meanwhile.
    public func change(
        to target: TenantStatus, on day: CivilDate, reason: String, today: CivilDate, dayField: String = "on",
        awaitingReview application: Int64? = nil
    ) throws(DomainError) -> StatusChange {
        guard status.next.contains(target) else {
            let allowed = status.next.isEmpty ? "none: \(status.rawValue) is final" : status.next.map(\.rawValue).joined(separator: ", ")
            throw .transition(from: status, to: target, "a tenant that is \(status.rawValue) cannot become \(target.rawValue); allowed: \(allowed)")
        }
        if let application, [.approved, .rejected].contains(target) {
            throw .invalid("to", """
                the firm's application \(application) awaits its entry review, whose notice decides it \
                (one not yet reviewed can be withdrawn instead: application withdraw \(application))
                """)
        }
        guard day >= statusSince else {
            throw .invalid(dayField, "\(day) is before \(statusSince), when the tenant became \(status.rawValue)")
        }
        guard day <= today else {
            throw .invalid(dayField, "\(day) is in the future (today is \(today))")
        }
        let reason = try FieldText.text(reason, field: "reason", maxLength: 500)
        return StatusChange(from: status, to: target, on: day, reason: reason)
    }

    /// Applies a change returned by `change(to:on:reason:today:)`.
    public mutating func apply(_ change: StatusChange) {
        status = change.to
        history.append(change)
    }
}
