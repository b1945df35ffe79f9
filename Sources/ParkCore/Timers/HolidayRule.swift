/// What a timer limited to working days does with an elapse that falls on a day off.
public enum HolidayRule: String, CaseIterable, Equatable, Sendable {
    /// The elapse is dropped; the timer waits for its next elapse on a working day.
    case skip
    /// The elapse runs on the next working day, at the same time of day.
    case nextWorkingDay = "next-working-day"
}
