import MemberwiseInit

/// An appeal (申诉) against a final rejection by a review session: filed within a number of
/// working days after the rejection, on stated grounds only, and accepted or refused by an
/// administrator with a reason. An accepted appeal reopens the application: the firm's record
/// goes from `rejected` back to `reviewing` (the only way out of `rejected`, which `tenant
/// transition` never allows) and the application is reviewed again by a session whose panel
/// majority did not sit on the session that rejected it.
@MemberwiseInit
public struct ReviewAppeal: Equatable, Sendable {
    /// The grounds an appeal may stand on.
    public enum Ground: String, ClosedChoice {
        case proceduralError = "procedural-error"
        case undisclosedConflict = "undisclosed-conflict"
        case factualError = "factual-error"

        public static let choiceName = "a ground of appeal"
        public static let choiceField = "ground"
    }

    public enum Outcome: String, ClosedChoice {
        public static let choiceName = "an appeal's outcome"
        public static let choiceField = "outcome"

        case accepted, refused
    }

    /// The final rejection appealed, as recorded.
    @MemberwiseInit
    public struct Rejection: Equatable, Sendable {
        /// The decision's id.
        public var decision: Int64
        /// The session whose result it followed.
        public var session: Int64
        public var decidedOn: CivilDate
    }

    public var application: Int64
    public var rejection: Rejection
    public var ground: Ground
    public var text: String
    public var filedOn: CivilDate
    /// The last day it could be filed.
    public var deadline: CivilDate

    /// Files an appeal against the latest decision on `application` (`latest`: nil when it has
    /// none): only a final rejection, only within `windowDays` working days after it (counted
    /// as a notice is: from the next working day), and once.
    public static func file(
        application: Int64, latest: (decision: Int64, session: Int64, verdict: ReviewDecision.Verdict, decidedOn: CivilDate)?,
        appealedAlready: Int64?, ground: Ground, text: String, today: CivilDate, windowDays: Int, calendar: WorkingDayCalendar
    ) throws(DomainError) -> ReviewAppeal {
        guard let latest else {
            throw .invalid("application", "application \(application) has no decision of a review session to appeal")
        }
        guard latest.verdict == .rejected else {
            throw .invalid("application", "application \(application) was approved (decision \(latest.decision)); only a final rejection is appealed")
        }
        if let appealedAlready {
            throw .invalid("application", "decision \(latest.decision) on application \(application) was appealed already (appeal \(appealedAlready))")
        }
        let deadline: CivilDate
        do {
            deadline = try NoticePeriod.starting(on: latest.decidedOn, workingDays: windowDays, calendar: calendar).endsOn
        } catch {
            // Only a window running past today's year into a year not held is told apart.
            guard let year = error.kind.uncoveredYear, year > today.year else { throw error }
            throw try windowRunsPastCalendar(
                application: application, decidedOn: latest.decidedOn, year: year, today: today, windowDays: windowDays, calendar: calendar)
        }
        guard today <= deadline else {
            throw .invalid("application", "the rejection of application \(application) on \(latest.decidedOn) could be appealed until \(deadline) (\(windowDays) working days); today is \(today)")
        }
        return ReviewAppeal(
            application: application, rejection: Rejection(decision: latest.decision, session: latest.session, decidedOn: latest.decidedOn),
            ground: ground, text: try FieldText.paragraphs(text, field: "text", maxLength: 4000), filedOn: today, deadline: deadline)
    }

    /// The refusal of an appeal whose window runs into `year`, a later year than today's that
    /// the calendar does not hold: its deadline cannot be counted, but the firm is in time (the
    /// window's days up to the end of today's year fell short of `windowDays`), and is told so,
    /// with the working day today is, rather than that its appeal is late or cannot be dated.
    private static func windowRunsPastCalendar(
        application: Int64, decidedOn: CivilDate, year: Int, today: CivilDate, windowDays: Int, calendar: WorkingDayCalendar
    ) throws(DomainError) -> DomainError {
        var elapsed = 0
        var day = decidedOn
        while day < today {
            day = day.adding(days: 1)
            if try calendar.isWorkingDay(day) { elapsed += 1 }
        }
        return .invalid("application", "the rejection of application \(application) on \(decidedOn) can be appealed for \(windowDays) working days, "
            + "into \(year), which the working-day calendar does not cover; today (\(today)) is working day \(elapsed) of them, so the firm is in time: "
            + "load \(year)'s holiday schedule (put \(year).yaml in parkd's calendar directory and reload parkd), then file the appeal")
    }

    /// Refuses to accept an appeal whose rejection was corrected since into an approval (the
    /// decision superseding it, `supersededBy`; the decision in force, `standing`): nothing is
    /// left to reopen, and the appeal is refused instead, saying so. Refuses too while the firm
    /// has another application open (`otherOpen`, which a prescreen without `noOpenApplication`
    /// lets in): a firm awaits one review at a time.
    public func checkReopenable(
        supersededBy later: Int64?, standing: (decision: Int64, verdict: ReviewDecision.Verdict)?, otherOpen: Int64?
    ) throws(DomainError) {
        if let later, let standing, standing.verdict == .approved {
            throw .invalid("outcome", "decision \(rejection.decision), the rejection appealed, was superseded by decision \(later), and the application is approved (decision \(standing.decision)): nothing is left to reopen; refuse the appeal, saying so")
        }
        if let otherOpen {
            throw .invalid("outcome", "the firm's application \(otherOpen) awaits review: a firm awaits one review at a time; withdraw that application before the appeal reopens application \(application)")
        }
    }

    /// What accepting an appeal does to the firm's record: `rejected` back to `reviewing` today.
    public static func reopening(_ tenant: Tenant, appeal: Int64, today: CivilDate) throws(DomainError) -> StatusChange {
        guard tenant.status == .rejected else {
            throw .invalid("appeal", "tenant \(tenant.id ?? 0) is \(tenant.status.rawValue), not rejected: an accepted appeal reopens a rejected firm's review")
        }
        guard today >= tenant.statusSince else {
            throw .invalid("appeal", "today (\(today)) is before \(tenant.statusSince), when the tenant became rejected")
        }
        return StatusChange(from: .rejected, to: .reviewing, on: today, reason: "appeal \(appeal) accepted: reviewed again")
    }

    /// An application reopened by an accepted appeal may go before a panel only if at most a
    /// minority of it sat on the session whose rejection was appealed (`firstPanel`).
    public static func checkPanel(
        _ panel: ReviewPanel, application: Int64, firstSession: Int64, firstPanel: Set<Int64>, field: String
    ) throws(DomainError) {
        let sat = panel.members.filter { firstPanel.contains($0.uid) }
        guard sat.count * 2 < panel.members.count else {
            throw .invalid(field, "\(sat.count) of the \(panel.members.count) reviewers (\(sat.map(\.name).joined(separator: ", "))) sat on session \(firstSession), whose rejection of application \(application) was appealed; its review again needs a panel whose majority did not")
        }
    }
}
