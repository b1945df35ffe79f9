import ParkCore

/// When the journal is told that the working-day calendar ends soon (`CalendarCoverage`): once a
/// park day, and again as soon as the years it holds change (a reload), so that a parkd that runs
/// for months still says it every day, and a reload that did not add the year says so at once.
struct CalendarReminder {
    private var lastAsked: (day: CivilDate, years: [Int])?

    /// The warning to log now, if any.
    mutating func warning(calendar: WorkingDayCalendar, today: CivilDate) -> String? {
        let years = calendar.years
        if let lastAsked, lastAsked.day == today, lastAsked.years == years { return nil }
        lastAsked = (today, years)
        return CalendarCoverage(calendar, today: today).warning
    }
}
