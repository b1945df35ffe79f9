/// A firm in the park's registry, from its application on.
public struct Tenant: Equatable, Sendable {
    public var id: Int64?
    public var name: String
    public var creditCode: CreditCode
    public var businessLines: [BusinessLine]
    public var origin: Origin
    public var tags: [String]
    public var contactPerson: String?
    public var contactPhone: String?
    /// 劳务派遣经营许可证 number, needed for labour dispatch.
    public var dispatchLicence: String?
    /// 人力资源服务许可证 number, needed for the other HR services.
    public var hrServiceLicence: String?
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
        self.id = nil
        self.name = try TenantField.name(name)
        self.creditCode = try CreditCode(creditCode)
        self.businessLines = try TenantField.businessLines(businessLines)
        self.origin = try Origin.parse(origin)
        self.tags = try TenantField.tags(tags)
        self.contactPerson = try TenantField.optionalText(contactPerson, field: "contactPerson", maxLength: 50)
        self.contactPhone = try TenantField.phone(contactPhone)
        self.dispatchLicence = try TenantField.optionalText(dispatchLicence, field: "dispatchLicence", maxLength: 64)
        self.hrServiceLicence = try TenantField.optionalText(hrServiceLicence, field: "hrServiceLicence", maxLength: 64)
        self.status = .applicant
        self.appliedOn = appliedOn
        self.history = []
    }

    /// Restores a tenant exactly as stored (no validation: the store only holds checked values).
    public init(
        id: Int64, name: String, creditCode: CreditCode, businessLines: [BusinessLine], origin: Origin,
        tags: [String], contactPerson: String?, contactPhone: String?, dispatchLicence: String?,
        hrServiceLicence: String?, status: TenantStatus, appliedOn: CivilDate, history: [StatusChange]
    ) {
        self.id = id
        self.name = name
        self.creditCode = creditCode
        self.businessLines = businessLines
        self.origin = origin
        self.tags = tags
        self.contactPerson = contactPerson
        self.contactPhone = contactPhone
        self.dispatchLicence = dispatchLicence
        self.hrServiceLicence = hrServiceLicence
        self.status = status
        self.appliedOn = appliedOn
        self.history = history
    }

    /// The day of the latest status change, or the application day.
    public var statusSince: CivilDate { history.last?.on ?? appliedOn }

    /// Checks a status change against the lifecycle and the calendar and returns it, unapplied.
    ///
    /// A change may not predate the previous one (history stays in order) nor lie after `today`
    /// (the recorded status is always the status in force). `dayField` names the request's field
    /// that gave the day (`on`, or a first lease's `start`).
    public func change(
        to target: TenantStatus, on day: CivilDate, reason: String, today: CivilDate, dayField: String = "on"
    ) throws(DomainError) -> StatusChange {
        guard status.next.contains(target) else {
            let allowed = status.next.isEmpty ? "none: \(status.rawValue) is final" : status.next.map(\.rawValue).joined(separator: ", ")
            throw .transition(from: status, to: target, "a tenant that is \(status.rawValue) cannot become \(target.rawValue); allowed: \(allowed)")
        }
        guard day >= statusSince else {
            throw .invalid(dayField, "\(day) is before \(statusSince), when the tenant became \(status.rawValue)")
        }
        guard day <= today else {
            throw .invalid(dayField, "\(day) is in the future (today is \(today))")
        }
        let reason = try TenantField.text(reason, field: "reason", maxLength: 500)
        return StatusChange(from: status, to: target, on: day, reason: reason)
    }

    /// Applies a change returned by `change(to:on:reason:today:)`.
    public mutating func apply(_ change: StatusChange) {
        status = change.to
        history.append(change)
    }
}
