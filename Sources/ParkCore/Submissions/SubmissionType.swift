/// The kinds of submission parkd takes, each with its payload's schema. Adding one is a case
/// here, its payload reader in `request(from:)`, and its effect in the store's
/// `applySubmission` (which calls the same operation as the admin channel).
public enum SubmissionType: String, ClosedChoice {
    public static let choiceName = "a submission type"
    public static let choiceField = "type"

    /// A month's operating figures, first report (as `parkctl report add`).
    case monthlyReport = "monthly-report"
    /// A correction of a month's report: a reason and the figures that change.
    case reportCorrection = "report-correction"
    /// An objection to an applicant's result while its public notice (公示) runs, raised by the
    /// submitting firm (as `parkctl review objection add`).
    case objection
    /// A registration for an event (as `parkctl event register`): a place when free, else the
    /// waiting list.
    case eventRegistration = "event-registration"
    /// The firm's own registration withdrawn (as `parkctl event cancel-registration`).
    case eventCancellation = "event-cancellation"
    /// The firm's application to enter the park, prescreened on receipt (as `parkctl application add`).
    case application

    /// The request a payload makes, or every problem with it, each at its JSON path.
    public func request(from payload: StrictJSON) -> Result<SubmissionRequest, SubmissionReceiptErrors> {
        switch self {
        case .monthlyReport: ReportPayload.read(payload, correction: false)
        case .reportCorrection: ReportPayload.read(payload, correction: true)
        case .objection: ObjectionPayload.read(payload)
        case .eventRegistration: EventPayload.registration(payload)
        case .eventCancellation: EventPayload.cancellation(payload)
        case .application: ApplicationSubmission.read(payload)
        }
    }
}

/// What a submission asks the park to do, in core values.
public enum SubmissionRequest: Sendable, Equatable {
    /// Record (or, with a reason, correct) a tenant's report for a month.
    case report(month: Month, figures: SubmittedFigures, reason: String?)
    /// Object to an application's result on public notice, on these grounds.
    case objection(application: Int64, grounds: String, evidence: String?)
    /// Register for an event's occurrence (the only one of a single event when nil).
    case eventRegistration(event: Int64, occurrence: CivilDate?, places: Int, positions: Int, roles: [String])
    /// Withdraw a registration, with an optional reason.
    case eventCancellation(registration: Int64, reason: String?)
    /// Apply to enter the park.
    case application(ApplicationSubmission)
}

/// What an accepted submission created or changed, as its receipt says.
public enum SubmissionOutcome: Sendable, Equatable {
    /// The report's version recorded for the month, and what a correction changed.
    case report(month: Month, version: Int, changes: [String])
    /// The objection recorded, against which application, on which session's notice.
    case objection(id: Int64, application: Int64, session: Int64)
    /// The registration made: a place (`registered`) or on the waiting list, at this position.
    case eventRegistration(id: Int64, event: Int64, occurrence: CivilDate, status: RegistrationStatus, waitingPosition: Int?)
    /// The registration withdrawn, and the waiting registrations promoted to its places.
    case eventCancellation(id: Int64, promoted: [Int64])
    /// The application recorded, its status after the prescreen, and each failed criterion.
    case application(id: Int64, status: String, failed: [String])

    var json: StrictJSON {
        switch self {
        case .report(let month, let version, let changes):
            .object([
                ("report", .object([("month", .string(month.description)), ("version", .number(String(version)))])),
                ("changes", .array(changes.map(StrictJSON.string))),
            ])
        case .objection(let id, let application, let session):
            .object([
                ("objection", .object([
                    ("id", .number(String(id))), ("application", .number(String(application))), ("session", .number(String(session))),
                ])),
            ])
        case .eventRegistration(let id, let event, let occurrence, let status, let waitingPosition):
            .object([
                ("registration", .object([
                    ("id", .number(String(id))), ("event", .number(String(event))), ("occurrence", .string(occurrence.description)),
                    ("status", .string(status.rawValue)),
                ] + (waitingPosition.map { [("waitingPosition", StrictJSON.number(String($0)))] } ?? []))),
            ])
        case .eventCancellation(let id, let promoted):
            .object([
                ("registration", .object([("id", .number(String(id))), ("status", .string(RegistrationStatus.cancelled.rawValue))])),
                ("promoted", .array(promoted.map { .number(String($0)) })),
            ])
        case .application(let id, let status, let failed):
            .object([
                ("application", .object([("id", .number(String(id))), ("status", .string(status))])),
                ("failed", .array(failed.map(StrictJSON.string))),
            ])
        }
    }
}

