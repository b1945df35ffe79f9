import MemberwiseInit

/// How an event repeats: daily or weekly until a last day, with days taken out (exceptions),
/// single occurrences moved or retitled, and, when asked, only on the park's working days.
@MemberwiseInit
public struct EventRecurrence: Equatable, Sendable {
    public enum Frequency: String, ClosedChoice {
        public static let choiceName = "a frequency"
        public static let choiceField = "frequency"

        case daily, weekly
    }

    public var frequency: Frequency
    /// Every `interval` days or weeks.
    public var interval: Int = 1
    /// The weekdays of a weekly series; empty: the first day's.
    public var weekdays: [Weekday] = []
    /// The last day an occurrence may fall on.
    public var until: CivilDate
    /// Only the park's working days (its working-day calendar: weekends and holidays out,
    /// swapped working days in).
    public var workingDaysOnly: Bool = false
    /// Days the rule gives that are taken out, in order.
    public var exceptions: [CivilDate] = []
    /// Single occurrences moved or retitled, by the day the rule gives them.
    public var changes: [OccurrenceChange] = []

    /// The most occurrences a series may have.
    public static let occurrenceLimit = 1000

    /// The days the rule gives from `first` (its first day), before exceptions and working days.
    public func ruleDays(from first: CivilDate) -> [CivilDate] {
        var days: [CivilDate] = []
        switch frequency {
        case .daily:
            var day = first
            while day <= until, days.count <= Self.occurrenceLimit {
                days.append(day)
                day = day.adding(days: interval)
            }
        case .weekly:
            let wanted = Set((weekdays.isEmpty ? [first.weekday] : weekdays).map(\.rawValue))
            let firstMonday = first.adding(days: 1 - first.weekday.rawValue)
            var day = first
            while day <= until, days.count <= Self.occurrenceLimit {
                let week = (day.dayNumber - firstMonday.dayNumber) / 7
                if week % interval == 0, wanted.contains(day.weekday.rawValue) { days.append(day) }
                day = day.adding(days: 1)
            }
        }
        return days
    }

    /// The days left out that the rule gives: the exceptions and, for a working-days series,
    /// every day the calendar does not work (iCalendar's EXDATEs).
    public func daysOut(from first: CivilDate, calendar: WorkingDayCalendar) throws(DomainError) -> [CivilDate] {
        var out: [CivilDate] = []
        for day in ruleDays(from: first) {
            if exceptions.contains(day) {
                out.append(day)
            } else if workingDaysOnly, try !calendar.isWorkingDay(day) {
                out.append(day)
            }
        }
        return out
    }
}

/// One occurrence of a series moved (a new start and end) or retitled.
@MemberwiseInit
public struct OccurrenceChange: Equatable, Sendable {
    /// The day the rule gives it (iCalendar's RECURRENCE-ID).
    public var day: CivilDate
    public var start: LocalDateTime? = nil
    public var end: LocalDateTime? = nil
    public var title: String? = nil
}

/// One time an event takes place: the only one of a single event, or one of a series.
@MemberwiseInit
public struct EventOccurrence: Equatable, Sendable {
    /// The day the rule gives it (the start's day for a single event): how registrations and
    /// outcomes name it, and iCalendar's RECURRENCE-ID.
    public var day: CivilDate
    public var start: LocalDateTime
    public var end: LocalDateTime
    public var startsAt: Int64
    public var endsAt: Int64
    public var title: String
    /// Moved or retitled from what the series gives.
    public var isChanged: Bool
}

extension ParkEvent {
    /// Its occurrences in order of their day: one for a single event; for a series, the days
    /// the rule gives less the days out, each at the first one's times unless moved.
    ///
    /// Refused: an exception or a change on a day the rule does not give (a calendar would
    /// ignore it), a change of a day taken out, a moved occurrence that ends before it starts,
    /// a series without any occurrence or with more than 1000, and a working-days series in a
    /// year the calendar does not cover.
    public func occurrences(calendar: WorkingDayCalendar, rules: some TimeZoneRules) throws(DomainError) -> [EventOccurrence] {
        guard let recurrence else {
            return [EventOccurrence(day: start.date, start: start, end: end, startsAt: startsAt, endsAt: endsAt, title: title, isChanged: false)]
        }
        guard (1...366).contains(recurrence.interval) else {
            throw .invalid("interval", "\(recurrence.interval) is not an interval from 1 to 366")
        }
        guard recurrence.until >= start.date else { throw .invalid("until", "\(recurrence.until) is before the first day, \(start.date)") }
        guard recurrence.frequency == .daily || recurrence.weekdays.isEmpty || recurrence.weekdays.contains(start.date.weekday) else {
            throw .invalid("weekdays", "the first day, \(start.date), is a \(start.date.weekday); a weekly series starts on one of its weekdays")
        }
        let days = recurrence.ruleDays(from: start.date)
        guard days.count <= EventRecurrence.occurrenceLimit else {
            throw .invalid("until", "the series would have more than \(EventRecurrence.occurrenceLimit) occurrences")
        }
        for day in recurrence.exceptions where !days.contains(day) {
            throw .invalid("exceptions", "\(day) is not a day of the series; an exception names a day it gives")
        }
        let out = Set(try recurrence.daysOut(from: start.date, calendar: calendar))
        for change in recurrence.changes {
            guard days.contains(change.day) else { throw .invalid("occurrence", "\(change.day) is not a day of the series") }
            guard !out.contains(change.day) else { throw .invalid("occurrence", "\(change.day) is taken out of the series") }
        }
        let length = end.localSeconds - start.localSeconds
        var occurrences: [EventOccurrence] = []
        for day in days where !out.contains(day) {
            let change = recurrence.changes.first { $0.day == day }
            let ruleStart = start.adding(days: day.dayNumber - start.date.dayNumber)
            let occurrenceStart = change?.start ?? ruleStart
            let occurrenceEnd = change?.end ?? LocalDateTime(localSeconds: occurrenceStart.localSeconds + length)
            guard occurrenceEnd > occurrenceStart else {
                throw .invalid("end", "the occurrence of \(day) would end at \(occurrenceEnd), not after its start, \(occurrenceStart)")
            }
            // As a single event's: a time the zone skips is refused, never moved by guess.
            for (field, time) in [("start", occurrenceStart), ("end", occurrenceEnd)] where !time.exists(in: rules) {
                throw .invalid(field, """
                    the occurrence of \(day) would \(field) at \(time), which does not exist in \(timeZone): the clocks skip it when \
                    they go forward; take that day out of the series, or give the series other times
                    """)
            }
            occurrences.append(EventOccurrence(
                day: day, start: occurrenceStart, end: occurrenceEnd, startsAt: occurrenceStart.instant(in: rules),
                endsAt: occurrenceEnd.instant(in: rules), title: change?.title ?? title, isChanged: change != nil))
        }
        guard !occurrences.isEmpty else { throw .invalid("until", "the series has no occurrence left") }
        return occurrences
    }
}

extension EventRecurrence {
    /// `monday` … `sunday`, or their first three letters.
    public static func weekday(_ text: String, field: String = "weekdays") throws(DomainError) -> Weekday {
        let lower = text.lowercased()
        guard lower.count >= 3, let day = Weekday.allCases.first(where: { $0.description.lowercased().hasPrefix(lower) }) else {
            throw .invalid(field, "'\(text)' is not a weekday; use monday … sunday or mon … sun")
        }
        return day
    }
}
