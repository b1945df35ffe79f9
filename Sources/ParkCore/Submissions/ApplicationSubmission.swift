/// The payload of `application`, with the field names of `io.parkd.Application.Create` less the
/// credit code (the envelope's: a firm applies for itself) and the day (the day it is received):
/// `{"name": "…", "businessLines": ["recruitment"], "hrServiceLicence": "…", "registeredCapital":
/// "5000000", "headcount": 12, "plannedOfficeArea": "120", "expectedAnnualRevenue": "10000000",
/// "expectedAnnualTax": "300000", "legalRepresentative": "…", "shareholders": ["张伟=60"], …}`.
/// Read here field by field; the form's own rules (`ApplicationForm`) are applied when the day is
/// known, and the prescreen is the admin channel's.
public struct ApplicationSubmission: Sendable, Equatable {
    var text: [String: String] = [:]
    var lists: [String: [String]] = [:]
    var headcount = 0
    var registeredCapital = Money(fen: 0)
    var plannedOfficeArea = Area(centiSquareMetres: 0)
    var expectedAnnualRevenue = Money(fen: 0)
    var expectedAnnualTax = Money(fen: 0)
    var shareholders: [Shareholder] = []

    static let textFields: Set = [
        "name", "origin", "contactPerson", "contactPhone", "dispatchLicence", "hrServiceLicence", "legalRepresentative", "groupParent",
    ]
    static let listFields: Set = ["businessLines", "tags", "statements", "shareholders"]
    static let amountFields: Set = ["registeredCapital", "expectedAnnualRevenue", "expectedAnnualTax"]
    static let required = ["name", "businessLines", "registeredCapital", "headcount", "plannedOfficeArea", "expectedAnnualRevenue",
                           "expectedAnnualTax", "legalRepresentative"]

    static func read(_ payload: StrictJSON) -> Result<SubmissionRequest, SubmissionReceiptErrors> {
        guard case .object(let members) = payload else { return .failure(SubmissionReceiptErrors([])) }
        var submission = ApplicationSubmission()
        var problems: [SubmissionFieldError] = []
        var given: Set<String> = []
        for (name, value) in members {
            let path = "$.payload." + name
            given.insert(name)
            switch (name, value) {
            case (_, .string(let text)) where textFields.contains(name):
                submission.text[name] = text
            case (_, .string(let text)) where amountFields.contains(name):
                do {
                    let amount = try Money.parse(text, field: name)
                    switch name {
                    case "registeredCapital": submission.registeredCapital = amount
                    case "expectedAnnualRevenue": submission.expectedAnnualRevenue = amount
                    default: submission.expectedAnnualTax = amount
                    }
                } catch {
                    problems.append(SubmissionFieldError(payload: error))
                }
            case ("plannedOfficeArea", .string(let text)):
                do { submission.plannedOfficeArea = try Area.parse(text, field: name) } catch { problems.append(SubmissionFieldError(payload: error)) }
            case ("headcount", .number(let text)):
                guard let count = Int(text) else {
                    problems.append(SubmissionFieldError(path: path, reason: "a whole number was expected"))
                    continue
                }
                submission.headcount = count
            case (_, .array(let items)) where listFields.contains(name):
                let strings = PayloadValue.strings(items, path: path, into: &problems)
                if name == "shareholders" {
                    for (index, string) in strings.enumerated() {
                        do { submission.shareholders.append(try Shareholder.parse(string)) } catch {
                            problems.append(SubmissionFieldError(path: "\(path)[\(index)]", reason: error.reason))
                        }
                    }
                } else {
                    submission.lists[name] = strings
                }
            case _ where textFields.contains(name) || amountFields.contains(name) || name == "plannedOfficeArea":
                problems.append(SubmissionFieldError(path: path, reason: "a string was expected, not \(value.kindName)"))
            case ("headcount", _):
                problems.append(SubmissionFieldError(path: path, reason: "a whole number was expected, not \(value.kindName)"))
            case _ where listFields.contains(name):
                problems.append(SubmissionFieldError(path: path, reason: "an array of strings was expected, not \(value.kindName)"))
            default:
                problems.append(SubmissionFieldError(path: path, reason: "unknown member of an application"))
            }
        }
        for name in required where !given.contains(name) {
            problems.append(SubmissionFieldError(path: "$.payload." + name, reason: "missing; an application gives it"))
        }
        guard problems.isEmpty else { return .failure(SubmissionReceiptErrors(problems)) }
        return .success(.application(submission))
    }

    /// The form, as `parkctl application add` would give it, for the firm `creditCode` on `today`.
    public func form(creditCode: String, today: CivilDate) throws(DomainError) -> ApplicationForm {
        try ApplicationForm(
            name: text["name"] ?? "", creditCode: creditCode, businessLines: lists["businessLines"] ?? [],
            origin: text["origin"] ?? Origin.local.rawValue, tags: lists["tags"] ?? [], contactPerson: text["contactPerson"],
            contactPhone: text["contactPhone"], dispatchLicence: text["dispatchLicence"], hrServiceLicence: text["hrServiceLicence"],
            registeredCapital: registeredCapital, headcount: headcount, plannedOfficeArea: plannedOfficeArea,
            expectedAnnualRevenue: expectedAnnualRevenue, expectedAnnualTax: expectedAnnualTax,
            legalRepresentative: text["legalRepresentative"] ?? "", shareholders: shareholders, groupParent: text["groupParent"],
            statements: lists["statements"] ?? [], appliedOn: today, today: today)
    }
}
