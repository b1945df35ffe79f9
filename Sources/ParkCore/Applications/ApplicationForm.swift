import MemberwiseInit

/// An application to enter the park, as the firm submitted it, every field checked. The credit
/// code is kept as given (spaces and hyphens removed, upper case): whether it is valid is the
/// prescreen's first criterion, so an application with a bad code is still received, and refused
/// with that reason. The firm's particulars are read as if they were the form's own fields:
/// `form.name`. Its memberwise initialiser restores a form exactly as stored (no validation: the
/// store only holds checked values).
@MemberwiseInit
public struct ApplicationForm: HoldsFirmParticulars, Equatable, Sendable {
    public var particulars: FirmParticulars
    public var creditCode: String
    public var registeredCapital: Money
    public var headcount: Int
    public var plannedOfficeArea: Area
    public var expectedAnnualRevenue: Money
    public var expectedAnnualTax: Money
    /// Related parties: what conflicts of interest are detected against.
    public var legalRepresentative: String
    public var shareholders: [Shareholder]
    public var groupParent: String?
    /// The firm's own statements (no record on the dishonest-debtor list, …), in its words.
    public var statements: [String]
    public var appliedOn: CivilDate

    /// Checks and normalises every field; the application day may not lie after `today`.
    public init(
        name: String, creditCode: String, businessLines: [String], origin: String = Origin.local.rawValue, tags: [String] = [],
        contactPerson: String? = nil, contactPhone: String? = nil, dispatchLicence: String? = nil, hrServiceLicence: String? = nil,
        registeredCapital: Money, headcount: Int, plannedOfficeArea: Area, expectedAnnualRevenue: Money, expectedAnnualTax: Money,
        legalRepresentative: String, shareholders: [Shareholder] = [], groupParent: String? = nil, statements: [String] = [],
        appliedOn: CivilDate, today: CivilDate
    ) throws(DomainError) {
        guard appliedOn <= today else { throw .invalid("appliedOn", "\(appliedOn) is in the future (today is \(today))") }
        self.particulars = try FirmParticulars(
            checking: name, businessLines: businessLines, origin: origin, tags: tags, contactPerson: contactPerson,
            contactPhone: contactPhone, dispatchLicence: dispatchLicence, hrServiceLicence: hrServiceLicence)
        let code = String(creditCode.filter { $0 != " " && $0 != "-" }.uppercased())
        guard !code.isEmpty else { throw .invalid("creditCode", "must not be empty") }
        guard code.count <= 40 else { throw .invalid("creditCode", "is \(code.count) characters long; a credit code has 18") }
        guard !code.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalid("creditCode", "contains a control character")
        }
        self.creditCode = code
        guard !particulars.businessLines.isEmpty else { throw .invalid("businessLines", "give at least one line of business") }
        self.registeredCapital = registeredCapital
        guard (0...1_000_000).contains(headcount) else {
            throw .invalid("headcount", "\(headcount) is out of range; give 0 to 1000000")
        }
        self.headcount = headcount
        self.plannedOfficeArea = plannedOfficeArea
        self.expectedAnnualRevenue = expectedAnnualRevenue
        self.expectedAnnualTax = expectedAnnualTax
        self.legalRepresentative = try FieldText.text(legalRepresentative, field: "legalRepresentative", maxLength: 50)
        guard shareholders.count <= 50 else { throw .invalid("shareholders", "\(shareholders.count) are given; at most 50") }
        let names = shareholders.map(\.name)
        if let twice = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw .invalid("shareholders", "\(twice) is given more than once")
        }
        let total = shareholders.reduce(0) { $0 + $1.shareBasisPoints }
        guard total <= 10_000 else {
            throw .invalid("shareholders", "the shares add up to \(Shareholder.percent(total))%, more than 100%")
        }
        self.shareholders = shareholders
        self.groupParent = try FieldText.optionalText(groupParent, field: "groupParent", maxLength: 100)
        guard statements.count <= 20 else { throw .invalid("statements", "\(statements.count) are given; at most 20") }
        self.statements = try statements.map { statement throws(DomainError) in
            try FieldText.text(statement, field: "statements", maxLength: 1000)
        }
        self.appliedOn = appliedOn
    }

    /// The applicant as a new tenant of the registry; nil when its credit code is not valid.
    func newTenant() -> Tenant? {
        guard let code = try? CreditCode(creditCode) else { return nil }
        return Tenant(applicant: particulars, creditCode: code, appliedOn: appliedOn)
    }
}
