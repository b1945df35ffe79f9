import MemberwiseInit

/// The public notice (公示) of an approved run: its lines are posted for a number of working
/// days, from the day it is published to the last day of the notice, during which anyone may
/// object to a line. It is closed (its lines released for payment) only after its last day.
@MemberwiseInit
public struct NoticePeriod: Equatable, Sendable {
    public let startsOn: CivilDate
    public let endsOn: CivilDate
    public let workingDays: Int

    /// The longest notice parkd posts, in working days.
    public static let longest = 60

    /// A notice published on `today` for `workingDays` working days: it ends on the last of
    /// them, counted after the day of publication with the working-day calendar (a year the
    /// calendar does not cover is refused, naming it).
    public static func starting(
        on today: CivilDate, workingDays: Int, calendar: WorkingDayCalendar
    ) throws(DomainError) -> NoticePeriod {
        guard (1...longest).contains(workingDays) else {
            throw .invalid("days", "\(workingDays) is not a notice period; give 1 to \(longest) working days")
        }
        let end = try calendar.adding(workingDays: workingDays, to: today)
        return NoticePeriod(startsOn: today, endsOn: end, workingDays: workingDays)
    }

    /// Objections are taken up to and including the last day.
    public func takesObjections(on day: CivilDate) -> Bool { !hasEnded(on: day) }

    /// Whether the last day has passed on `day`: a notice still open is then due to be closed.
    public func hasEnded(on day: CivilDate) -> Bool { day > endsOn }

    /// Where a notice stands on `day`: `closed` once closed, else `ended` after its last day
    /// (due to be closed), else `running`.
    public func standing(closed: Bool, on day: CivilDate) -> String {
        closed ? "closed" : hasEnded(on: day) ? "ended" : "running"
    }

    /// Whether the notice of `run` may be closed on `today`: only after its last day, and once
    /// (`closedAt`, when it was closed).
    public func checkClosable(run: Int64, today: CivilDate, closedAt: String?) throws(CashingRefusal) {
        if let closedAt { throw .noticeClosed(run: run, closedAt: closedAt) }
        guard hasEnded(on: today) else { throw .noticeNotEnded(run: run, endsOn: endsOn, today: today) }
    }
}

/// What was decided on an objection.
public enum ObjectionResolution: String, ClosedChoice {
    public static let choiceName = "a resolution"
    public static let choiceField = "resolution"

    /// The objection holds: the line is withdrawn from payment (an adjustment run corrects it).
    case upheld
    /// The objection fails: the line is released.
    case dismissed
}
