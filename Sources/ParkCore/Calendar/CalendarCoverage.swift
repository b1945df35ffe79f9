/// How far ahead of a day the working-day calendar counts: from that day's year through each
/// following year it holds a schedule for, without a gap. The State Council publishes a year's
/// schedule in the November or December before it, and a deadline counted past the calendar's
/// last day is refused: when that day is near, or already past, the administrator is told to
/// add the next year's file before a notice or an appeal window needs it.
public struct CalendarCoverage: Equatable, Sendable {
    /// How near the last day counted may come before the administrator is told.
    public static let warningDays = 45

    /// Where the calendar stands on the day asked about.
    public enum Standing: Equatable, Sendable {
        /// It counts through `through`, more than `warningDays` ahead.
        case covered(through: CivilDate)
        /// It counts through `through`, `daysLeft` days ahead (0: today is its last day).
        case endsSoon(through: CivilDate, daysLeft: Int)
        /// It holds no schedule for the day's own year: every count of working days from the
        /// day is refused.
        case yearNotCovered(Int)
    }

    public let standing: Standing

    public init(_ calendar: WorkingDayCalendar, today: CivilDate) {
        let held = Set(calendar.years)
        guard held.contains(today.year) else {
            standing = .yearNotCovered(today.year)
            return
        }
        var lastYear = today.year
        while held.contains(lastYear + 1) { lastYear += 1 }
        let through = Month(year: lastYear, month: 12).lastDay
        let daysLeft = through.dayNumber - today.dayNumber
        standing = daysLeft > Self.warningDays ? .covered(through: through) : .endsSoon(through: through, daysLeft: daysLeft)
    }

    /// The last day a count of working days may reach; nil when the day's own year is not held.
    public var through: CivilDate? {
        switch standing {
        case .covered(let through), .endsSoon(let through, _): through
        case .yearNotCovered: nil
        }
    }

    /// What the administrator should do, in a sentence; nil while the calendar counts far enough.
    public var warning: String? {
        switch standing {
        case .covered:
            return nil
        case .endsSoon(let through, let daysLeft):
            let next = through.year + 1
            let when = switch daysLeft {
            case 0: "today"
            case 1: "tomorrow"
            default: "in \(daysLeft) days"
            }
            return "the working-day calendar ends on \(through) (\(when)): a deadline in working days past it is refused; "
                + "add \(next)'s holiday schedule (国务院办公厅关于\(next)年部分节假日安排的通知) to the calendar directory "
                + "as soon as it is published, then reload"
        case .yearNotCovered(let year):
            return "the working-day calendar holds no schedule for \(year), this year: every deadline in working days is refused; "
                + "add \(year)'s holiday schedule (国务院办公厅关于\(year)年部分节假日安排的通知) to the calendar directory, then reload"
        }
    }
}
