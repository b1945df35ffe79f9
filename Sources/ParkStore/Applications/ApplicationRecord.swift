import GRDB
import ParkCore
import TableRow

/// A row of `application`; shareholders, statements and the prescreen's checks live in their own tables.
@TableRow
struct ApplicationRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "application"

    var id: Int64?
    var tenantId: Int64?
    var creditCode: String
    var name: String
    var businessLines: String
    var origin: String
    var tags: String
    var contactPerson: String?
    var contactPhone: String?
    var dispatchLicence: String?
    var hrServiceLicence: String?
    var registeredCapitalFen: Int64
    var headcount: Int
    var plannedOfficeAreaCenti: Int64
    var expectedAnnualRevenueFen: Int64
    var expectedAnnualTaxFen: Int64
    var legalRepresentative: String
    var groupParent: String?
    var appliedOn: String
    var status: String
    var withdrawnOn: String?
    var withdrawalReason: String?
    var createdAt: String
    var createdBy: String
    var updatedAt: String

    init(_ form: ApplicationForm, tenantId: Int64?, status: ApplicationStatus, createdAt: String, createdBy: String) {
        id = nil
        self.tenantId = tenantId
        creditCode = form.creditCode
        name = form.name
        businessLines = form.businessLines.map(\.rawValue).joined(separator: ",")
        origin = form.origin.rawValue
        tags = form.tags.joined(separator: ",")
        contactPerson = form.contactPerson
        contactPhone = form.contactPhone
        dispatchLicence = form.dispatchLicence
        hrServiceLicence = form.hrServiceLicence
        registeredCapitalFen = form.registeredCapital.fen
        headcount = form.headcount
        plannedOfficeAreaCenti = form.plannedOfficeArea.centiSquareMetres
        expectedAnnualRevenueFen = form.expectedAnnualRevenue.fen
        expectedAnnualTaxFen = form.expectedAnnualTax.fen
        legalRepresentative = form.legalRepresentative
        groupParent = form.groupParent
        appliedOn = form.appliedOn.description
        self.status = status.rawValue
        self.createdAt = createdAt
        self.createdBy = createdBy
        updatedAt = createdAt
    }

    var applicationStatus: ApplicationStatus {
        get throws { try ApplicationStatus(rawValue: status).orThrow(StoreError.unreadable("application \(id ?? 0)", "a status")) }
    }

    var appliedDay: CivilDate {
        get throws { try (try? CivilDate.parse(appliedOn, field: "appliedOn")).orThrow(StoreError.unreadable("application \(id ?? 0)", "a date")) }
    }

    /// The form as submitted, with its shareholders and statements.
    func form(shareholders: [Shareholder], statements: [String]) throws -> ApplicationForm {
        let row = "application \(id ?? 0)"
        let lines = try businessLines.split(separator: ",").map { try BusinessLine(rawValue: String($0)).orThrow(StoreError.unreadable(row, "a business line")) }
        guard let origin = Origin(rawValue: origin) else { throw StoreError.unreadable(row) }
        let applied = try appliedDay
        let particulars = FirmParticulars(
            name: name, businessLines: lines, origin: origin, tags: tags.split(separator: ",").map(String.init),
            contactPerson: contactPerson, contactPhone: contactPhone, dispatchLicence: dispatchLicence, hrServiceLicence: hrServiceLicence)
        return ApplicationForm(
            particulars: particulars, creditCode: creditCode, registeredCapital: Money(fen: registeredCapitalFen),
            headcount: headcount, plannedOfficeArea: Area(centiSquareMetres: plannedOfficeAreaCenti),
            expectedAnnualRevenue: Money(fen: expectedAnnualRevenueFen), expectedAnnualTax: Money(fen: expectedAnnualTaxFen),
            legalRepresentative: legalRepresentative, shareholders: shareholders, groupParent: groupParent, statements: statements,
            appliedOn: applied)
    }
}
