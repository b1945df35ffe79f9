import MemberwiseInit

/// The public notice (公示) of a closed review session's results: posted from the day it is
/// published for a number of working days counted with the working-day calendar, taking
/// objections up to and including its last day, and closed only after that day.
@MemberwiseInit
public struct ReviewNotice: Equatable, Sendable {
    public var session: Int64
    public var period: NoticePeriod
    public var closed: Bool

    /// Puts the results of `session` on notice from `today` for `workingDays` working days:
    /// only a closed session, and only once.
    public static func publish(
        session: Int64, status: ReviewSessionStatus, existing: ReviewNotice?, today: CivilDate, workingDays: Int,
        calendar: WorkingDayCalendar
    ) throws(DomainError) -> ReviewNotice {
        guard status == .closed else {
            throw .invalid("session", "review session \(session) is \(status.rawValue); only a closed session's results are put on notice")
        }
        if let existing {
            let already = existing.closed ? "was on notice until \(existing.period.endsOn), and its notice is closed"
                : existing.period.hasEnded(on: today) ? "was on notice until \(existing.period.endsOn); its notice awaits closing"
                : "is already on notice until \(existing.period.endsOn)"
            throw .invalid("session", "review session \(session) \(already); a session's results are put on notice once")
        }
        let period = try NoticePeriod.starting(on: today, workingDays: workingDays, calendar: calendar)
        return ReviewNotice(session: session, period: period, closed: false)
    }

    /// An objection is taken while the notice runs: not after its last day, nor once closed.
    public func checkTakesObjection(on today: CivilDate) throws(DomainError) {
        guard !closed, period.takesObjections(on: today) else {
            throw .invalid("application", "the notice of review session \(session) ended on \(period.endsOn); objections are no longer taken")
        }
    }

    /// The notice is closed only after its last day, and once.
    public func checkClosable(today: CivilDate) throws(DomainError) {
        guard !closed else { throw .invalid("session", "the notice of review session \(session) is already closed") }
        guard today > period.endsOn else {
            throw .invalid("session", "the notice of review session \(session) runs until \(period.endsOn); it can be closed from the next day (today is \(today))")
        }
    }
}
