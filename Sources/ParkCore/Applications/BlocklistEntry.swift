/// A firm on the park's blocklist (失信 list kept by the park): its applications fail the
/// prescreen while it is listed.
public struct BlocklistEntry: Equatable, Sendable {
    public var creditCode: CreditCode
    public var name: String
    public var reason: String
    /// The day the park listed it.
    public var listedOn: CivilDate

    /// A new entry, checked; the day may not lie after `today`.
    public init(creditCode: String, name: String, reason: String, listedOn: CivilDate, today: CivilDate) throws(DomainError) {
        guard listedOn <= today else { throw .invalid("listedOn", "\(listedOn) is in the future (today is \(today))") }
        self.creditCode = try CreditCode(creditCode)
        self.name = try TenantField.name(name)
        self.reason = try FieldText.text(reason, field: "reason", maxLength: 500)
        self.listedOn = listedOn
    }

    /// Restores an entry exactly as stored.
    public init(restoring creditCode: CreditCode, name: String, reason: String, listedOn: CivilDate) {
        self.creditCode = creditCode
        self.name = name
        self.reason = reason
        self.listedOn = listedOn
    }
}