/// The payload of `monthly-report` and `report-correction`:
/// `{"month": "2027-01", "revenue": "1200000.00", "tax": "48000.00", "placements": 26, …}`,
/// money as a string of yuan (a number is taken too), counts as whole numbers, and for a
/// correction a `reason`.
enum ReportPayload {
    static func read(_ payload: StrictJSON, correction: Bool) -> Result<SubmissionRequest, SubmissionReceiptErrors> {
        guard case .object(let members) = payload else { return .failure(SubmissionReceiptErrors([])) }
        var problems: [SubmissionFieldError] = []
        let counts = Set(OperatingFigures.countFields)
        var month: Month?
        var revenue: Money?
        var tax: Money?
        var reason: String?
        var given: [String: Int] = [:]
        for (name, value) in members {
            let path = "$.payload." + name
            switch name {
            case "month":
                guard case .string(let text) = value else {
                    problems.append(SubmissionFieldError(path: path, reason: "a month (2027-01) was expected, not \(value.kindName)"))
                    continue
                }
                do { month = try Month.parseRecorded(text, field: "month") } catch { problems.append(SubmissionFieldError(payload: error)) }
            case "revenue", "tax":
                let text: String
                switch value {
                case .string(let string): text = string
                case .number(let number): text = number
                default:
                    problems.append(SubmissionFieldError(path: path, reason: "an amount in yuan (\"1200000.00\") was expected, not \(value.kindName)"))
                    continue
                }
                do {
                    // Judged on its own here, as a CSV cell is, so that every figure out of range is listed.
                    let amount = try Money.parse(text, field: name, allowNegative: true, atMost: OperatingFigures.amountLimit)
                    if let problem = OperatingFigures.problem(name, amount: amount) {
                        problems.append(SubmissionFieldError(payload: problem))
                    } else if name == "revenue" { revenue = amount } else { tax = amount }
                } catch {
                    problems.append(SubmissionFieldError(payload: error))
                }
            case "reason" where correction:
                guard case .string(let text) = value else {
                    problems.append(SubmissionFieldError(path: path, reason: "a string was expected, not \(value.kindName)"))
                    continue
                }
                reason = text
            case _ where counts.contains(name):
                guard case .number(let text) = value, let count = Int(text) else {
                    problems.append(SubmissionFieldError(path: path, reason: "a whole number was expected"))
                    continue
                }
                if let problem = OperatingFigures.problem(name, count: count) {
                    problems.append(SubmissionFieldError(payload: problem))
                } else {
                    given[name] = count
                }
            default:
                problems.append(SubmissionFieldError(path: path, reason: "unknown member of a \(correction ? "report correction" : "monthly report")"))
            }
        }
        if month == nil, !problems.contains(where: { $0.path == "$.payload.month" }) {
            problems.append(SubmissionFieldError(path: "$.payload.month", reason: "missing"))
        }
        if correction {
            if (reason ?? "").allSatisfy(\.isWhitespace), !problems.contains(where: { $0.path == "$.payload.reason" }) {
                problems.append(SubmissionFieldError(path: "$.payload.reason", reason: "a correction says why it corrects the report"))
            }
        } else {
            if revenue == nil, !problems.contains(where: { $0.path == "$.payload.revenue" }) {
                problems.append(SubmissionFieldError(path: "$.payload.revenue", reason: "missing; a first report gives revenue and tax"))
            }
            if tax == nil, !problems.contains(where: { $0.path == "$.payload.tax" }) {
                problems.append(SubmissionFieldError(path: "$.payload.tax", reason: "missing; a first report gives revenue and tax"))
            }
        }
        guard problems.isEmpty, let month else { return .failure(SubmissionReceiptErrors(problems)) }
        return .success(.report(month: month, figures: SubmittedFigures(revenue: revenue, tax: tax, counts: given), reason: reason))
    }
}
